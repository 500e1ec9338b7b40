"""Public read endpoints of partnership offers and requests, and their suggested partners.

Glue only: parameters are validated by the web board's `BoardFilterForm`, rows come from
`partnerships.selectors`, suggestions from `partnerships.matching`. Only what the board
shows is listed: open, unexpired posts of published actors; anything else answers 404.
Reasons of suggestions are written in the language the request asks for.
"""

from datetime import date

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import ErrorOut, Page, ValidationErrorOut
from kaimolink.partnerships import matching, selectors
from kaimolink.partnerships.enums import Area, PostKind
from kaimolink.partnerships.forms import MAX_QUERY_LENGTH, BoardFilterForm

router = Router()
MAX_SUGGESTIONS = 20


class PartnershipFilters(Schema):
    """Board filters; empty values mean "no filter", as on the web board."""

    kind: str = Field(
        "", description="`offer` or `request`.", json_schema_extra={"enum": ["", *PostKind.values]}
    )
    q: str = Field(
        "",
        description="Search words in the title, description, actor name and themes. Case and "
        "Lithuanian accents are ignored: `medus` finds „Medus“ and `sakotis` finds „šakotis“.",
        json_schema_extra={"maxLength": MAX_QUERY_LENGTH},
    )
    lag: str = Field("", description="Slug of the posting actor's LAG, as listed by `GET /lags`.")
    theme: str = Field("", description="Slug of a smart-village theme or training topic.")


class ActorRef(Schema):
    slug: str
    name: str


class PostListItem(Schema):
    id: int
    kind: PostKind
    kind_label: str
    title: str
    actor: ActorRef
    lag: str = Field(description="Slug of the posting actor's LAG.")
    themes: list[str] = Field(description="Theme slugs, in the platform's theme order.")
    area: Area = Field(description="Where partners may come from.")
    ends: date = Field(description="Last day the post is open.")
    url: str = Field(description="Path of the post's page, in the language the request asks for.")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_lag(obj) -> str:
        return obj.actor.lag.slug

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [t.slug for t in obj.themes.all()]

    @staticmethod
    def resolve_ends(obj) -> date:
        return obj.ends_on

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PostPage(Schema):
    count: int = Field(description="Posts matching the filters, on all pages.")
    items: list[PostListItem]


class PostDetail(PostListItem):
    description: str = Field(description="Markdown text written by the actor.")
    created: date

    @staticmethod
    def resolve_created(obj) -> date:
        return timezone.localtime(obj.created_at).date()


class SuggestionOut(Schema):
    slug: str = Field(description="Slug of the suggested actor.")
    name: str
    score: int = Field(description="0–100: shared words, themes, distance and LAG.")
    reason: str = Field(description="Why, in one line, in the language the request asks for.")


class SuggestionPage(Schema):
    count: int
    items: list[SuggestionOut]


def _filters(filters: PartnershipFilters) -> dict:
    """The validated filters, or a 422 naming each refused parameter and the reason."""
    form = BoardFilterForm(filters.model_dump())
    valid_or_422(form)
    return form.to_filter()


def _post_on_board(post_id: int):
    """The post when the board shows it (open, unexpired, published actor); else 404."""
    # An id no row can have (SQLite refuses integers beyond 64 bits: a 500) is simply unknown.
    post = selectors.posts_on_board().filter(pk=post_id).first() if 0 < post_id < 2**63 else None
    if post is None:
        raise Http404(str(selectors.NOT_ON_BOARD))
    return post


@router.get(
    "/partnerships", response={200: PostPage, 422: ValidationErrorOut}, tags=["partnerships"],
    summary="Partnership offers and requests", operation_id="partnerships_list",
)  # fmt: skip
def partnerships_list(request, filters: Query[PartnershipFilters], page: Query[Page]):
    """Open offers and requests of published actors, newest first, one page at a time.

    The filters accept exactly what the web board accepts. A refused value answers 422
    with `detail[].loc` naming the parameter and `detail[].msg` the reason.
    """
    qs = selectors.posts_on_board(**_filters(filters))
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + page.limit])}


@router.get(
    "/partnerships/{post_id}",
    response={200: PostDetail, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["partnerships"], summary="One offer or request", operation_id="partnerships_detail",
)  # fmt: skip
def partnerships_detail(request, post_id: int):
    """One open offer or request; 404 when it is closed, expired, hidden or unknown.

    A `post_id` that is not a whole number answers 422.
    """
    return _post_on_board(post_id)


@router.get(
    "/partnerships/{post_id}/suggestions",
    response={200: SuggestionPage, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["partnerships"], summary="Suggested partners of an offer or request",
    operation_id="partnerships_suggestions",
)  # fmt: skip
def partnerships_suggestions(request, post_id: int):
    """Published actors that could answer the post, best first (see docs/matchmaking.md)."""
    post = _post_on_board(post_id)
    found = matching.suggestions_for_post(post, limit=MAX_SUGGESTIONS)
    items = [
        {"slug": s.actor.slug, "name": s.actor.name, "score": s.score, "reason": s.reason}
        for s in found
    ]
    return {"count": len(items), "items": items}

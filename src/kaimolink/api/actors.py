"""Public read endpoints of the actors database: LAGs, the directory and profiles.

Glue only: parameters are validated by the same form as the web directory, rows come from
`actors.selectors`, visibility is asked of `actors.rules`. Only published actors are shown,
and contacts only with the actor's consent; the API has no logged-in view.
"""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from kaimolink.actors import rules as actor_rules
from kaimolink.actors import selectors
from kaimolink.actors.forms import DirectoryFilterForm
from kaimolink.actors.selectors import DirectoryQuery
from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import (
    ActorDetail,
    ActorFilters,
    ActorPage,
    ErrorOut,
    LagOut,
    Page,
    ValidationErrorOut,
)

router = Router()

# What Actor.slug can hold (a SlugField without unicode). Anything else cannot be a
# profile, so it is answered 404 without asking the database: PostgreSQL refuses to compare
# text holding a NUL character (DataError, a 500), which the fuzz test finds at once.
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")


def _directory_query(filters: ActorFilters) -> DirectoryQuery:
    """The validated query, or a 422 naming each refused parameter and the reason."""
    # The form also refuses NUL characters, which PostgreSQL cannot compare (a 500 otherwise).
    form = DirectoryFilterForm(filters.form_data())
    valid_or_422(form)
    return form.to_query()


@router.get(
    "/lags", response=list[LagOut], tags=["lags"], summary="Local Action Groups",
    operation_id="lags_list",
)  # fmt: skip
def lags_list(request):
    """Every LAG, in Lithuanian alphabetical order, with its number of published actors."""
    return selectors.lags_with_actor_counts()


@router.get(
    "/actors", response={200: ActorPage, 422: ValidationErrorOut}, tags=["actors"],
    summary="Search the actors directory", operation_id="actors_list",
)  # fmt: skip
def actors_list(request, filters: Query[ActorFilters], page: Query[Page]):
    """Published actors matching the filters, one page at a time.

    The filters accept exactly what the directory page accepts. A refused value answers
    422 with `detail[].loc` naming the parameter and `detail[].msg` the reason.
    """
    query = _directory_query(filters)
    result = selectors.actors_directory_result(query=query, exact_count=True)
    return {
        "count": result.count,
        "items": list(result.actors[page.offset : page.offset + page.limit]),
    }


@router.get(
    "/actors/{slug}", response={200: ActorDetail, 404: ErrorOut}, tags=["actors"],
    summary="An actor's public profile", operation_id="actors_detail",
)  # fmt: skip
def actors_detail(request, slug: str):
    """One published actor; 404 when there is none or it is not published."""
    actor = selectors.actor_for_profile(slug=slug) if _SLUG.fullmatch(slug) else None
    if actor is None or not actor_rules.is_published(None, actor):
        raise Http404(_("No published actor with this slug."))
    return actor

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.actors.selectors import actors_of_member
from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.core.pagecache import cache_public_page
from kaimolink.core.search import nothing_found_advice
from kaimolink.moderation.views import report_page
from kaimolink.partnerships import matching, selectors, services
from kaimolink.partnerships.enums import PostKind
from kaimolink.partnerships.forms import BoardFilterForm, PostForm
from kaimolink.partnerships.models import PartnershipPost

BOARD_PAGE_SIZE = 20
SUGGESTIONS_SHOWN = 10


def get_post_for_user(user, pk: int, perm: str = "partnerships.view_post") -> PartnershipPost:
    """The post, when this person may see (or `perm`) it; 404 whether missing or forbidden."""
    # An id beyond 64 bits cannot exist (and SQLite would refuse to compare it: a 500).
    post = selectors.post_for_page(pk) if pk < 2**63 else None
    if post is None or not user.has_perm(perm, post):
        raise Http404
    return post


def _nothing_found(board_filter: dict) -> dict:
    """Title and advice of the empty board (core/_empty.html), fitting the filter."""
    q = board_filter["q"]
    filtered = any(value for key, value in board_filter.items() if key != "q")
    if q:
        title = _("No posts match “%(q)s”") % {"q": q}
    elif filtered:
        title = _("No posts match these filters")
    else:
        title = _("No open posts at the moment")
    return {"title": title, "advice": nothing_found_advice(q, filtered=filtered)}


@require_GET
@cache_public_page
def board(request):
    form = BoardFilterForm(request.GET)
    page, status = None, 400
    if form.is_valid():
        status = 200
        paginator = Paginator(selectors.posts_on_board(**form.to_filter()), BOARD_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    if page is not None and not page.paginator.count:
        context["nothing_found"] = _nothing_found(form.to_filter())
    template = "partnerships/_results.html" if request.htmx else "partnerships/board.html"
    return render(request, template, context, status=status)


@require_GET
@cache_public_page
def post_detail(request, pk):
    post = get_post_for_user(request.user, pk)
    user = request.user
    live = post.is_live(timezone.localdate())
    context = {
        "post": post,
        "live": live,
        "suggestions": matching.suggestions_for_post(post, limit=SUGGESTIONS_SHOWN) if live else [],
        "can_edit": user.has_perm("partnerships.change_post", post),
        "can_close": user.has_perm("partnerships.close_post", post),
        "can_hide": user.has_perm("partnerships.hide_post", post),
    }
    return render(request, "partnerships/detail.html", context)


@login_required
def post_create(request):
    actors = actors_of_member(user=request.user, published=True)
    initial = (
        {"kind": request.GET.get("kind")} if request.GET.get("kind") in PostKind.values else {}
    )
    form = PostForm(request.POST or None, actors=actors, initial=initial)
    context = {"form": form, "has_actors": actors.exists()}
    if request.method != "POST":
        return render(request, "partnerships/form.html", context)
    if not form.is_valid():
        return render(request, "partnerships/form.html", context, status=400)
    try:
        post = services.post_create(
            by=request.user,
            actor=form.cleaned_data["actor"],
            data=form.service_data(),
            themes=form.cleaned_data["themes"],
        )
    except services.PartnershipError as exc:
        form.add_error(None, str(exc))
        return render(request, "partnerships/form.html", context, status=400)
    messages.success(request, _("Your post is on the board."))
    return redirect(post)


@login_required
def post_edit(request, pk):
    post = get_post_for_user(request.user, pk, "partnerships.change_post")
    form = PostForm(request.POST or None, instance=post)
    context = {"form": form, "post": post, "has_actors": True}
    if request.method != "POST":
        return render(request, "partnerships/form.html", context)
    if not form.is_valid():
        return render(request, "partnerships/form.html", context, status=400)
    try:
        services.post_update(
            post=post, by=request.user, data=form.service_data(), themes=form.cleaned_data["themes"]
        )
    except services.PartnershipError as exc:
        form.add_error(None, str(exc))
        return render(request, "partnerships/form.html", context, status=400)
    messages.success(request, _("Changes saved."))
    return redirect(post)


@login_required
@require_http_methods(["GET", "POST"])
def post_close(request, pk):
    """GET asks to confirm (core.confirm); only the confirmed POST closes."""
    post = get_post_for_user(request.user, pk, "partnerships.close_post")
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Close the post"),
            question=_("Close “%s”? It leaves the board and no longer gets suggestions.")
            % post.title,
            button_label=_("Close the post"),
            back_url=post.get_absolute_url(),
        )
    try:
        services.post_close(post=post, by=request.user)
    except services.PartnershipError as exc:
        messages.error(request, str(exc))
        return redirect(post)
    messages.success(request, _("The post is closed."))
    return redirect(post)


@login_required
@require_http_methods(["GET", "POST"])
def post_hide(request, pk):
    """GET asks to confirm (core.confirm); only the confirmed POST hides."""
    post = get_post_for_user(request.user, pk, "partnerships.hide_post")
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Hide from the board"),
            question=_("Hide “%s” from the board? Visitors no longer see it.") % post.title,
            button_label=_("Hide from the board"),
            back_url=post.get_absolute_url(),
        )
    try:
        services.post_hide(post=post, by=request.user)
    except services.PartnershipError as exc:
        messages.error(request, str(exc))
        return redirect(post)
    messages.success(request, _("The post is hidden from the board."))
    return redirect(post)


@require_GET
@cache_public_page
def for_actor(request, slug):
    """Open requests a published actor could answer, and actors that complement it."""
    actor = selectors.actor_for_matches(slug=slug)
    if actor is None:
        raise Http404
    context = {
        "actor": actor,
        "requests": matching.requests_for_actor(actor, limit=SUGGESTIONS_SHOWN),
        "complements": matching.complementary_actors(actor, limit=SUGGESTIONS_SHOWN),
        "own_posts": selectors.posts_of_actor(actor=actor),
    }
    return render(request, "partnerships/for_actor.html", context)


@login_required
def post_report(request, pk):
    """Report a post as spam or abuse to the coordinators of the actor's LAG."""
    post = get_post_for_user(request.user, pk)
    return report_page(
        request,
        target=post,
        title=post.title,
        excerpt=f"{post.title}\n\n{post.description}",
        back_url=post.get_absolute_url(),
        lag=post.actor.lag,
    )

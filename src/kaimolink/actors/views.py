from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag, require_GET, require_http_methods, require_POST

from kaimolink.actors import invitations, selectors, services
from kaimolink.actors.enums import ActorStatus, MemberRole
from kaimolink.actors.forms import (
    ActorForm,
    ContactForm,
    DirectoryFilterForm,
    InviteForm,
    ReturnForm,
)
from kaimolink.actors.models import Actor
from kaimolink.actors.rules import is_member_of_actor
from kaimolink.core import ratelimit
from kaimolink.core.clientip import client_ip
from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.core.pagecache import cache_public_page, public_pages_generation
from kaimolink.core.search import nothing_found_advice

CONTACT_LIMIT_PER_HOUR = 5
SLUG_PLACEHOLDER = "slug-placeholder"


def _filter_form(request) -> DirectoryFilterForm:
    # Always bound: no parameters at all is a valid query for everything.
    return DirectoryFilterForm(request.GET)


def _query_or_none(form: DirectoryFilterForm):
    return form.to_query() if form.is_valid() else None


class CountedPaginator(Paginator):
    """A paginator told the count (the selector counts once, and may cap it)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def get_actor_for_user(user, slug: str, perm: str = "actors.view_actor") -> Actor:
    """The actor, when this person may see (or `perm`) it; 404 whether missing or forbidden."""
    actor = selectors.actor_for_profile(slug=slug)
    if actor is None or not user.has_perm(perm, actor):
        raise Http404
    return actor


def _nothing_found(query: selectors.DirectoryQuery) -> dict:
    """Title and advice of the empty directory (core/_empty.html), fitting the query."""
    filtered = any(
        (query.lag, query.district_id, query.actor_type, query.theme, query.certified is not None)
    )
    if query.q:
        title = _("No actors match “%(q)s”") % {"q": query.q}
    elif filtered:
        title = _("No actors match these filters")
    else:
        title = _("No actors have been published yet")
    return {"title": title, "advice": nothing_found_advice(query.q, filtered=filtered)}


@require_GET
@cache_public_page
def directory(request):
    form = _filter_form(request)
    query = _query_or_none(form)
    status = 200
    if query is None:
        page = None
        status = 400
    else:
        result = selectors.actors_directory_result(query=query)
        paginator = CountedPaginator(
            result.actors, settings.DIRECTORY_PAGE_SIZE, count=result.count
        )
        page = paginator.get_page(request.GET.get("page"))
        page.count_is_capped = result.count_is_capped
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    if page is not None and not page.paginator.count:
        context["nothing_found"] = _nothing_found(query)
    template = "actors/_results.html" if request.htmx else "actors/directory.html"
    return render(request, template, context, status=status)


@require_GET
@cache_public_page
def actor_map(request):
    form = _filter_form(request)
    query = _query_or_none(form)
    bounds = selectors.map_bounds(query=query) if query is not None else None
    return render(
        request,
        "actors/map.html",
        {
            "form": form,
            "querystring": request.GET.urlencode(),
            "bounds": ",".join(str(x) for x in bounds) if bounds else "",
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        status=200 if query is not None else 400,
    )


def _parse_bbox(raw: str):
    try:
        west, south, east, north = (float(x) for x in raw.split(","))
    except (ValueError, AttributeError):
        return None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return None
    return west, south, east, north


def _markers_etag(request) -> str:
    """The markers of one address change only with public content, whose generation
    (core.pagecache) every change of an actor, LAG or settlement increases. One small
    query answers a revisit with 304 and no body."""
    return f"markers-{MARKERS_FORMAT}-{public_pages_generation()}"


# Change when the GeoJSON's shape changes, so browsers do not keep answers of the old one.
MARKERS_FORMAT = 1


@require_GET
# The same for every visitor (public actors only); kept by the browser but asked again
# each time (no-cache = revalidate), which the ETag answers with 304 when nothing changed.
@cache_control(public=True, no_cache=True)
@etag(_markers_etag)
@cache_public_page
def actor_geojson(request):
    """Markers of the visible map area as GeoJSON; `bbox=west,south,east,north` is required."""
    form = _filter_form(request)
    query = _query_or_none(form)
    if query is None:
        return JsonResponse({"error": _("Invalid filter."), "fields": form.errors}, status=400)
    bbox = _parse_bbox(request.GET.get("bbox", ""))
    if bbox is None:
        return JsonResponse({"error": _("Give bbox=west,south,east,north in degrees.")}, status=400)
    west, south, east, north = bbox
    rows, truncated = selectors.actors_in_area(
        query=query, south=south, west=west, north=north, east=east
    )
    # One reverse() for all markers: a thousand of them made reverse() half the answer's time.
    profile_url = reverse("actors:detail", kwargs={"slug": SLUG_PLACEHOLDER})
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
            "properties": {
                "slug": r["slug"],
                "name": r["name"],
                "type": r["actor_type"],
                "certified": r["certification_status"] == "certified",
                "url": profile_url.replace(SLUG_PLACEHOLDER, r["slug"]),
            },
        }
        for r in rows
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features, "truncated": truncated})


@require_GET
@cache_public_page
def actor_detail(request, slug):
    actor = get_actor_for_user(request.user, slug)
    return render(request, "actors/detail.html", _profile_context(request.user, actor))


def _profile_context(user, actor) -> dict:
    return {
        "actor": actor,
        "can_edit": user.has_perm("actors.change_actor", actor),
        "can_moderate": user.has_perm("actors.moderate_actor", actor),
        "show_contacts": actor.contacts_public or user.has_perm("actors.see_private_fields", actor),
        "return_form": ReturnForm(),
    }


def actor_contact(request, slug):
    """A message to a published actor, forwarded by e-mail (the actor's address stays hidden).

    A page of its own, so that the profile carries no CSRF token and can be cached.
    """
    actor = get_actor_for_user(request.user, slug)
    if actor.status != ActorStatus.PUBLISHED:
        raise Http404
    form = ContactForm(request.POST or None)
    if request.method != "POST":
        return render(request, "actors/contact.html", {"actor": actor, "form": form})
    if not form.is_valid():
        return render(request, "actors/contact.html", {"actor": actor, "form": form}, status=400)
    if form.cleaned_data["website"]:  # the hidden field: a bot. Pretend all went well.
        messages.success(request, _("Your message was sent."))
        return redirect(actor)
    # Counted per real client (core.clientip) in the shared cache, before sending: an
    # attempt counts whether or not the e-mail goes out.
    if not ratelimit.hit(
        f"contact:{client_ip(request)}", limit=CONTACT_LIMIT_PER_HOUR, seconds=3600
    ):
        form.add_error(None, _("Too many messages. Try again in an hour."))
        return render(request, "actors/contact.html", {"actor": actor, "form": form}, status=429)
    try:
        services.actor_contact_send(
            actor=actor,
            sender_name=form.cleaned_data["name"],
            sender_email=form.cleaned_data["email"],
            message=form.cleaned_data["message"],
        )
    except services.ActorError as exc:
        form.add_error(None, str(exc))
        return render(request, "actors/contact.html", {"actor": actor, "form": form}, status=409)
    messages.success(request, _("Your message was sent."))
    return redirect(actor)


@login_required
def actor_create(request):
    form = ActorForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            actor = services.actor_create(
                by=request.user,
                data=form.service_data(),
                themes=form.cleaned_data["themes"],
                submit="submit" in request.POST,
            )
            if actor.status == ActorStatus.PENDING:
                messages.success(request, _("Thank you! The LAG coordinator will review it."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect(actor)
        return render(request, "actors/form.html", {"form": form}, status=400)
    return render(request, "actors/form.html", {"form": form})


@login_required
def actor_edit(request, slug):
    actor = get_actor_for_user(request.user, slug, "actors.change_actor")
    form = ActorForm(request.POST or None, request.FILES or None, instance=actor)
    if request.method == "POST":
        if form.is_valid():
            services.actor_update(
                actor=actor,
                by=request.user,
                data=form.service_data(),
                themes=form.cleaned_data["themes"],
            )
            messages.success(request, _("Changes saved."))
            return redirect(actor)
        return render(request, "actors/form.html", {"form": form, "actor": actor}, status=400)
    return render(request, "actors/form.html", {"form": form, "actor": actor})


TRANSITIONS = {
    "submit": ActorStatus.PENDING,
    "publish": ActorStatus.PUBLISHED,
    "return": ActorStatus.DRAFT,
    "archive": ActorStatus.ARCHIVED,
}


@login_required
@require_POST
def actor_transition(request, slug, action):
    actor = get_actor_for_user(request.user, slug, "actors.change_actor")
    to_status = TRANSITIONS.get(action)
    if to_status is None:
        raise Http404
    reason = ""
    if action == "return":
        form = ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write the reason why the profile is returned."))
            return redirect(actor)
        reason = form.cleaned_data["reason"]
    try:
        services.actor_transition(actor=actor, by=request.user, to_status=to_status, reason=reason)
    except services.ActorError as exc:
        messages.error(request, str(exc))
        return render(
            request, "actors/detail.html", _profile_context(request.user, actor), status=409
        )
    messages.success(request, _("Status changed: %s") % ActorStatus(to_status).label)
    if action in ("publish", "return") and request.POST.get("next") == "queue":
        return redirect("actors:moderation")
    return redirect(actor)


@login_required
def moderation(request):
    if not (request.user.is_superuser or request.user.coordinated_lag_ids()):
        raise PermissionDenied
    paginator = Paginator(selectors.moderation_queue(user=request.user), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "actors/moderation.html", {"page": page, "return_form": ReturnForm()})


def bad_request(message: str):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


# --- Co-editors (services and rules in actors/invitations.py) ------------------------------


def _coeditors_page(request, actor, form, *, status=200):
    members = list(invitations.members_of_actor(actor=actor))
    return render(
        request,
        "actors/coeditors.html",
        {
            "actor": actor,
            "members": members,
            "owner_count": sum(m.role == MemberRole.OWNER for m in members),
            "invitations": invitations.open_invitations(actor=actor),
            "can_manage": invitations.can_manage_coeditors(request.user, actor),
            "form": form,
        },
        status=status,
    )


def _actor_for_coeditors(request, slug) -> Actor:
    """The actor, for people who may see its co-editors; 404 for everyone else."""
    actor = selectors.actor_for_profile(slug=slug)
    if actor is None or not invitations.can_view_coeditors(request.user, actor):
        raise Http404
    return actor


@login_required
def coeditors(request, slug):
    """The co-editors and open invitations of an actor; owners invite here (POST)."""
    actor = _actor_for_coeditors(request, slug)
    if request.method != "POST":
        return _coeditors_page(request, actor, InviteForm())
    if not invitations.can_manage_coeditors(request.user, actor):
        raise PermissionDenied
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _coeditors_page(request, actor, form, status=400)
    try:
        invitation = invitations.invitation_create(
            actor=actor, by=request.user, email=form.cleaned_data["email"]
        )
    except invitations.InvitationError as exc:
        form.add_error("email", str(exc))
        return _coeditors_page(request, actor, form, status=exc.status)
    messages.success(request, _("Invitation sent to %s.") % invitation.email)
    return redirect("actors:coeditors", slug=actor.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request, slug, pk):
    """GET asks to confirm (core.confirm); only the confirmed POST revokes."""
    actor = _actor_for_coeditors(request, slug)
    if not invitations.can_manage_coeditors(request.user, actor):
        raise PermissionDenied
    invitation = invitations.invitation_of_actor(actor=actor, pk=pk)
    if invitation is None:
        raise Http404
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Revoke the invitation"),
            question=_("Revoke the invitation sent to %s? Its link stops working.")
            % invitation.email,
            button_label=_("Revoke the invitation"),
            back_url=reverse("actors:coeditors", args=[actor.slug]),
        )
    try:
        invitation = invitations.invitation_revoke(actor=actor, invitation_id=pk, by=request.user)
    except invitations.InvitationError as exc:
        if exc.status in (403, 404):
            raise (PermissionDenied if exc.status == 403 else Http404) from None
        messages.error(request, str(exc))
        return _coeditors_page(request, actor, InviteForm(), status=exc.status)
    messages.success(request, _("The invitation to %s was revoked.") % invitation.email)
    return redirect("actors:coeditors", slug=actor.slug)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, slug, pk):
    """GET asks to confirm (core.confirm); only the confirmed POST removes."""
    actor = _actor_for_coeditors(request, slug)
    if not invitations.can_manage_coeditors(request.user, actor):
        raise PermissionDenied
    membership = invitations.membership_of_actor(actor=actor, pk=pk)
    if membership is None:
        raise Http404
    if not is_confirmed(request):
        leaving = membership.user_id == request.user.pk
        who = membership.user.full_name or membership.user.email
        return confirm_page(
            request,
            title=_("Leave the profile") if leaving else _("Remove the co-editor"),
            question=(
                _("Stop being a co-editor of “%s”? You can no longer edit it.") % actor.name
                if leaving
                else _("Remove %(who)s from the co-editors of “%(actor)s”?")
                % {"who": who, "actor": actor.name}
            ),
            button_label=_("Leave") if leaving else _("Remove"),
            back_url=reverse("actors:coeditors", args=[actor.slug]),
        )
    try:
        invitations.member_remove(actor=actor, membership_id=pk, by=request.user)
    except invitations.InvitationError as exc:
        if exc.status in (403, 404):
            raise (PermissionDenied if exc.status == 403 else Http404) from None
        messages.error(request, str(exc))
        return _coeditors_page(request, actor, InviteForm(), status=exc.status)
    if not invitations.can_view_coeditors(request.user, actor):  # they removed themselves
        messages.success(request, _("You are no longer a co-editor of “%s”.") % actor.name)
        return redirect("accounts:dashboard")
    messages.success(request, _("The co-editor was removed."))
    return redirect("actors:coeditors", slug=actor.slug)


def invitation(request, token):
    """The link of an invitation e-mail. Never cached: the token is the key to a profile.

    Anonymous visitors are asked to sign in or sign up and come back (`?next=`); signed-in
    people accept with a POST. Unknown tokens answer 404, used/revoked/expired ones 410.
    """
    found = invitations.invitation_for_token(token)
    context = {"invitation": found, "token": token}
    if found is None:
        context["problem"] = _("This invitation link is not valid. Check that it was copied whole.")
        return render(request, "actors/invitation.html", context, status=404)
    user = request.user
    if is_member_of_actor(user, found.actor):
        context["already_member"] = True
        status = 409 if request.method == "POST" else 200
        return render(request, "actors/invitation.html", context, status=status)
    if found.state != "open":
        context["problem"] = invitations.gone_message(found.state)
        return render(request, "actors/invitation.html", context, status=410)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        try:
            invitations.invitation_accept(token=token, user=user)
        except invitations.InvitationError as exc:
            context["problem"] = str(exc)
            return render(request, "actors/invitation.html", context, status=exc.status)
        messages.success(request, _("You are now a co-editor of “%s”.") % found.actor.name)
        return redirect(found.actor)
    return render(request, "actors/invitation.html", context)

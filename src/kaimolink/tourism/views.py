"""Tourism pages. Glue: permission, one selector or service, render or redirect.

Other people's services and enquiries answer 404 (never 403). Every page carries its
schema.org JSON-LD (tourism.jsonld).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.actors.selectors import DirectoryQuery, actors_of_member, map_bounds
from kaimolink.actors.views import SLUG_PLACEHOLDER, _parse_bbox
from kaimolink.core.search import nothing_found_advice
from kaimolink.market.views import moderate
from kaimolink.tourism import jsonld, selectors, services
from kaimolink.tourism.enums import EnquiryState, ServiceKind, ServiceStatus
from kaimolink.tourism.forms import (
    AnswerForm,
    EnquiryFilterForm,
    EnquiryForm,
    ModerateForm,
    ServiceForm,
    StopForm,
    TourismFilterForm,
)
from kaimolink.tourism.models import TourismService

PAGE_SIZE = 24
ENQUIRIES_PAGE_SIZE = 30


def _page_jsonld(request, name):
    return jsonld.script_tag(jsonld.web_page(name=name, url=request.path))


# --- The list and the map -----------------------------------------------------------------


def _list_context(request) -> tuple[dict, int]:
    """The filtered, paginated list: the list page, and the map page without JavaScript."""
    form = TourismFilterForm(request.GET)
    page, advice, status = None, [], 400
    if form.is_valid():
        status = 200
        query = form.to_query()
        page = Paginator(selectors.services_page(query=query), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        if not page.object_list:
            advice = nothing_found_advice(query.q, filtered=bool(query.lag or query.kind))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "advice": advice,
        "querystring": params.urlencode(),
        "jsonld": jsonld.script_tag(
            jsonld.list_data(page.object_list if page else [], url=request.get_full_path())
        ),
    }
    return context, status


@require_GET
def index(request):
    context, status = _list_context(request)
    return render(request, "tourism/index.html", context, status=status)


@require_GET
def service_map(request):
    """The tourism layer: markers with JavaScript; without it the same page is the list."""
    context, status = _list_context(request)
    lag = context["form"].cleaned_data.get("lag") if status == 200 else None
    bounds = map_bounds(query=DirectoryQuery(lag=lag)) if lag else None
    context.update(
        bounds=",".join(str(x) for x in bounds) if bounds else "",
        tile_url=settings.MAP_TILE_URL,
        tile_attribution=settings.MAP_TILE_ATTRIBUTION,
    )
    return render(request, "tourism/map.html", context, status=status)


@require_GET
def markers(request):
    """Services of the visible map area as GeoJSON; `bbox=west,south,east,north` is required."""
    form = TourismFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": _("Invalid filter."), "fields": form.errors}, status=400)
    bbox = _parse_bbox(request.GET.get("bbox", ""))
    if bbox is None:
        return JsonResponse({"error": _("Give bbox=west,south,east,north in degrees.")}, status=400)
    west, south, east, north = bbox
    rows, truncated = selectors.services_in_area(
        query=form.to_query(), south=south, west=west, north=north, east=east
    )
    urls = {
        name: reverse(f"tourism:{name}", kwargs={"slug": SLUG_PLACEHOLDER})
        for name in ("service", "route")
    }
    kinds = dict(ServiceKind.choices)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
            "properties": {
                "slug": r["slug"],
                "name": r["name"],
                "kind": r["kind"],
                "kind_label": str(kinds.get(r["kind"], "")),
                "url": urls["route" if r["kind"] == ServiceKind.ROUTE else "service"].replace(
                    SLUG_PLACEHOLDER, r["slug"]
                ),
            },
        }
        for r in rows
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features, "truncated": truncated})


# --- A service's and a route's page -------------------------------------------------------


def _visible_service(request, slug):
    found = selectors.service_for_page(slug=slug)
    if found is None or not request.user.has_perm("tourism.view_service", found):
        raise Http404
    return found


def _service_context(request, found):
    return {
        "service": found,
        "stops": list(found.stops.all()),
        "can_edit": request.user.has_perm("tourism.change_service", found),
        "can_moderate": request.user.has_perm("tourism.moderate_service", found),
        "jsonld": jsonld.script_tag(jsonld.service_data(found)),
    }


@require_GET
def service(request, slug):
    found = _visible_service(request, slug)
    if found.is_route:
        return redirect("tourism:route", slug=found.slug)
    return render(request, "tourism/service.html", _service_context(request, found))


@require_GET
def route(request, slug):
    found = _visible_service(request, slug)
    if not found.is_route:
        return redirect("tourism:service", slug=found.slug)
    context = _service_context(request, found)
    context.update(
        tile_url=settings.MAP_TILE_URL,
        tile_attribution=settings.MAP_TILE_ATTRIBUTION,
        line=[[s.lat, s.lon] for s in context["stops"]],
    )
    return render(request, "tourism/route.html", context)


# --- Enquiries ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def enquiry_new(request, slug):
    found = selectors.service_for_page(slug=slug)
    if found is None or not found.is_published or found.actor.status != "published":
        raise Http404
    form = EnquiryForm(request.POST or None, user=request.user, capacity=found.capacity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enquiry = services.enquiry_create(
                service=found,
                date_from=data["date_from"],
                date_to=data["date_to"],
                party_size=data["party_size"],
                visitor=request.user,
                name=data.get("name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", "") or "",
                consent=data.get("consent", False),
                note=data["note"],
            )
        except services.TourismError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Your enquiry is sent. Keep the address of this page to follow it.")
            )
            return redirect(enquiry.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "service": found,
        "jsonld": jsonld.script_tag(jsonld.service_data(found)),
    }
    return render(request, "tourism/enquiry_form.html", context, status=status)


def _enquiry_and_side(request, code):
    found = selectors.enquiry_for_page(code=code)
    if found is None:
        raise Http404
    is_provider = request.user.has_perm("tourism.answer_enquiry", found)
    return found, services.PROVIDER if is_provider else services.VISITOR


def _enquiry_page(request, found, side, *, form=None, status=200):
    context = {
        "enquiry": found,
        "side": side,
        "moves": [(m, EnquiryState(m).label) for m in services.allowed_moves(found, side)],
        "log": list(found.log_entries.all()),
        "form": form or AnswerForm(),
        "jsonld": _page_jsonld(request, _("Enquiry about %(name)s") % {"name": found.service.name}),
    }
    return render(request, "tourism/enquiry.html", context, status=status)


@require_GET
def enquiry(request, code):
    found, side = _enquiry_and_side(request, code)
    return _enquiry_page(request, found, side)


@require_POST
def enquiry_move(request, code):
    """Confirm or decline (provider), cancel (visitor); a refusal shows the page again."""
    found, side = _enquiry_and_side(request, code)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the enquiry."))
        return _enquiry_page(request, found, side, form=form, status=400)
    try:
        services.enquiry_transition(
            enquiry=found,
            to=form.cleaned_data["to"],
            side=side,
            by=request.user if request.user.is_authenticated else None,
            note=form.cleaned_data["note"],
        )
    except services.TourismError as exc:
        messages.error(request, str(exc))
        return _enquiry_page(request, found, side, form=form, status=409)
    messages.success(request, _("The enquiry is now “%(state)s”.") % {
        "state": EnquiryState(form.cleaned_data["to"]).label})  # fmt: skip
    return redirect(found.get_absolute_url())


@login_required
@require_GET
def enquiries(request):
    """The provider's list: enquiries to the person's actors, by state."""
    actors = list(actors_of_member(user=request.user))
    if not actors:
        raise Http404
    form = EnquiryFilterForm(request.GET)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    page = Paginator(selectors.provider_enquiries(actors=actors, state=state), ENQUIRIES_PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page.get_page(request.GET.get("page")),
        "querystring": params.urlencode(),
        "answer_form": AnswerForm(),
        "jsonld": _page_jsonld(request, _("Enquiries to us")),
    }
    return render(
        request, "tourism/enquiries.html", context, status=200 if form.is_valid() else 400
    )


@login_required
@require_GET
def my_enquiries(request):
    page = Paginator(selectors.visitor_enquiries(user=request.user), ENQUIRIES_PAGE_SIZE)
    context = {
        "page": page.get_page(request.GET.get("page")),
        "jsonld": _page_jsonld(request, _("My enquiries")),
    }
    return render(request, "tourism/my_enquiries.html", context)


# --- The provider's services --------------------------------------------------------------


@login_required
@require_GET
def my_services(request):
    actors = list(actors_of_member(user=request.user))
    context = {
        "actors": actors,
        "services": selectors.services_of_actors(actors=actors),
        "jsonld": _page_jsonld(request, _("My tourism services")),
    }
    return render(request, "tourism/my_services.html", context)


def _member_service(request, slug):
    found = selectors.service_for_page(slug=slug)
    if found is None or not request.user.has_perm("tourism.change_service", found):
        raise Http404
    return found


def _save_service(request, *, actor, found=None):
    form = ServiceForm(request.POST or None, request.FILES or None, actor=actor, instance=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                saved = services.service_save(
                    actor=actor, by=request.user, data=data, service=found
                )
                if data.get("photo"):
                    services.photo_add(
                        service=saved, uploaded=data["photo"], alt=data.get("photo_alt", "")
                    )
        except ValidationError as exc:
            form.add_error("photo", exc)
        except services.TourismError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The service is saved."))
            return redirect("tourism:service_edit", slug=saved.slug)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "actor": actor,
        "service": found,
        "stops": list(found.stops.all()) if found else [],
        "stop_form": StopForm(services=selectors.stop_choices(), prefix="stop") if found else None,
        "jsonld": _page_jsonld(request, found.name if found else _("New tourism service")),
    }
    return render(request, "tourism/service_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def service_new(request, actor_slug):
    actor = actors_of_member(user=request.user).filter(slug=actor_slug).first()
    if actor is None:
        raise Http404
    return _save_service(request, actor=actor)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, slug):
    found = _member_service(request, slug)
    return _save_service(request, actor=found.actor, found=found)


def _member_action(request, slug, action, *, done: str = ""):
    """One POST of the provider on their service: `action(service)` through a service;
    a refusal is shown as a message; back to the edit page either way."""
    found = _member_service(request, slug)
    try:
        action(found)
    except services.TourismError as exc:
        messages.error(request, str(exc))
    else:
        if done:
            messages.success(request, done)
    return redirect("tourism:service_edit", slug=found.slug)


@login_required
@require_POST
def photo_delete(request, slug, photo_id):
    return _member_action(
        request, slug, lambda s: services.photo_delete(service=s, photo_id=photo_id)
    )


@login_required
@require_POST
def stop_add(request, slug):
    form = StopForm(request.POST, services=selectors.stop_choices(), prefix="stop")
    if not form.is_valid():
        _member_service(request, slug)  # others' services: 404 before any message
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("tourism:service_edit", slug=slug)
    data = form.cleaned_data
    fields = {k: data[k] for k in ("name", "lat", "lon", "note", "service")}
    return _member_action(
        request, slug, lambda s: services.stop_add(route=s, **fields), done=_("The stop is added.")
    )


@login_required
@require_POST
def stop_delete(request, slug, stop_id):
    return _member_action(request, slug, lambda s: services.stop_delete(route=s, stop_id=stop_id))


@login_required
@require_POST
def service_submit(request, slug):
    """The member sends a draft to the coordinator, or takes a published service back."""
    to = request.POST.get("to", ServiceStatus.PENDING)
    label = ServiceStatus(to).label if to in ServiceStatus.values else to
    return _member_action(
        request,
        slug,
        lambda s: services.service_move(service=s, to=to, by=request.user, as_coordinator=False),
        done=_("Done: the service is now “%(s)s”.") % {"s": label},
    )


# --- Moderation ---------------------------------------------------------------------------


@login_required
@require_GET
def moderation(request):
    if not (request.user.is_superuser or request.user.coordinated_lag_ids()):
        raise Http404
    context = {
        "services": selectors.moderation_queue(user=request.user),
        "form": ModerateForm(),
        "jsonld": _page_jsonld(request, _("Tourism services to publish")),
    }
    return render(request, "tourism/moderation.html", context)


@login_required
@require_POST
def service_moderate(request, slug):
    found = get_object_or_404(TourismService.objects.select_related("actor"), slug=slug)
    if not request.user.has_perm("tourism.moderate_service", found):
        raise Http404
    return moderate(
        request,
        move=lambda to, note: services.service_move(
            service=found, to=to, by=request.user, as_coordinator=True, note=note
        ),
        refusals=services.TourismError,
        back="tourism:moderation",
        form_class=ModerateForm,
    )

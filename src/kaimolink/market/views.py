"""The market's pages. Glue: permission, one selector or service, render or redirect.

Other people's products, orders and catalogues answer 404 (never 403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.actors.models import Actor
from kaimolink.actors.selectors import actors_of_member
from kaimolink.actors.views import CountedPaginator
from kaimolink.core.models import Lag
from kaimolink.core.pagecache import cache_public_page
from kaimolink.core.search import nothing_found_advice
from kaimolink.core.uploads import download_name
from kaimolink.market import selectors, services
from kaimolink.market.enums import Category, OrderState, ProductStatus, Side
from kaimolink.market.forms import (
    QUANTITY_PREFIX,
    CatalogueFilterForm,
    CatalogueForm,
    ModerateForm,
    OrderFilterForm,
    OrderForm,
    ProductForm,
    TransitionForm,
)
from kaimolink.market.pdf import catalogue_pdf
from kaimolink.moderation.views import report_page

PAGE_SIZE = 24
ORDERS_PAGE_SIZE = 30


# --- The catalogue ------------------------------------------------------------------------


def _catalogue(request, *, title, fixed=None, heading_object=None):
    fixed = fixed or {}
    form = CatalogueFilterForm(request.GET, fixed=tuple(fixed))
    page, status = None, 400
    if form.is_valid():
        status = 200
        query = form.to_query(**fixed)
        result = selectors.catalogue_result(query=query)
        paginator = CountedPaginator(result.products, PAGE_SIZE, count=result.count)
        page = paginator.get_page(request.GET.get("page"))
        page.count_is_capped = result.count_is_capped
        filtered = any(getattr(query, f) for f in ("lag", "category", "availability", "delivery"))
        advice = nothing_found_advice(query.q, filtered=filtered) if not page.object_list else []
    else:
        advice = []
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "title": title,
        "advice": advice,
        "querystring": params.urlencode(),
        "heading_object": heading_object,
    }
    return render(request, "market/catalogue.html", context, status=status)


@require_GET
@cache_public_page
def index(request):
    return _catalogue(request, title=_("Local market"))


@require_GET
@cache_public_page
def actor_catalogue(request, slug):
    actor = get_object_or_404(Actor.objects.published(), slug=slug)
    return _catalogue(
        request,
        title=_("Products of %(actor)s") % {"actor": actor.name},
        fixed={"actor": actor, "lag": None},
        heading_object=actor,
    )


@require_GET
@cache_public_page
def lag_catalogue(request, slug):
    lag = get_object_or_404(Lag, slug=slug)
    return _catalogue(
        request, title=_("Products of %(lag)s") % {"lag": lag.name}, fixed={"lag": lag}
    )


@require_GET
@cache_public_page
def category_catalogue(request, category):
    if category not in Category.values:
        raise Http404
    return _catalogue(request, title=Category(category).label, fixed={"category": category})


def _visible_product(request, slug):
    product = selectors.product_for_page(slug=slug)
    if product is None or not request.user.has_perm("market.view_product", product):
        raise Http404
    return product


@require_GET
@cache_public_page
def product(request, slug):
    product = _visible_product(request, slug)
    context = {
        "product": product,
        "can_edit": request.user.has_perm("market.change_product", product),
        "can_moderate": request.user.has_perm("market.moderate_product", product),
    }
    return render(request, "market/product.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_report(request, slug):
    product = _visible_product(request, slug)
    return report_page(
        request,
        target=product,
        title=product.name,
        excerpt=f"{product.name}\n{product.description}",
        back_url=product.get_absolute_url(),
        lag=product.lag,
    )


# --- The seller's products ----------------------------------------------------------------


@login_required
@require_GET
def my_products(request):
    actors = list(actors_of_member(user=request.user))
    products = selectors.products_of_actors(actors=actors)
    return render(request, "market/my_products.html", {"actors": actors, "products": products})


def _member_product(request, slug):
    product = _product_or_404(slug)
    if not request.user.has_perm("market.change_product", product):
        raise Http404
    return product


def _product_or_404(slug):  # noqa: N802 - reads as the lookup it is
    product = selectors.product_for_page(slug=slug)
    if product is None:
        raise Http404
    return product


def _save_product(request, *, actor, product=None):
    form = ProductForm(request.POST or None, request.FILES or None, actor=actor, instance=product)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                saved = services.product_save(
                    actor=actor,
                    by=request.user,
                    data=data,
                    co_producers=data["co_producers"],
                    product=product,
                )
                if data.get("photo"):
                    services.photo_add(
                        product=saved, uploaded=data["photo"], alt=data.get("photo_alt", "")
                    )
        except ValidationError as exc:
            form.add_error("photo", exc)
        except services.MarketError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The product is saved."))
            return redirect("market:product_edit", slug=saved.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "actor": actor, "product": product}
    return render(request, "market/product_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def product_new(request, actor_slug):
    actor = actors_of_member(user=request.user).filter(slug=actor_slug).first()
    if actor is None:
        raise Http404
    return _save_product(request, actor=actor)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, slug):
    product = _member_product(request, slug)
    return _save_product(request, actor=product.actor, product=product)


@login_required
@require_POST
def photo_delete(request, slug, photo_id):
    product = _member_product(request, slug)
    try:
        services.photo_delete(product=product, photo_id=photo_id)
    except services.MarketError as exc:
        messages.error(request, str(exc))
    return redirect("market:product_edit", slug=product.slug)


@login_required
@require_POST
def product_submit(request, slug):
    """The member sends a draft to the coordinator, or takes a published product back."""
    product = _member_product(request, slug)
    to = request.POST.get("to", ProductStatus.PENDING)
    try:
        services.product_move(product=product, to=to, by=request.user, as_coordinator=False)
    except services.MarketError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Done: the product is now “%(s)s”.") % {
            "s": ProductStatus(to).label})  # fmt: skip
    return redirect("market:product_edit", slug=product.slug)


# --- Moderation ---------------------------------------------------------------------------


@login_required
@require_GET
def moderation(request):
    if not (request.user.is_superuser or request.user.coordinated_lag_ids()):
        raise Http404
    return render(
        request,
        "market/moderation.html",
        {"products": selectors.moderation_queue(user=request.user), "form": ModerateForm()},
    )


@login_required
@require_POST
def product_moderate(request, slug):
    product = _product_or_404(slug)
    if not request.user.has_perm("market.moderate_product", product):
        raise Http404
    return moderate(
        request,
        move=lambda to, note: services.product_move(
            product=product, to=to, by=request.user, as_coordinator=True, note=note
        ),
        refusals=services.MarketError,
        back="market:moderation",
    )


def moderate(request, *, move, refusals, back: str, form_class=ModerateForm):
    """A coordinator publishes or hides one item of a moderation queue (the market's
    products, the tourism services): `move(to, note)` through the item's service; a
    refusal of class `refusals` is shown as a message; back to the queue either way."""
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to publish or to hide."))
        return redirect(back)
    try:
        move(form.cleaned_data["decision"], form.cleaned_data["note"])
    except refusals as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect(back)


# --- Seasonal catalogues ------------------------------------------------------------------


@require_GET
@cache_public_page
def catalogues(request):
    return render(request, "market/catalogues.html", {"catalogues": selectors.catalogues_list()})


@require_GET
@cache_public_page
def catalogue(request, slug):
    found = selectors.catalogue_for_page(slug=slug)
    if found is None:
        raise Http404
    context = {
        "catalogue": found,
        "products": list(found.products.all()),
        "is_open": found.is_open(),
        "today": timezone.localdate(),
        "can_edit": request.user.has_perm("market.change_catalogue", found),
    }
    return render(request, "market/catalogue_page.html", context)


@require_GET
def catalogue_print(request, slug):
    found = selectors.catalogue_for_page(slug=slug)
    if found is None:
        raise Http404
    response = HttpResponse(
        catalogue_pdf(found, found.products.all()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{download_name(found.title, "pdf")}"'
    return response


def _coordinated_lags(user):
    lags = Lag.objects.order_by("name_sort")
    return lags if user.is_superuser else lags.filter(pk__in=user.coordinated_lag_ids())


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_edit(request, slug=None):
    lags = _coordinated_lags(request.user)
    instance = None
    if slug is not None:
        instance = selectors.catalogue_for_page(slug=slug)
        if instance is None or not request.user.has_perm("market.change_catalogue", instance):
            raise Http404
    lag_ids = [instance.lag_id] if instance else list(lags.values_list("pk", flat=True))
    if not lag_ids:
        raise Http404
    products = selectors.publishable_products(lag_ids=lag_ids)
    form = CatalogueForm(request.POST or None, lags=lags, products=products, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.catalogue_save(
                lag=instance.lag if instance else data["lag"],
                by=request.user,
                data=data,
                products=data["products"],
                catalogue=instance,
            )
        except services.MarketError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The catalogue is saved."))
            return redirect(saved.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "market/catalogue_form.html", {"form": form, "catalogue": instance}, status=status
    )


# --- Orders -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def order_new(request, actor_slug):
    """The order request form for one seller: quantities of its products, who, how."""
    seller = get_object_or_404(Actor.objects.published(), slug=actor_slug)
    products = selectors.orderable_products(seller=seller)
    if not products:
        raise Http404
    catalogue = None
    if slug := request.GET.get("catalogue") or request.POST.get("catalogue"):
        catalogue = selectors.catalogue_for_page(slug=slug)
        if catalogue is not None and not catalogue.is_open():
            catalogue = None  # a closed catalogue takes no orders; the seller still does
    initial = {"handover": "pickup"}
    if chosen := request.GET.get("product"):
        initial.update({f"{QUANTITY_PREFIX}{p.pk}": 1 for p in products if p.slug == chosen})
    form = OrderForm(request.POST or None, initial=initial, products=products, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_create(
                seller=seller,
                lines=[services.OrderLine(p, q) for p, q in form.lines()],
                buyer=request.user,
                name=data.get("name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", "") or "",
                consent=data.get("consent", False),
                handover=data["handover"],
                address=data["address"],
                note=data["note"],
                catalogue=catalogue,
            )
        except services.MarketError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your order request is sent. Keep the address of this page to follow it."),
            )
            return redirect(order.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "seller": seller, "catalogue": catalogue}
    return render(request, "market/order_form.html", context, status=status)


def _order_and_side(request, code):
    """The order and the side of the person: the seller's member, else the link's holder."""
    order = selectors.order_for_page(code=code)
    if order is None:
        raise Http404
    is_seller = request.user.has_perm("market.sell_order", order)
    return order, Side.SELLER if is_seller else Side.BUYER


def _order_page(request, order, side, *, form=None, status=200):
    context = {
        "order": order,
        "side": side,
        "moves": [(m, OrderState(m).label) for m in services.allowed_moves(order, side)],
        "contacts": selectors.seller_contacts(order=order),
        "items": list(order.items.all()),
        "form": form,
    }
    return render(request, "market/order.html", context, status=status)


@require_GET
def order(request, code):
    order, side = _order_and_side(request, code)
    return _order_page(request, order, side)


@require_GET
def order_print(request, code):
    order, side = _order_and_side(request, code)
    return render(request, "market/order_print.html", {"order": order, "side": side})


@require_POST
def order_move(request, code):
    """One move of the workflow; a refusal shows the page again (400 or 409), unchanged."""
    order, side = _order_and_side(request, code)
    form = TransitionForm(request.POST, items=order.items.all())
    if not form.is_valid():
        messages.error(request, _("Quantities are whole numbers from 0."))
        return _order_page(request, order, side, form=form, status=400)
    try:
        services.order_transition(
            order=order,
            to=form.cleaned_data["to"],
            side=side,
            by=request.user if request.user.is_authenticated else None,
            note=form.cleaned_data["note"],
            quantities=form.quantities(),
        )
    except services.MarketError as exc:
        messages.error(request, str(exc))
        return _order_page(request, order, side, form=form, status=409)
    messages.success(request, _("The order is now “%(state)s”.") % {
        "state": OrderState(form.cleaned_data["to"]).label})  # fmt: skip
    return redirect(order.get_absolute_url())


@login_required
@require_GET
def my_orders(request):
    page = Paginator(selectors.buyer_orders(user=request.user), ORDERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "market/my_orders.html", {"page": page})


@login_required
@require_GET
def sales(request):
    """The seller's order list: every order to the person's actors, by state."""
    form = OrderFilterForm(request.GET)
    actors = list(actors_of_member(user=request.user))
    if not actors:
        raise Http404
    state = form.cleaned_data["state"] if form.is_valid() else ""
    page = Paginator(selectors.seller_orders(actors=actors, state=state), ORDERS_PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page.get_page(request.GET.get("page")),
        "querystring": params.urlencode(),
    }
    return render(request, "market/sales.html", context, status=200 if form.is_valid() else 400)

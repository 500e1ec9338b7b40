"""Writes of the market: products, photos, moderation, seasonal catalogues, orders.

Every write goes through here (web, admin, API, demo). Orders move only through
`order_transition`, which checks TRANSITIONS, moves stock and writes an audit entry.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from kaimolink.actors.models import Actor
from kaimolink.core.mail import mail_to
from kaimolink.core.uploads import photo_store
from kaimolink.market.enums import Availability, Handover, OrderState, ProductStatus, Side
from kaimolink.market.models import (
    MAX_PHOTOS,
    MAX_QUANTITY,
    PHOTO_LARGE,
    PHOTO_SMALL,
    Order,
    OrderItem,
    OrderLogEntry,
    Product,
    ProductLogEntry,
    ProductPhoto,
    SeasonalCatalogue,
)
from kaimolink.moderation.services import moderators_for
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify


class MarketError(Exception):
    """A refusal with a message for the person."""


# --- Products ------------------------------------------------------------------------------

PRODUCT_FIELDS = (
    "kind", "category", "name", "description", "price", "unit", "price_on_request",
    "availability", "quantity", "lead_time_days", "season_months", "pickup",
    "pickup_settlement", "delivery_area", "by_post", "regional", "organic_claim",
)  # fmt: skip


def _check_product(product: Product) -> None:
    if product.price is None and not product.price_on_request:
        raise MarketError(_("Give a price, or tick “price on request”."))
    if product.quantity is not None and not 0 <= product.quantity <= MAX_QUANTITY:
        raise MarketError(_("The quantity must be between 0 and %(max)s.") % {"max": MAX_QUANTITY})


@transaction.atomic
def product_save(*, actor: Actor, by, data: dict, co_producers=(), product=None) -> Product:
    """Create (`product=None`) or change a product of `actor` from cleaned form data.

    A published product that is changed stays published (as actors' profiles do); the
    coordinator sees changes in the log. New products start as drafts.
    """
    created = product is None
    product = product or Product(actor=actor)
    for name in PRODUCT_FIELDS:
        if name in data:
            setattr(product, name, data[name])
    if product.availability != Availability.IN_STOCK:
        product.quantity = None
    _check_product(product)
    product.save()
    product.co_producers.set([a for a in co_producers if a.pk != actor.pk])
    if created:
        ProductLogEntry.objects.create(
            product=product, by=by, from_status="", to_status=product.status, note="created"
        )
    return product


def photo_add(*, product: Product, uploaded, alt: str = "") -> ProductPhoto:
    """Store an uploaded picture at two widths, re-encoded without metadata (core.uploads).

    Raises ValidationError (from the upload checker) for a file that is not a picture.
    """
    if product.photos.count() >= MAX_PHOTOS:
        raise MarketError(_("A product has at most %(n)s photos.") % {"n": MAX_PHOTOS})
    photo = ProductPhoto(product=product, alt=alt.strip()[:200], position=product.photos.count())
    return photo_store(photo, uploaded, large_side=PHOTO_LARGE, small_side=PHOTO_SMALL)


def photo_delete(*, product: Product, photo_id: int) -> None:
    photo = product.photos.filter(pk=photo_id).first()
    if photo is None:
        raise MarketError(_("This photo is not there any more."))
    photo.delete()


# Status moves of a product: (from, to) -> who may make it.
PRODUCT_MOVES = {
    (ProductStatus.DRAFT, ProductStatus.PENDING): "member",
    (ProductStatus.HIDDEN, ProductStatus.PENDING): "member",
    (ProductStatus.PENDING, ProductStatus.PUBLISHED): "coordinator",
    (ProductStatus.PENDING, ProductStatus.HIDDEN): "coordinator",
    (ProductStatus.PUBLISHED, ProductStatus.HIDDEN): "coordinator",
    (ProductStatus.PUBLISHED, ProductStatus.DRAFT): "member",
}


@transaction.atomic
def product_move(*, product: Product, to: str, by, as_coordinator: bool, note: str = ""):
    """Submit (member), publish or hide (the LAG's coordinator), withdraw (member)."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    who = PRODUCT_MOVES.get((product.status, to))
    if who is None or (who == "coordinator") != as_coordinator:
        raise MarketError(_("This product cannot be moved to that status now."))
    from_status = product.status
    product.status = to
    product.moderation_note = note.strip() if as_coordinator else product.moderation_note
    if to == ProductStatus.PUBLISHED and product.published_at is None:
        product.published_at = timezone.now()
    product.save(update_fields=["status", "moderation_note", "published_at", "updated_at"])
    ProductLogEntry.objects.create(
        product=product, by=by, from_status=from_status, to_status=to, note=note.strip()
    )
    if to == ProductStatus.PENDING:
        notify(
            recipients=moderators_for(product.lag),
            kind=Kind.MODERATION,
            title=gettext_noop("A product waits for publication: %(name)s"),
            params={"name": product.name},
            url=_url("market:moderation"),
            exclude=by,
        )
    elif as_coordinator:
        notify(
            recipients=[m.user for m in product.actor.memberships.select_related("user")],
            kind=Kind.MODERATION,
            title=gettext_noop("Your product “%(name)s” is now: %(status)s"),
            params={"name": product.name, "status": str(product.get_status_display())},
            url=product.get_absolute_url(),
        )
    return product


def _url(name: str, **kwargs) -> str:
    with override("lt"):
        return reverse(name, kwargs=kwargs)


# --- Seasonal catalogues -------------------------------------------------------------------


@transaction.atomic
def catalogue_save(*, lag, by, data: dict, products, catalogue=None) -> SeasonalCatalogue:
    """Create or change a LAG's seasonal catalogue; only published products of its actors."""
    if data["ends_on"] < data["starts_on"]:
        raise MarketError(_("The catalogue must close on or after the day it opens."))
    products = list(products)
    if any(p.lag_id != lag.pk or not p.is_published for p in products):
        raise MarketError(_("Choose only published products of this LAG's actors."))
    catalogue = catalogue or SeasonalCatalogue(lag=lag, created_by=by)
    for name in ("title", "starts_on", "ends_on", "intro", "order_instructions"):
        setattr(catalogue, name, data[name])
    catalogue.save()
    catalogue.products.set(products)
    return catalogue


# --- Orders --------------------------------------------------------------------------------

# The order workflow: (from, to) -> the side that may make the move. Nothing else moves.
TRANSITIONS = {
    (OrderState.REQUESTED, OrderState.CONFIRMED): Side.SELLER,
    (OrderState.REQUESTED, OrderState.CHANGES_PROPOSED): Side.SELLER,
    (OrderState.REQUESTED, OrderState.DECLINED): Side.SELLER,
    (OrderState.REQUESTED, OrderState.CANCELLED): Side.EITHER,
    (OrderState.CHANGES_PROPOSED, OrderState.CONFIRMED): Side.BUYER,  # accepts the changes
    (OrderState.CHANGES_PROPOSED, OrderState.CANCELLED): Side.EITHER,
    (OrderState.CONFIRMED, OrderState.READY): Side.SELLER,
    (OrderState.CONFIRMED, OrderState.CANCELLED): Side.EITHER,
    (OrderState.READY, OrderState.HANDED_OVER): Side.SELLER,
    (OrderState.READY, OrderState.CANCELLED): Side.EITHER,
}
HOLDS_STOCK = (OrderState.CONFIRMED, OrderState.READY)


def allowed_moves(order: Order, side: str) -> list[str]:
    """The states this side may move the order to now (for the buttons of its page)."""
    return [
        to
        for (frm, to), who in TRANSITIONS.items()
        if frm == order.state and who in (side, Side.EITHER)
    ]


@dataclass
class OrderLine:
    product: Product
    quantity: int


@transaction.atomic
def order_create(
    *,
    seller: Actor,
    lines: list[OrderLine],
    buyer=None,
    name: str = "",
    phone: str = "",
    email: str = "",
    consent: bool = False,
    handover: str = Handover.PICKUP,
    address: str = "",
    note: str = "",
    catalogue=None,
) -> Order:
    """An order request to one seller. A guest gives a name, a phone or an e-mail, consent."""
    lines = [line for line in lines if line.quantity]
    if not lines:
        raise MarketError(_("Choose at least one item and how many."))
    for line in lines:
        if line.product.actor_id != seller.pk or not line.product.orderable:
            raise MarketError(_("“%(name)s” cannot be ordered from this seller.") % {
                "name": line.product.name})  # fmt: skip
        if not 0 < line.quantity <= MAX_QUANTITY:
            raise MarketError(
                _("A quantity must be between 1 and %(max)s.") % {"max": MAX_QUANTITY}
            )
    if buyer is None or not buyer.is_authenticated:
        buyer = None
        if not name.strip() or not (phone.strip() or email.strip()):
            raise MarketError(_("Give your name and a phone number or an e-mail address."))
        if not consent:
            raise MarketError(_("Agree that the seller may use your contacts for this order."))
    if handover not in Handover.values:
        raise MarketError(_("Choose how you want to get the order."))
    if handover in (Handover.DELIVERY, Handover.POST) and not address.strip():
        raise MarketError(_("Give the address to deliver or send the order to."))
    order = Order.objects.create(
        seller=seller,
        buyer=buyer,
        buyer_name=(name.strip() or (buyer.full_name if buyer else ""))[:120],
        buyer_phone=phone.strip()[:40],
        buyer_email=email.strip() or (buyer.email if buyer and buyer.email else ""),
        consent_at=timezone.now(),
        handover=handover,
        address=address.strip()[:255],
        note=note.strip()[:2000],
        catalogue=catalogue,
    )
    OrderItem.objects.bulk_create(
        [
            OrderItem(
                order=order,
                product=line.product,
                quantity=line.quantity,
                name=line.product.name,
                price=line.product.price,
                unit=line.product.unit,
            )
            for line in lines
        ]
    )
    OrderLogEntry.objects.create(
        order=order, by=buyer, side=Side.BUYER, from_state="", to_state=OrderState.REQUESTED
    )
    _tell(order, to=OrderState.REQUESTED, side=Side.BUYER, by=buyer)
    return order


def stock_rows(product_ids: list[int], *, lock: bool) -> dict[int, Product]:
    """The products whose stock an order moves, locked in id order (no deadlocks).

    `lock=False` exists only for the test that shows the race the lock prevents.
    """
    qs = Product.objects.filter(pk__in=product_ids).order_by("pk")
    if lock:
        qs = qs.select_for_update()
    return {p.pk: p for p in qs}


def _reserve(order: Order, items: list[OrderItem], *, lock: bool) -> None:
    products = stock_rows([i.product_id for i in items], lock=lock)
    for item in items:
        product = products[item.product_id]
        if not product.tracks_stock:
            continue
        if product.quantity < item.quantity:
            raise MarketError(
                _("Only %(left)s left of “%(name)s”: change the quantity or decline.")
                % {"left": product.quantity, "name": product.name}
            )
        product.quantity -= item.quantity
        product.save(update_fields=["quantity"])
        item.reserved = item.quantity
        item.save(update_fields=["reserved"])


def _release(items: list[OrderItem], *, lock: bool) -> None:
    products = stock_rows([i.product_id for i in items if i.reserved], lock=lock)
    for item in items:
        if item.reserved and item.product_id in products:
            product = products[item.product_id]
            if product.quantity is not None:
                product.quantity += item.reserved
                product.save(update_fields=["quantity"])
            item.reserved = 0
            item.save(update_fields=["reserved"])


def _apply_quantities(items: list[OrderItem], quantities: dict[int, int]) -> None:
    """The seller's proposal: new quantities by item id (0 drops a line, not all of them)."""
    changed = False
    for item in items:
        if item.pk in quantities:
            q = quantities[item.pk]
            if not 0 <= q <= MAX_QUANTITY:
                raise MarketError(
                    _("A quantity must be between 0 and %(max)s.") % {"max": MAX_QUANTITY}
                )
            if q != item.quantity:
                changed = True
            item.proposed_quantity = q
    if not changed:
        raise MarketError(_("Change at least one quantity, or confirm the order as it is."))
    if not any(item.proposed_quantity for item in items):
        raise MarketError(_("To take nothing, decline the order instead."))
    for item in items:
        item.save(update_fields=["proposed_quantity"])


@transaction.atomic
def order_transition(
    *,
    order: Order,
    to: str,
    side: str,
    by=None,
    note: str = "",
    quantities: dict[int, int] | None = None,
    lock: bool = True,
) -> Order:
    """Move an order along TRANSITIONS, with its stock, an audit entry and the news.

    `side` is who acts: the view has checked that `by` is a member of the seller (SELLER)
    or holds the order's link (BUYER). Confirming reserves the stock of "in stock" items
    under a row lock; cancelling a confirmed order gives it back. A refusal changes nothing.
    """
    rows = Order.objects.filter(pk=order.pk)
    current = (rows.select_for_update() if lock else rows).select_related("seller").get()
    who = TRANSITIONS.get((current.state, to))
    if who is None or who not in (side, Side.EITHER):
        raise MarketError(
            _("An order that is “%(state)s” cannot be moved to “%(to)s”.")
            % {
                "state": current.get_state_display(),
                "to": OrderState(to).label if to in OrderState.values else to,
            }
        )
    if to in (OrderState.DECLINED,) and not note.strip():
        raise MarketError(_("Say why you decline: the buyer will read it."))
    items = list(current.items.all())
    if to == OrderState.CHANGES_PROPOSED:
        _apply_quantities(items, quantities or {})
    if to == OrderState.CONFIRMED:
        if current.state == OrderState.CHANGES_PROPOSED:
            for item in items:
                item.quantity = item.proposed_quantity
                item.proposed_quantity = None
                item.save(update_fields=["quantity", "proposed_quantity"])
            items = [i for i in items if i.quantity]
        _reserve(current, items, lock=lock)
    if to == OrderState.CANCELLED and current.state in HOLDS_STOCK:
        _release(items, lock=lock)
    from_state = current.state
    current.state = to
    if note.strip() and to in (OrderState.DECLINED, OrderState.CANCELLED):
        current.reason = note.strip()[:2000]
    current.save(update_fields=["state", "reason", "updated_at"])
    OrderLogEntry.objects.create(
        order=current, by=by, side=side, from_state=from_state, to_state=to, note=note.strip()
    )
    _tell(current, to=to, side=side, by=by)
    return current


def _tell(order: Order, *, to: str, side: str, by) -> None:
    """The other side hears of the move: members of the seller, or the buyer (by e-mail
    when a guest gave an address)."""
    params = {"number": order.pk, "seller": order.seller.name, "state": OrderState(to).label}
    if side == Side.BUYER:
        notify(
            recipients=[m.user for m in order.seller.memberships.select_related("user")],
            kind=Kind.ORDER,
            title=gettext_noop("Order request #%(number)s to %(seller)s: %(state)s"),
            params={**params, "state": str(params["state"])},
            url=_url("market:order", code=order.code),
            exclude=by,
        )
        return
    if order.buyer_id:
        notify(
            recipients=[order.buyer],
            kind=Kind.ORDER,
            title=gettext_noop("Your order #%(number)s to %(seller)s: %(state)s"),
            params={**params, "state": str(params["state"])},
            url=_url("market:order", code=order.code),
        )
    elif order.buyer_email:
        link = _url("market:order", code=order.code)

        def compose():
            from kaimolink.core.links import absolute

            subject = _("Your order #%(number)s to %(seller)s: %(state)s") % {
                **params,
                "state": OrderState(to).label,
            }
            body = _("See your order and its state here:") + "\n" + absolute(link) + "\n"
            return subject, body

        mail_to(order.buyer_email, compose)

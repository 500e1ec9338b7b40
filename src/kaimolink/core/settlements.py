"""Settlements of a LAG's territory: the reads and writes a coordinator's pages need.

A coordinator keeps the place list of their LAG's districts complete (the register has
hundreds of villages per district; the actor form and the import accept only listed ones)
and clean (a duplicate is merged into the settlement to keep). Core is the lowest floor and
imports no app, so the merge finds what points at a settlement through Django's model
meta (`Settlement._meta.related_objects`), whichever app defines it.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kaimolink.core.models import District, Lag, Settlement
from kaimolink.core.text import fold

# Lithuania's extent with a small margin (the Curonian Spit reaches 20.95° E, the south
# 53.9° N): a position outside it is a typing error or swapped coordinates.
LAT_MIN, LAT_MAX = 53.85, 56.50
LON_MIN, LON_MAX = 20.90, 26.90


class SettlementError(Exception):
    """A change that cannot be made; the message is for the person."""


def in_lithuania(lat: float, lon: float) -> bool:
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


def lags_coordinated_by(user):
    """The LAGs whose settlements this person may manage (an administrator: every LAG)."""
    lags = Lag.objects.order_by("name_sort")
    if user.is_superuser:
        return lags
    return lags.filter(pk__in=user.coordinated_lag_ids())


def lag_for_coordinator(user, slug: str) -> Lag | None:
    """The LAG by slug if this person coordinates it, else None (the view answers 404)."""
    return lags_coordinated_by(user).filter(slug=slug).first()


def districts_of_lag(lag: Lag):
    return District.objects.filter(lags=lag).order_by("name_sort")


def settlements_of_lag(lag: Lag, *, q: str = ""):
    """The LAG's settlements, district then name order; `q` matches the name or genitive
    without regard to case or diacritics ("kedainiai" finds Kėdainiai)."""
    settlements = (
        Settlement.objects.filter(district__lags=lag)
        .select_related("district")
        .order_by("district__name_sort", "name_sort")
    )
    folded = fold(q)
    if folded:
        settlements = settlements.filter(search_name__contains=folded)
    return settlements


def references_to(settlement: Settlement) -> list[tuple[str, int]]:
    """[(verbose name plural, count), …] of the rows in any app that point at a settlement."""
    found = []
    for relation, manager in _relations(settlement):
        count = manager.count()
        if count:
            found.append((str(relation.related_model._meta.verbose_name_plural), count))
    return found


def _relations(settlement: Settlement):
    """(relation, queryset of the rows holding it) for every foreign key and many-to-many
    field anywhere in the project that points at Settlement."""
    for relation in Settlement._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            field = next(
                f
                for f in through._meta.fields
                if getattr(f.remote_field, "model", None) is Settlement
            )
            yield relation, through._base_manager.filter(**{field.name: settlement})
        else:
            yield (
                relation,
                relation.related_model._base_manager.filter(**{relation.field.name: settlement}),
            )


def settlement_create(
    *, lag: Lag, district: District, name: str, name_genitive: str, kind: str, lat, lon
) -> Settlement:
    """Add a settlement to one of the LAG's districts."""
    if not lag.districts.filter(pk=district.pk).exists():
        raise SettlementError(_("This municipality is not in your LAG's territory."))
    if not in_lithuania(lat, lon):
        raise SettlementError(_("This position is outside Lithuania."))
    name = " ".join(name.split())
    if Settlement.objects.filter(district=district, name__iexact=name).exists():
        raise SettlementError(_("This municipality already has a settlement with this name."))
    return Settlement.objects.create(
        district=district,
        name=name,
        name_genitive=" ".join(name_genitive.split()),
        kind=kind,
        lat=lat,
        lon=lon,
    )


def settlement_merge(*, lag: Lag, duplicate: Settlement, keep: Settlement) -> int:
    """Move everything that points at `duplicate` to `keep`, then delete `duplicate`.

    Both must be in the same district of the LAG (an actor's district follows its
    settlement). One transaction: a row that cannot move (a unique constraint) leaves
    everything as it was. Each row is saved through its model, so what an app keeps in
    step on save (an actor's search text, the page cache) follows. Returns the number of
    rows moved.
    """
    if duplicate.pk == keep.pk:
        raise SettlementError(_("Choose two different settlements."))
    if duplicate.district_id != keep.district_id:
        raise SettlementError(_("Only settlements of the same municipality can be merged."))
    if not lag.districts.filter(pk=duplicate.district_id).exists():
        raise SettlementError(_("This municipality is not in your LAG's territory."))
    moved = 0
    try:
        with transaction.atomic():
            for relation, rows in _relations(duplicate):
                if relation.many_to_many:
                    field = next(
                        f.name
                        for f in relation.through._meta.fields
                        if getattr(f.remote_field, "model", None) is Settlement
                    )
                    moved += rows.update(**{field: keep})
                    continue
                for row in rows.select_for_update():
                    setattr(row, relation.field.name, keep)
                    row.save(update_fields=[relation.field.name])
                    moved += 1
            Settlement.objects.filter(pk=duplicate.pk).delete()
    except IntegrityError as exc:
        raise SettlementError(
            _("The settlements could not be merged: a record would be listed twice.")
        ) from exc
    return moved

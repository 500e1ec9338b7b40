from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.core.forms import (
    DATE_INVALID,
    EMAIL_INVALID,
    FilterForm,
    lag_filter_field,
    number_messages,
)
from kaimolink.core.models import Lag, Settlement
from kaimolink.market.enums import MONTHS, Availability, Category, Handover, OrderState
from kaimolink.market.models import MAX_QUANTITY, Product, SeasonalCatalogue
from kaimolink.market.selectors import CatalogueQuery

MAX_QUERY_LENGTH = 200


class CatalogueFilterForm(FilterForm):
    """The catalogue's URL parameters; a bad value is reported (400), never a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    lag = lag_filter_field()
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    availability = forms.ChoiceField(
        label=_("Availability"), required=False, choices=[("", _("Any")), *Availability.choices]
    )
    delivery = forms.ChoiceField(
        label=_("How to get it"),
        required=False,
        choices=[
            ("", _("Any way")),
            ("pickup", _("Pick-up")),
            ("delivery", _("Delivery")),
            ("post", _("By post")),
        ],
    )

    SELECTS = ("lag", "category", "availability", "delivery")

    def __init__(self, *args, fixed=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A per-LAG or per-category page fixes that filter: its drop-down is left out.
        self.SELECTS = tuple(name for name in self.SELECTS if name not in fixed)

    def to_query(self, **fixed) -> CatalogueQuery:
        data = self.cleaned_data
        values = {
            "q": data["q"],
            "lag": data["lag"],
            "category": data["category"],
            "availability": data["availability"],
            "delivery": data["delivery"],
        }
        values.update(fixed)
        return CatalogueQuery(**values)


class ProductForm(forms.ModelForm):
    season_months = forms.TypedMultipleChoiceField(
        label=_("Season months"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_producers = forms.ModelMultipleChoiceField(
        label=_("Made together with"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other actors of the LAG who make this product with you."),
    )
    photo = forms.FileField(
        label=_("Add a photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF up to 5 MB; it is resized and its metadata removed."),
    )
    photo_alt = forms.CharField(label=_("What the photo shows"), required=False, max_length=200)

    class Meta:
        model = Product
        fields = [
            "name", "kind", "category", "description", "price", "unit", "price_on_request",
            "availability", "quantity", "lead_time_days", "season_months", "pickup",
            "pickup_settlement", "delivery_area", "by_post", "regional", "organic_claim",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "name": {"required": _("Write what you offer.")},
            "kind": {"required": _("Choose whether it is a product or a service.")},
            "category": {"required": _("Choose a category.")},
            "availability": {"required": _("Choose how it is available.")},
            "quantity": number_messages(_("How many are in stock?"), 0, MAX_QUANTITY),
            "lead_time_days": number_messages(_("In how many days do you make it?"), 0, 365),
        }

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["quantity"].widget.attrs.update(min=0, max=MAX_QUANTITY)
        self.fields["category"].choices = [("", _("Choose a category")), *Category.choices]
        self.fields["pickup_settlement"].empty_label = _("No pick-up place")
        self.fields["pickup_settlement"].queryset = Settlement.objects.filter(
            district__lags=actor.lag_id
        ).order_by("name_sort")
        self.fields["co_producers"].queryset = (
            Actor.objects.published().filter(lag_id=actor.lag_id).exclude(pk=actor.pk)
        ).order_by("name_sort")
        if self.instance.pk:
            self.fields["co_producers"].initial = list(
                self.instance.co_producers.values_list("pk", flat=True)
            )

    def clean(self):
        data = super().clean()
        if data.get("price") is None and not data.get("price_on_request"):
            self.add_error("price", _("Give a price, or tick “price on request”."))
        availability = data.get("availability")
        if availability == Availability.IN_STOCK and data.get("quantity") is None:
            self.add_error("quantity", _("How many are in stock?"))
        if availability == Availability.TO_ORDER and data.get("lead_time_days") is None:
            self.add_error("lead_time_days", _("In how many days do you make it?"))
        if availability == Availability.SEASONAL and not data.get("season_months"):
            self.add_error("season_months", _("Choose the months of the season."))
        return data


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("published", _("Publish")), ("hidden", _("Hide"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to publish or to hide it.")},
    )
    note = forms.CharField(label=_("Note to the seller"), required=False, widget=forms.Textarea)


class CatalogueForm(forms.ModelForm):
    lag = forms.ModelChoiceField(
        label=_("LAG"),
        queryset=Lag.objects.none(),
        empty_label=_("Choose the LAG"),
        error_messages={"required": _("Choose the LAG whose catalogue it is.")},
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SeasonalCatalogue
        fields = ["title", "starts_on", "ends_on", "intro", "order_instructions"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "title": {"required": _("Give the catalogue a title.")},
            "starts_on": {"required": _("When does it open?"), "invalid": DATE_INVALID},
            "ends_on": {"required": _("When does it close?"), "invalid": DATE_INVALID},
        }

    def __init__(self, *args, lags, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lag"].queryset = lags
        if self.instance.pk:
            self.fields["lag"].initial = self.instance.lag_id
            self.fields["lag"].disabled = True
            self.fields["products"].initial = list(
                self.instance.products.values_list("pk", flat=True)
            )
        elif len(lag_ids := [lag.pk for lag in lags]) == 1:
            self.fields["lag"].initial = lag_ids[0]
        self.fields["products"].queryset = products
        self.fields["products"].label_from_instance = lambda p: f"{p.name} — {p.actor.name}"

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The catalogue must close on or after the day it opens."))
        lag = data.get("lag")
        if lag and any(p.lag_id != lag.pk for p in data.get("products", [])):
            self.add_error("products", _("Choose only products of this LAG's actors."))
        return data


QUANTITY_PREFIX = "qty_"


class OrderForm(forms.Form):
    """Quantities of the seller's products (one field each), then who and how.

    A quantity field per product, so the form is a plain POST that works without JavaScript.
    """

    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-mail"), required=False, error_messages={"invalid": EMAIL_INVALID}
    )
    handover = forms.ChoiceField(
        label=_("How to get it"),
        choices=Handover.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you will get the order.")},
    )
    address = forms.CharField(label=_("Delivery address"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Note to the seller"), max_length=2000, required=False, widget=forms.Textarea
    )
    consent = forms.BooleanField(
        label=_(
            "The seller may use my name and contacts to handle this order; the platform "
            "keeps them with the order."
        ),
        required=False,
    )

    def __init__(self, *args, products, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.products = products
        self.user = user
        for product in products:
            self.fields[f"{QUANTITY_PREFIX}{product.pk}"] = forms.IntegerField(
                label=product.name,
                min_value=0,
                max_value=min(MAX_QUANTITY, product.quantity)
                if product.tracks_stock
                else MAX_QUANTITY,
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
                error_messages=number_messages(
                    "",
                    0,
                    min(MAX_QUANTITY, product.quantity) if product.tracks_stock else MAX_QUANTITY,
                ),
            )
        if user.is_authenticated:
            for name in ("name", "phone", "email", "consent"):
                del self.fields[name]

    def quantity_fields(self):
        return [(self[f"{QUANTITY_PREFIX}{p.pk}"], p) for p in self.products]

    def detail_fields(self):
        return [self[name] for name in self.fields if not name.startswith(QUANTITY_PREFIX)]

    def lines(self):
        return [
            (product, self.cleaned_data.get(f"{QUANTITY_PREFIX}{product.pk}") or 0)
            for product in self.products
        ]

    def clean(self):
        data = super().clean()
        if not self.errors and not any(q for _, q in self.lines()):
            raise forms.ValidationError(_("Choose at least one item and how many."))
        if not self.user.is_authenticated:
            if not data.get("name", "").strip():
                self.add_error("name", _("Write your name."))
            if not (data.get("phone", "").strip() or data.get("email")):
                self.add_error("phone", _("Give a phone number or an e-mail address."))
            if not data.get("consent"):
                self.add_error("consent", _("Agree so that the seller may contact you."))
        if (
            data.get("handover") in (Handover.DELIVERY, Handover.POST)
            and not data.get("address", "").strip()
        ):
            self.add_error("address", _("Give the address to deliver or send the order to."))
        return data


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        choices=OrderState.choices, error_messages={"required": _("Choose the order's new state.")}
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"{QUANTITY_PREFIX}{item.pk}"] = forms.IntegerField(
                label=item.name,
                min_value=0,
                max_value=MAX_QUANTITY,
                required=False,
                error_messages=number_messages("", 0, MAX_QUANTITY),
            )

    def quantities(self) -> dict[int, int]:
        return {
            item.pk: self.cleaned_data[f"{QUANTITY_PREFIX}{item.pk}"]
            for item in self.items
            if self.cleaned_data.get(f"{QUANTITY_PREFIX}{item.pk}") is not None
        }


class OrderFilterForm(FilterForm):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *OrderState.choices]
    )
    SELECTS = ("state",)

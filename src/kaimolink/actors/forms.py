from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.enums import ActorType
from kaimolink.actors.fields import FORM_FIELDS
from kaimolink.actors.models import Actor, legal_code_problem
from kaimolink.actors.selectors import ORDERINGS, DirectoryQuery
from kaimolink.core.forms import (
    EMAIL_INVALID,
    FilterForm,
    lag_filter_field,
    theme_filter_field,
)
from kaimolink.core.models import District, Lag, Settlement

MAX_QUERY_LENGTH = 200


def settlements_for(lag: Lag | None = None):
    """Settlements in district then name order: those of any LAG's districts, or of one
    LAG's. A district no LAG covers is left out: an actor there could not be saved
    (Actor.clean), and the address register loads whole municipalities of villages."""
    settlements = Settlement.objects.select_related("district").order_by(
        "district__name_sort", "name_sort"
    )
    if lag is not None:
        return settlements.filter(district__lags=lag)
    return settlements.filter(district__in=Lag.districts.through.objects.values("district_id"))


def lags_of_districts() -> dict[int, str]:
    """{district id: "lag-id lag-id"}: which LAGs' territories each district is in."""
    found: dict[int, list[str]] = {}
    for district_id, lag_id in Lag.districts.through.objects.values_list("district_id", "lag_id"):
        found.setdefault(district_id, []).append(str(lag_id))
    return {district_id: " ".join(ids) for district_id, ids in found.items()}


class SettlementSelect(forms.Select):
    """The settlement list, each option marked with the LAGs it belongs to (`data-lags`).

    kaimolink/settlement-search.js hides the options of other LAGs when a LAG is chosen: in the
    browser, without a request, so it works at once on a weak connection. Without
    JavaScript every settlement stays, and ActorForm.clean() refuses one outside the LAG.
    """

    def __init__(self, *args, lags_of_district: dict[int, str], districts: dict[int, int], **kw):
        super().__init__(*args, **kw)
        self.lags_of_settlement = {
            pk: lags_of_district.get(district_id, "") for pk, district_id in districts.items()
        }

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)  # ModelChoiceIteratorValue or a plain id
        if key in self.lags_of_settlement:
            option["attrs"]["data-lags"] = self.lags_of_settlement[key]
        return option


def settlement_groups(settlements) -> list[tuple[str, list[tuple[int, str]]]]:
    """[(district name, [(settlement id, name), …]), …] for a <select> with <optgroup>s."""
    groups: dict[str, list] = {}
    for settlement in settlements:
        groups.setdefault(settlement.district.name, []).append((settlement.pk, settlement.name))
    return list(groups.items())


class DirectoryFilterForm(FilterForm):
    """Parses the directory's URL parameters; an invalid value is reported, never a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    lag = lag_filter_field()
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All districts"),
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *ActorType.choices], required=False
    )
    theme = theme_filter_field()
    certified = forms.ChoiceField(
        label=_("Certification"),
        required=False,
        choices=[("", _("All")), ("true", _("Certified only")), ("false", _("Not certified"))],
    )
    ordering = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("name", _("A–Ž")), ("-name", _("Ž–A")), ("newest", _("Newest first"))],
    )

    SELECTS = ("lag", "district", "type", "theme", "certified", "ordering")

    def to_query(self) -> DirectoryQuery:
        """The validated filter; call only after is_valid()."""
        data = self.cleaned_data
        district = data.get("district")
        certified = {"true": True, "false": False}.get(data.get("certified") or "")
        ordering = data.get("ordering") or "name"
        return DirectoryQuery(
            q=(data.get("q") or "").strip(),
            lag=data.get("lag"),
            district_id=district.pk if district else None,
            actor_type=data.get("type") or "",
            theme=data.get("theme"),
            certified=certified,
            ordering=ordering if ordering in ORDERINGS else "name",
        )


class ActorForm(forms.ModelForm):
    """The short guided form a person fills in to create or edit an actor profile."""

    class Meta:
        model = Actor
        fields = FORM_FIELDS  # the one table of actor fields (actors/fields.py)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "offers": forms.Textarea(attrs={"rows": 3}),
            "seeks": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "name": {"required": _("Enter the name")},
            "actor_type": {"required": _("Choose the type")},
            "lag": {"required": _("Choose the LAG")},
            "email": {"invalid": EMAIL_INVALID},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        settlements = settlements_for()
        self.fields["settlement"].queryset = settlements
        self.fields["settlement"].required = True
        self.fields["settlement"].error_messages["required"] = _("Choose the settlement")
        self.fields["settlement"].empty_label = _("Choose the settlement")
        self.fields["actor_type"].choices = [("", _("Choose the type")), *ActorType.choices]
        self.fields["lag"].empty_label = _("Choose the LAG")
        # Shown grouped by district, so a long list stays easy to scan on a phone; with
        # JavaScript a search box above it narrows it as one types (settlement-search.js).
        self.fields["settlement"].widget = SettlementSelect(
            choices=[("", _("Choose the settlement")), *settlement_groups(settlements)],
            lags_of_district=lags_of_districts(),
            districts=dict(settlements.values_list("pk", "district_id")),
            attrs={"data-search-label": _("Find the settlement by name")},
        )
        self.fields["name"].widget.attrs["autocomplete"] = "organization"

    # What a valid actor is lives on the model (field validators and Actor.clean, which
    # ModelForm runs), shared with the import; the form only normalises and looks for clashes.

    def _update_errors(self, errors):
        """Actor.clean checks the name again (for the import, where no form field did):
        a field the form has already refused keeps its one message, not two."""
        if hasattr(errors, "error_dict"):
            for name in [n for n in errors.error_dict if n in self._errors]:
                del errors.error_dict[name]
        super()._update_errors(errors)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_legal_code(self):
        code = (self.cleaned_data.get("legal_code") or "").strip()
        if not code:
            return None
        if legal_code_problem(code):
            return code  # the model's validator reports it
        clash = Actor.objects.filter(legal_code=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("An actor with this legal entity code is already listed."))
        return code

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "themes"}
        data["district"] = data["settlement"].district
        if not data.get("logo"):
            data.pop("logo", None)
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write why the profile is returned")},
    )


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Enter your name")},
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        error_messages={"required": _("Enter your e-mail address"), "invalid": EMAIL_INVALID},
    )
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        min_length=10,
        error_messages={"required": _("Write your message")},
    )
    # A field people do not see: a bot that fills it in is ignored.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the person to invite"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "They get a link by e-mail, valid for 14 days. They may accept it with any account."
        ),
        error_messages={
            "required": _("Enter the e-mail address of the person to invite"),
            "invalid": EMAIL_INVALID,
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

"""The coordinator's desk forms for projects and agreements (the writes are in editing.py).

Each required field has its own message, every drop-down starts at a choice that says
what it is, a decimal may be typed with a comma (a Lithuanian keyboard: 98 880,79) and an
actor is given by the address of its page, which works without JavaScript for a directory
of any size.
"""

from decimal import Decimal
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.core.forms import DATE_INVALID, number_messages
from kaimolink.core.models import Lag
from kaimolink.projects.editing import PartnerRow, SignatoryRow
from kaimolink.projects.enums import MaterialKind, PartnerRole
from kaimolink.projects.files import validate_document
from kaimolink.projects.models import (
    Agreement,
    AgreementSignatory,
    Project,
    ProjectNews,
    ProjectPartner,
)

BUDGET_INVALID = _("Enter the amount in euros, e.g. 98880,79")
DATE_WIDGET = {"type": "date"}
FILE_HELP = _("PDF, DOCX, XLSX or ODT, at most 20 MB.")


def _date_widget():
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


def _date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label, required=False, help_text=help_text, widget=_date_widget(),
        error_messages={"invalid": DATE_INVALID},
    )  # fmt: skip


class CommaDecimalField(forms.DecimalField):
    """A decimal typed as a person writes it: a comma or a point, spaces between thousands."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u00a0", "").replace(",", ".")
        return super().to_python(value)


def actor_slug_of(text: str) -> str:
    """The slug in an actor's page address (any language prefix, host or none), or the
    text itself when it is a bare slug."""
    path = urlsplit(text.strip()).path
    if "/" not in path:
        return path
    parts = [part for part in path.split("/") if part]
    # An address copied from a page in another language than this one's still resolves.
    language = parts[0] if parts and parts[0] in dict(settings.LANGUAGES) else get_language()
    with translation.override(language):
        try:
            match = resolve("/" + "/".join(parts) + "/")
        except Resolver404:
            return ""
    return match.kwargs.get("slug", "") if match.view_name == "actors:detail" else ""


class ActorAddressField(forms.CharField):
    """An actor of the platform, by the address of its page or its slug (empty: none)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Actor):
            return value.slug
        if isinstance(value, int):
            return Actor.objects.filter(pk=value).values_list("slug", flat=True).first() or ""
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        actor = Actor.objects.filter(slug=actor_slug_of(text)).first()
        if actor is None:
            raise ValidationError(
                _("No actor has this address; copy it from the actor's page."), code="invalid"
            )
        return actor


class ActorAddressesField(forms.CharField):
    """Several actors, one page address (or slug) per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):  # the actors of a saved agreement
            return "\n".join(v.slug for v in value if isinstance(v, Actor))
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        slugs = {line: actor_slug_of(line) for line in lines}
        found = {a.slug: a for a in Actor.objects.filter(slug__in=set(slugs.values()))}
        missing = [line for line, slug in slugs.items() if slug not in found]
        if missing:
            raise ValidationError(
                _("No actor has the address %(address)s; copy it from the actor's page."),
                code="invalid", params={"address": ", ".join(missing)},
            )  # fmt: skip
        return list({found[slug].pk: found[slug] for slug in slugs.values()}.values())


class ProjectForm(forms.ModelForm):
    """A project's own fields; its slug is made from the title when it is created."""

    start_date = _date_field(_("Start date"), _("Only when the exact day is known."))
    end_date = _date_field(_("End date"), _("Only when the exact day is known."))
    start_year = forms.IntegerField(
        label=_("Start year"), required=False, min_value=1990, max_value=2100,
        help_text=_("When only the years are known (taken from the date when it is given)."),
        error_messages=number_messages(None, 1990, 2100),
    )  # fmt: skip
    end_year = forms.IntegerField(
        label=_("End year"), required=False, min_value=1990, max_value=2100,
        error_messages=number_messages(None, 1990, 2100),
    )  # fmt: skip
    budget = CommaDecimalField(
        label=_("Budget (EUR)"), required=False, max_digits=12, decimal_places=2, localize=True,
        min_value=Decimal("0"),
        help_text=_("The amount of support in euros, e.g. 98 880,79."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": BUDGET_INVALID, "max_digits": BUDGET_INVALID,
            "max_whole_digits": BUDGET_INVALID,
            "min_value": _("The budget cannot be negative."),
            "max_decimal_places": _("Give at most 2 decimals (cents)."),
        },
    )  # fmt: skip

    class Meta:
        model = Project
        fields = [
            "title", "title_en", "number", "programme", "status", "start_date", "end_date",
            "start_year", "end_year", "budget", "summary", "goals", "target_groups",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "goals": forms.Textarea(attrs={"rows": 5}),
            "target_groups": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": _("Markdown: *italic*, **bold**, lists with “-”."),
            "goals": _("Markdown."),
            "target_groups": _("Markdown."),
            "status": _("A draft is seen only by the coordinators of the project's LAGs."),
        }
        error_messages = {
            "title": {"required": _("Enter the project's title")},
            "status": {"required": _("Choose the status")},
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The project cannot end before it starts."))
        # A year typed beside a date would be overwritten by the date's year: follow the date.
        for day, year in (("start_date", "start_year"), ("end_date", "end_year")):
            if data.get(day):
                data[year] = data[day].year
        return data


class PartnerForm(forms.ModelForm):
    """One partner: a LAG of the platform, an actor, or any organisation named."""

    actor = ActorAddressField(
        label=_("Actor on the platform"),
        help_text=_("The address of the actor's page, e.g. /lt/actors/slapaberzes-bendruomene/"),
    )
    position = forms.IntegerField(
        label=_("Place in the list"), min_value=0, max_value=999, initial=0,
        error_messages=number_messages(_("Enter the order, e.g. 1"), 0, 999),
    )  # fmt: skip

    class Meta:
        model = ProjectPartner
        fields = ["name", "country", "lag", "actor", "role", "position"]
        labels = {"lag": _("LAG on the platform")}
        help_texts = {"name": _("Leave empty to use the name of the LAG or actor chosen.")}
        error_messages = {
            "country": {"required": _("Choose the partner's country")},
            "role": {"required": _("Choose the partner's role")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.actor_id:  # selected with the row: no query per partner
            self.initial["actor"] = self.instance.actor.slug
        self.fields["lag"].queryset = Lag.objects.order_by("name_sort")
        self.fields["lag"].empty_label = _("Not a LAG of the platform")

    def clean(self):
        data = super().clean()
        named = (data.get("name") or "").strip()
        if not named and data.get("lag") is None and data.get("actor") is None:
            if "actor" not in self.errors and "lag" not in self.errors:
                self.add_error(
                    "name", _("Give the organisation's name, or choose a LAG or an actor.")
                )
        return data

    def _post_clean(self):
        # The model's own check (a name or a link) is `clean` above, which also knows when
        # the actor's address was the problem; editing.project_save runs the model's checks.
        pass

    def row(self) -> PartnerRow:
        data = self.cleaned_data
        return PartnerRow(
            pk=self.instance.pk, name=(data.get("name") or "").strip(),
            country=data["country"], lag=data.get("lag"), actor=data.get("actor"),
            role=data["role"], position=data["position"],
        )  # fmt: skip


def live_forms(formset) -> list:
    """The rows that will be saved: filled in (or already saved, or offered filled in: a
    new project's own LAG) and not marked to delete."""
    return [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk or not form.empty_permitted
        if not (formset.can_delete and formset._should_delete_form(form))
        if getattr(form, "cleaned_data", None)
    ]


def partner_problems(rows: list[dict], own_lag_ids: set[int] | None) -> tuple[dict, list]:
    """What is wrong with the partners as a whole: ({row index: (field, message)}, [messages
    for the whole list]). Shared by the desk and the admin (the same rules, one place)."""
    per_row, overall = {}, []
    leads = [i for i, row in enumerate(rows) if row.get("role") == PartnerRole.LEAD]
    for i in leads[1:]:
        per_row[i] = ("role", _("A project has only one lead partner."))
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        if row.get("lag") is not None:
            key, field, message = ("lag", row["lag"].pk), "lag", _("The same LAG is listed twice.")
        elif row.get("actor") is not None:
            key, field = ("actor", row["actor"].pk), "actor"
            message = _("The same actor is listed twice.")
        else:
            key, field = ("name", (row.get("name") or "").strip().casefold()), "name"
            message = _("This organisation is already listed.")
        if key in seen:
            per_row.setdefault(i, (field, message))
        seen[key] = i
    lag_ids = {row["lag"].pk for row in rows if row.get("lag") is not None}
    if own_lag_ids is not None and not lag_ids & own_lag_ids:
        overall.append(_("Keep your own LAG as the lead or a partner of the project."))
    return per_row, overall


class BasePartnerFormSet(forms.BaseInlineFormSet):
    own_lag_ids: set[int] | None = None  # None: a platform administrator, no condition

    def __init__(self, *args, own_lag_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_lag_ids = own_lag_ids

    def _construct_form(self, i, **kwargs):
        # A row offered filled in (the coordinator's LAG as the lead of a new project) is a
        # row of the project even when it is sent unchanged: Django would skip it as empty.
        if i >= self.initial_form_count() and i - self.initial_form_count() < len(
            self.initial_extra or ()
        ):
            kwargs["empty_permitted"] = False
        return super()._construct_form(i, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        forms_ = live_forms(self)
        per_row, overall = partner_problems([f.cleaned_data for f in forms_], self.own_lag_ids)
        for i, (field, message) in per_row.items():
            forms_[i].add_error(field, message)
        if overall:
            raise ValidationError(overall)
        if not forms_:
            raise ValidationError(_("Name at least one partner: the lead of the project."))

    def rows(self) -> list[PartnerRow]:
        return [form.row() for form in live_forms(self)]


PartnerFormSet = forms.inlineformset_factory(
    Project, ProjectPartner, form=PartnerForm, formset=BasePartnerFormSet, extra=2,
    can_delete=True,
)  # fmt: skip


class NewsForm(forms.ModelForm):
    date = forms.DateField(
        label=_("Date"), widget=_date_widget(),
        error_messages={"required": _("Enter the date of the news"), "invalid": DATE_INVALID},
    )  # fmt: skip

    class Meta:
        model = ProjectNews
        fields = ["title", "date", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"body": _("Markdown.")}
        error_messages = {"title": {"required": _("Enter the title of the news")}}


class DocumentForm(forms.Form):
    """A document for the project's page: through the project's one upload checker."""

    title = forms.CharField(
        label=_("Title"), max_length=300,
        help_text=_("As the visitor sees it, e.g. Project card"),
        error_messages={"required": _("Enter the document's title")},
    )  # fmt: skip
    file = forms.FileField(
        label=_("File"), help_text=FILE_HELP, validators=[validate_document],
        error_messages={
            "required": _("Choose the file to upload"),
            "empty": _("The file is empty."),
            "invalid": _("Choose the file to upload"),
        },
    )  # fmt: skip


class MaterialForm(DocumentForm):
    """A file kept with an agreement: the agreement, methodological material or another."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=MaterialKind.choices, initial=MaterialKind.METHODOLOGY,
        error_messages={"required": _("Choose the kind of the material")},
    )  # fmt: skip

    field_order = ["kind", "title", "file"]


class AgreementForm(forms.ModelForm):
    """An agreement of a LAG's registry: who signed it, what for, how long it holds."""

    lag = forms.ModelChoiceField(
        label=_("Registered by (LAG)"), queryset=Lag.objects.none(),
        empty_label=_("Choose the LAG"), error_messages={
            "required": _("Choose the LAG whose registry holds the agreement"),
            "invalid_choice": _("Choose one of your LAGs"),
        },
    )  # fmt: skip
    date = _date_field(_("Date signed"), _("Leave empty when not known."))
    valid_from = _date_field(_("Valid from"))
    valid_until = _date_field(_("Valid until"))
    parties = forms.ModelMultipleChoiceField(
        label=_("LAGs that signed it"), queryset=Lag.objects.order_by("name_sort"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("LAGs on the platform that signed it (the registering LAG included)."),
    )  # fmt: skip
    actor_parties = ActorAddressesField(
        label=_("Actors that signed it"),
        help_text=_("Actors on the platform that signed it: the address of each one's page, "
                    "one per line."),
    )  # fmt: skip
    document = forms.FileField(
        label=_("Signed document"), required=False, validators=[validate_document],
        help_text=FILE_HELP, widget=forms.FileInput,
        error_messages={
            "empty": _("The file is empty."), "invalid": _("Choose the file to upload"),
        },
    )  # fmt: skip
    remove_document = forms.BooleanField(label=_("Remove the signed document"), required=False)

    class Meta:
        model = Agreement
        fields = [
            "lag", "title", "date", "parties", "actor_parties", "other_parties", "purpose",
            "valid_from", "valid_until", "indefinite",
        ]  # fmt: skip
        widgets = {
            "other_parties": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {"title": {"required": _("Enter the agreement's title")}}

    def __init__(self, *args, lags=(), **kwargs):
        super().__init__(*args, **kwargs)
        lag_field = self.fields["lag"]
        lag_field.queryset = Lag.objects.filter(pk__in=[lag.pk for lag in lags]).order_by(
            "name_sort"
        )
        if self.instance.pk:
            del self.fields["lag"]  # the registry an agreement is in does not change
        elif len(lags) == 1:
            lag_field.empty_label, lag_field.initial = None, lags[0].pk
        if not self.instance.document:
            del self.fields["remove_document"]

    def clean(self):
        data = super().clean()
        if data.get("document") and data.get("remove_document"):
            self.add_error(
                "remove_document", _("Either upload a new document or remove it, not both.")
            )
        return data


class SignatoryForm(forms.ModelForm):
    order = forms.IntegerField(
        label=_("Place in the list"), min_value=0, max_value=999, initial=0,
        error_messages=number_messages(_("Enter the order, e.g. 1"), 0, 999),
    )  # fmt: skip

    class Meta:
        model = AgreementSignatory
        fields = ["name", "position", "organisation", "order"]
        error_messages = {"name": {"required": _("Enter the signatory's name and surname")}}

    def row(self) -> SignatoryRow:
        data = self.cleaned_data
        return SignatoryRow(
            pk=self.instance.pk, name=data["name"].strip(), position=data["position"].strip(),
            organisation=data["organisation"].strip(), order=data["order"],
        )  # fmt: skip


class BaseSignatoryFormSet(forms.BaseInlineFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in live_forms(self):
            key = (form.cleaned_data["name"].strip().casefold(),
                   form.cleaned_data["organisation"].strip().casefold())  # fmt: skip
            if key in seen:
                form.add_error("name", _("This signatory is already listed."))
            seen.add(key)

    def rows(self) -> list[SignatoryRow]:
        return [form.row() for form in live_forms(self)]


SignatoryFormSet = forms.inlineformset_factory(
    Agreement, AgreementSignatory, form=SignatoryForm, formset=BaseSignatoryFormSet, extra=2,
    can_delete=True,
)  # fmt: skip

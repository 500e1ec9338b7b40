"""The registry's filter: the same form checks the web page's and the API's parameters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.certification.enums import Standing
from kaimolink.certification.models import Scheme
from kaimolink.core.forms import FilterForm
from kaimolink.core.models import Lag

MAX_QUERY_LENGTH = 100


class SlugChoiceField(forms.ModelChoiceField):
    """A drop-down whose values are slugs (stable in links), not primary keys."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class RegistryFilterForm(FilterForm):
    """Filters of the registry; empty values mean "no filter"."""

    q = forms.CharField(
        label=_("Name, number or code"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Search with fewer words.")},
    )
    lag = SlugChoiceField(Lag.objects.order_by("name"), label=_("LAG"), empty_label=_("All"))
    scheme = SlugChoiceField(
        Scheme.objects.filter(versions__published_at__isnull=False).distinct().order_by("name"),
        label=_("Scheme"),
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Standing.choices],
    )
    actor = SlugChoiceField(
        Actor.objects.all(), label=_("Holder"), widget=forms.HiddenInput, empty_label=None
    )

    SELECTS = ("lag", "scheme", "status")

    def filters(self) -> dict:
        """The keyword arguments of public_selectors.registry (call after is_valid)."""
        data = self.cleaned_data
        return {
            "lag": data.get("lag"),
            "scheme": data.get("scheme"),
            "standing": data.get("status") or "",
            "actor": data.get("actor"),
            "q": data.get("q") or "",
        }

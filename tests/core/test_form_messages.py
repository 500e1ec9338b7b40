"""Every form of the project speaks for itself: specific messages, no "---------".

Walks every module of kaimolink that builds forms (and the allauth forms the site swaps
in through ACCOUNT_FORMS), instantiates each form class and checks its fields, so a new
form cannot slip back to Django's generic "Šis laukas yra privalomas." or a drop-down
that starts at "---------".
"""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.validators import EmailValidator
from django.utils import translation
from django.utils.module_loading import import_string

import kaimolink
import kaimolink.certification.models
import kaimolink.core.models
import kaimolink.market.models
from kaimolink.certification.enums import ApplicationState
from tests.certification.factories import application_in, make_world
from tests.events.factories import EventFactory
from tests.factories import UserFactory

SRC = Path(kaimolink.__file__).parent
DASHES = "---------"
# Django's own forms and the admin's speak English to staff; the site's forms are ours.
SKIPPED_FILES = {"admin.py"}


def _form_modules():
    """The dotted names of kaimolink's modules that define forms (not migrations or admin)."""
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts or path.name in SKIPPED_FILES:
            continue
        if "from django import forms" not in path.read_text(encoding="utf-8"):
            continue
        yield ".".join(path.relative_to(SRC.parent).with_suffix("").parts)


def _form_classes():
    found = {}
    for name in _form_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, forms.BaseForm):
                found[f"{name}.{cls.__qualname__}"] = cls
    for path in settings.ACCOUNT_FORMS.values():
        found[path] = import_string(path)
    return found


def _kwargs(cls, user, event, application):
    """The keyword arguments a form's constructor needs, from a small table of names."""
    known = {
        "user": user,
        "event": event,
        "actors": kaimolink.actors.models.Actor.objects.none(),
        "consultants": [],
        "current": {},
        "topic": None,
        "lags": kaimolink.core.models.Lag.objects.none(),
        "products": kaimolink.market.models.Product.objects.none(),
        "criteria": kaimolink.certification.models.Criterion.objects.none(),
        "answers": {},
        "application": application,
        "actor": application.actor,
        "criterion": application.version.criteria.order_by("order").first(),
        "questions": [],
    }
    needed = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind is parameter.KEYWORD_ONLY and parameter.name in known:
                needed.setdefault(parameter.name, known[parameter.name])
    if "current" in needed:
        from kaimolink.notifications.kinds import Kind

        needed["current"] = {kind.value: "instant" for kind in Kind}
    if cls.__module__.startswith("allauth") and "user" in inspect.signature(cls).parameters:
        needed["user"] = user
    return needed


@pytest.fixture
def all_forms(db):
    user = UserFactory()
    event = EventFactory(questions=["Kokio maisto nevalgote?"])
    application = application_in(make_world(), ApplicationState.DRAFT)
    built = {}
    for name, cls in _form_classes().items():
        if cls.__module__.startswith("allauth") and name.endswith("ResetPasswordKeyForm"):
            built[name] = cls(user=user, temp_key="x")
            continue
        built[name] = cls(**_kwargs(cls, user, event, application))
    return built


def test_form_walk_finds_the_main_forms(all_forms):
    names = set(all_forms)
    for expected in (
        "kaimolink.actors.forms.ActorForm",
        "kaimolink.events.forms.RegistrationForm",
        "kaimolink.partnerships.forms.PostForm",
        "kaimolink.moderation.views.ReportForm",
        "kaimolink.actors.io_views.ImportUploadForm",
        settings.ACCOUNT_FORMS["signup"],
        settings.ACCOUNT_FORMS["login"],
    ):
        assert expected in names


def test_form_required_fields_have_their_own_message(all_forms):
    generic = str(forms.Field.default_error_messages["required"])
    generic_lt = translation.gettext_lazy("This field is required.")
    generic_lt = str(translation.override("lt")(lambda: str(generic_lt))())
    offenders = []
    for name, form in all_forms.items():
        for field_name, field in form.fields.items():
            if not field.required:
                continue
            with translation.override("lt"):
                message = str(field.error_messages["required"])
            if message in (generic, generic_lt):
                offenders.append(f"{name}.{field_name}")
    assert offenders == [], "\n".join(offenders)


def test_form_drop_downs_never_start_at_dashes(all_forms):
    offenders = []
    for name, form in all_forms.items():
        for field_name, field in form.fields.items():
            if not isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                continue
            firsts = list(field.choices)[:1] + list(getattr(field.widget, "choices", []))[:1]
            if any(str(label) == DASHES for _, label in firsts):
                offenders.append(f"{name}.{field_name}")
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize(
    ("field_class", "generic"),
    [
        (forms.EmailField, EmailValidator.message),
        (forms.DateField, forms.DateField.default_error_messages["invalid"]),
        (forms.TimeField, forms.TimeField.default_error_messages["invalid"]),
        (forms.DateTimeField, forms.DateTimeField.default_error_messages["invalid"]),
        (forms.IntegerField, forms.IntegerField.default_error_messages["invalid"]),
    ],
)
def test_form_invalid_values_get_an_example(all_forms, field_class, generic):
    """An e-mail, a date, a time or a number that is not valid is answered with an example."""
    offenders = [
        f"{name}.{field_name}"
        for name, form in all_forms.items()
        for field_name, field in form.fields.items()
        if isinstance(field, field_class)
        and not isinstance(field.widget, forms.HiddenInput)
        and str(field.error_messages.get("invalid", generic)) == str(generic)
    ]
    assert offenders == [], "\n".join(offenders)

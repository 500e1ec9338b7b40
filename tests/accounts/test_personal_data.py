"""The registry of personal data (accounts/personal_data.py) covers every app that has some."""

from django.apps import apps
from django.conf import settings

from kaimolink.accounts import personal_data

# Models that point at a person without belonging to a registered section, and why.
EXEMPT = {
    "accounts.Coordination": "exported by accounts itself (coordinated_lags); CASCADE",
    "account.EmailAddress": "exported by accounts itself (email_addresses); CASCADE",
    "admin.LogEntry": "the staff's admin history, deleted with the account (CASCADE)",
}


def _models_pointing_at_a_person():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                yield model
                break


def test_every_model_pointing_at_a_person_belongs_to_a_registered_section():
    registered = {section.name for section in personal_data.sections()}
    missing = sorted(
        model._meta.label
        for model in _models_pointing_at_a_person()
        if model._meta.app_label not in registered and model._meta.label not in EXEMPT
    )
    assert missing == [], f"register these apps in accounts.personal_data (or exempt): {missing}"


def test_the_sections_are_the_apps_in_floor_order():
    names = [section.name for section in personal_data.sections()]
    installed = [config.label for config in apps.get_app_configs()]
    assert names == [label for label in installed if label in names]
    assert {"actors", "events", "messaging", "consultations"} <= set(names)


def test_exempt_models_exist():
    for label in EXEMPT:
        assert apps.get_model(label)

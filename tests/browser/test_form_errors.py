"""The main forms filled in wrong, on a phone: what a person sees and can do next (issue 9).

Each test submits a form with an empty required field and an invalid value, then checks:
the error summary is focused and links to each wrong field, a link focuses its field, the
messages are the specific Lithuanian ones, what was typed is still there (a password says
it must be typed again) and nothing was saved.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, translated, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
EMAIL_INVALID = "Įrašykite el. pašto adresą, pvz., vardas@example.lt"


def _lithuanian(message: str) -> str:
    """An existing message as the Lithuanian page shows it (and it is translated)."""
    shown = translated("lt", message)
    assert shown != message
    return shown


def _phone(new_context, **kwargs):
    return new_context(viewport=PHONE, **kwargs).new_page()


def _person(email="ona@example.lt"):
    from tests.factories import UserFactory

    return verified_user(UserFactory(email=email, full_name="Ona Petraitienė"))


def _check_errors(page, *, wrong: dict[str, str], kept: dict[str, str], js: bool = True):
    """`wrong`: {field id: its message}; `kept`: {field id: the value still in it}."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    if js:
        expect(summary).to_be_focused()
    hrefs = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == sorted(f"#{field_id}" for field_id in wrong)
    for field_id, message in wrong.items():
        expect(summary.locator(f"a[href='#{field_id}']")).to_have_text(message)
        # A group of radio buttons is linked at its first option (id_kind_0), named id_kind.
        group_id = field_id.removesuffix("_0")
        expect(page.locator(f"#{group_id}_error")).to_contain_text(message)
        expect(page.locator(f"#{field_id}")).to_have_attribute("aria-invalid", "true")
    for field_id, value in kept.items():
        expect(page.locator(f"#{field_id}")).to_have_value(value)
    for field_id in wrong:
        summary.locator(f"a[href='#{field_id}']").click()
        if js:
            expect(page.locator(f"#{field_id}")).to_be_focused()
        else:
            assert page.url.endswith(f"#{field_id}")


def _submit(page):
    page.locator("main form[method=post] button").last.click()


def test_form_errors_sign_up_keeps_input_and_asks_for_the_password_again(
    live_server, new_context, guard
):
    from kaimolink.accounts.models import User

    page = _phone(new_context)
    page.goto(f"{live_server.url}/lt/accounts/signup/")
    page.locator("#id_email").fill("ona.petraitiene")
    page.locator("#id_password1").fill("Rudens-Obuolys-2024")
    page.locator("#id_password2").fill("Rudens-Obuolys-2024")
    page.locator("main form button[type=submit]").click()

    _check_errors(
        page,
        wrong={"id_email": EMAIL_INVALID, "id_full_name": "Įrašykite vardą ir pavardę"},
        kept={"id_email": "ona.petraitiene", "id_password1": ""},
    )
    expect(page.locator("#id_password1-group")).to_contain_text("įrašykite jį dar kartą")
    assert not User.objects.exists()
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_form_errors_sign_up_without_javascript_still_summarises_with_anchors(
    live_server, new_context, guard
):
    from kaimolink.accounts.models import User

    page = _phone(new_context, java_script_enabled=False)
    page.goto(f"{live_server.url}/lt/accounts/signup/")
    page.locator("#id_full_name").fill("Ona Petraitienė")
    page.locator("main form button[type=submit]").click()

    _check_errors(
        page,
        wrong={
            "id_email": "Įrašykite savo el. pašto adresą",
            "id_password1": "Sugalvokite slaptažodį",
            "id_password2": "Pakartokite tą patį slaptažodį",
        },
        kept={"id_full_name": "Ona Petraitienė"},
        js=False,
    )
    assert not User.objects.exists()
    assert guard.foreign_requests == []


def test_form_errors_log_in(live_server, new_context, guard):
    page = _phone(new_context)
    page.goto(f"{live_server.url}/lt/accounts/login/")
    page.locator("#id_login").fill("ona@")
    page.locator("main form button[type=submit]").click()

    _check_errors(
        page,
        wrong={"id_login": EMAIL_INVALID, "id_password": "Įrašykite slaptažodį"},
        kept={"id_login": "ona@"},
    )
    assert guard.foreign_requests == []


def test_form_errors_new_actor_profile(live_server, new_context, guard, directory):
    from kaimolink.actors.models import Actor

    person = _person()
    page = _phone(new_context)
    log_in(page, live_server.url, person.email)
    before = Actor.objects.count()
    page.goto(f"{live_server.url}/lt/actors/new/")
    page.locator("#id_lag").select_option(str(directory.lag_a.pk))
    page.locator("#id_description").fill("Kaimo šventės ir amatų dirbtuvės.")
    page.locator("#id_email").fill("bendruomene.lt")
    page.locator("main form button[name=save]").click()

    _check_errors(
        page,
        wrong={
            "id_name": "Įrašykite pavadinimą",
            "id_actor_type": "Pasirinkite tipą",
            "id_settlement": "Pasirinkite gyvenvietę",
            "id_email": EMAIL_INVALID,
        },
        kept={
            "id_lag": str(directory.lag_a.pk),
            "id_description": "Kaimo šventės ir amatų dirbtuvės.",
            "id_email": "bendruomene.lt",
        },
    )
    expect(page.locator("#id_actor_type option").first).to_have_text("Pasirinkite tipą")
    assert Actor.objects.count() == before
    assert guard.foreign_requests == []


def test_form_errors_partnership_post(live_server, new_context, guard, directory):
    from kaimolink.actors.models import ActorMembership
    from kaimolink.partnerships.models import PartnershipPost

    person = _person()
    ActorMembership.objects.create(actor=directory.liepa, user=person)
    page = _phone(new_context)
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/partnerships/new/")
    page.locator("#id_description").fill("Ieškome medaus gamintojo dovanų dėžutėms.")
    # A date typed the way a phone without a date picker might send it.
    page.locator("#id_ends_on").evaluate("i => { i.type = 'text'; i.value = '2026-14-45'; }")
    _submit(page)

    _check_errors(
        page,
        wrong={
            "id_actor": "Pasirinkite, kurio veikėjo vardu skelbiate",
            "id_kind_0": "Pasirinkite, ar siūlote, ar ieškote",
            "id_title": "Įrašykite pavadinimą",
            "id_ends_on": "Įrašykite datą taip: 2026-05-14",
        },
        kept={"id_description": "Ieškome medaus gamintojo dovanų dėžutėms."},
    )
    assert not PartnershipPost.objects.exists()
    assert guard.foreign_requests == []


def test_form_errors_discussion_topic(live_server, new_context, guard, themes):
    from kaimolink.core.models import Theme
    from kaimolink.discussions.models import Topic

    theme = Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE).first()
    person = _person()
    page = _phone(new_context)
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/discussions/themes/{theme.slug}/new/")
    page.locator("#id_body").fill("Kaip kaime įrengti saulės elektrinę?")
    _submit(page)

    _check_errors(
        page,
        wrong={"id_title": _lithuanian("Give the topic a title.")},
        kept={"id_body": "Kaip kaime įrengti saulės elektrinę?"},
    )
    assert not Topic.objects.exists()
    assert guard.foreign_requests == []


def test_form_errors_consultation_question(live_server, new_context, guard, themes):
    from kaimolink.consultations.models import Question

    person = _person()
    page = _phone(new_context)
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/consultations/ask/")
    page.locator("#id_body").fill("Turime pastatą ir norime jame kavinės.")
    _submit(page)

    _check_errors(
        page,
        wrong={"id_theme": "Pasirinkite temą", "id_title": "Parašykite savo klausimą"},
        kept={"id_body": "Turime pastatą ir norime jame kavinės."},
    )
    expect(page.locator("#id_theme option").first).to_have_text("Pasirinkite temą")
    assert not Question.objects.exists()
    assert guard.foreign_requests == []


def test_form_errors_contact_form(live_server, new_context, guard, directory):
    from django.core import mail

    page = _phone(new_context)
    page.goto(f"{live_server.url}/lt/actors/{directory.liepa.slug}/contact/")  # open to visitors
    page.locator("#id_name").fill("Jonas")
    page.locator("#id_email").fill("jonas(at)example.lt")
    _submit(page)

    _check_errors(
        page,
        wrong={"id_email": EMAIL_INVALID, "id_message": "Parašykite žinutę"},
        kept={"id_name": "Jonas", "id_email": "jonas(at)example.lt"},
    )
    assert mail.outbox == []
    assert guard.foreign_requests == []


def test_form_errors_register_someone_with_a_question(live_server, new_context, guard):
    from kaimolink.events.models import Registration
    from tests.events.factories import EventFactory
    from tests.factories import LagFactory, make_coordinator

    lag = LagFactory()
    event = EventFactory(lags=[lag], questions=["Kokio maisto nevalgote?"])
    organiser = verified_user(make_coordinator(lag))
    page = _phone(new_context)
    log_in(page, live_server.url, organiser.email)
    page.goto(f"{live_server.url}/lt/events/{event.slug}/register-someone/")
    page.locator("#id_email").fill("petras@")
    page.locator("#id_answer_0").fill("Mėsos")
    _submit(page)

    consent = _lithuanian("Tick this box: registering someone needs their consent.")
    _check_errors(
        page,
        wrong={"id_email": EMAIL_INVALID, "id_consent": consent},
        kept={"id_email": "petras@", "id_answer_0": "Mėsos"},
    )
    assert not Registration.objects.filter(event=event).exists()
    assert guard.foreign_requests == []

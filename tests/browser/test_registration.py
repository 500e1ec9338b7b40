"""A person signs up, creates an actor profile; the LAG coordinator publishes it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import log_in, translated, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ona.petraitiene@example.lt"
PASSWORD = "Rudens-Obuolys-2024"
ACTOR_NAME = "Šlapaberžės kaimo bendruomenė"


def _mails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_person_signs_up_creates_actor_and_coordinator_publishes_it(
    live_server, new_context, guard, directory
):
    from tests.factories import make_coordinator

    base = live_server.url
    member = new_context().new_page()

    # Sign up.
    member.goto(f"{base}/lt/accounts/signup/")
    member.locator("#id_email").fill(EMAIL)
    member.locator("#id_password1").fill(PASSWORD)
    member.locator("#id_password2").fill(PASSWORD)
    member.locator("#id_full_name").fill("Ona  Petraitienė")
    member.locator("main form button[type=submit]").click()
    expect(member).to_have_url(re.compile(r"/lt/accounts/confirm-email/$"))

    # Verify the address with the link from the e-mail.
    (verification,) = _mails_to(EMAIL)
    link = re.search(r"https?://\S+/confirm-email/\S+/", verification.body)
    assert link, verification.body
    assert link.group(0).startswith(base), "the link must lead back to this site"
    member.goto(link.group(0))
    member.locator("main form button[type=submit]").click()
    expect(member).to_have_url(re.compile(r"/lt/accounts/login/$"))
    expect(member.locator(".messages")).to_contain_text(EMAIL)

    # Log in, then fill in the guided form and send it for moderation.
    log_in(member, base, EMAIL, PASSWORD)
    expect(member.get_by_role("heading", level=1)).to_contain_text("Ona Petraitienė")
    member.goto(f"{base}/lt/actors/new/")
    member.locator("#id_name").fill(ACTOR_NAME)
    member.locator("#id_actor_type").select_option("community_org")
    member.locator("#id_lag").select_option(str(directory.lag_a.pk))
    # The settlement list now holds only that LAG's settlements (filtered in the page).
    other_lags_place = directory.bite.settlement
    elsewhere = member.locator(f"#id_settlement option[value='{other_lags_place.pk}']")
    expect(elsewhere).to_have_js_property("disabled", True)
    expect(elsewhere).to_have_js_property("hidden", True)
    settlement = directory.liepa.settlement
    member.locator("#id_settlement").select_option(str(settlement.pk))
    member.locator("#id_description").fill("Bendruomenė puoselėja kaimo tradicijas.")
    themes = member.get_by_role("group").filter(has=member.get_by_label("Atsinaujinanti energija"))
    expect(themes).to_have_accessible_name(re.compile(r"\w"))
    member.get_by_label("Atsinaujinanti energija").check()
    member.get_by_label("Vietos kultūros paveldas turizmui").check()
    member.locator("button[name=submit]").click()

    expect(member).to_have_url(re.compile(r"/lt/actors/slapaberzes-kaimo-bendruomene/$"))
    expect(member.get_by_role("heading", level=1)).to_contain_text(ACTOR_NAME)
    expect(member.locator(".messages")).to_be_visible()
    pending = translated("lt", "Awaiting moderation")
    expect(member.locator(".profile .notice").first).to_contain_text(pending)

    # A visitor does not see it yet.
    visitor = new_context().new_page()
    visitor.goto(f"{base}/lt/actors/?q=kaimo+bendruomene")
    expect(visitor.locator("#results .count")).to_be_visible()
    expect(visitor.get_by_role("link", name=ACTOR_NAME)).to_have_count(0)

    # The coordinator of that LAG publishes it from the moderation queue.
    coordinator = verified_user(make_coordinator(directory.lag_a))
    moderator = new_context().new_page()
    log_in(moderator, base, coordinator.email)
    moderator.goto(f"{base}/lt/actors/moderation/")
    card = moderator.locator(".actor-card", has_text=ACTOR_NAME)
    expect(card).to_have_count(1)
    card.locator("form[action$='/publish/'] button").click()
    expect(moderator).to_have_url(re.compile(r"/lt/actors/moderation/$"))
    expect(moderator.locator(".actor-card", has_text=ACTOR_NAME)).to_have_count(0)

    # Now anyone finds it in the directory.
    visitor.goto(f"{base}/lt/actors/")
    visitor.locator("#id_q").fill("slapaberzes kaimo")
    visitor.locator("#id_q").press("Enter")
    # The unfiltered list already shows the actor: wait for the search's own page, or the
    # click below races the form's navigation.
    expect(visitor).to_have_url(re.compile(r"[?&]q=slapaberzes"))
    expect(visitor.get_by_role("link", name=ACTOR_NAME)).to_be_visible()
    visitor.get_by_role("link", name=ACTOR_NAME).click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(ACTOR_NAME)
    expect(visitor.get_by_role("link", name="Atsinaujinanti energija")).to_be_visible()

    # The member was told by e-mail.
    published = [m for m in _mails_to(EMAIL) if ACTOR_NAME in m.subject]
    assert len(published) == 1, [m.subject for m in mail.outbox]
    assert "/actors/slapaberzes-kaimo-bendruomene/" in published[0].body

    assert guard.foreign_requests == []
    assert guard.page_errors == []

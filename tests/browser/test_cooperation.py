"""Cooperation in a real browser: a farmer's request finds a partner, the two actors talk,
and a consultant's answer is marked helpful."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kaimolink.actors.models import ActorMembership
from kaimolink.consultations.models import Answer, Question
from kaimolink.messaging.models import Conversation, Message
from kaimolink.notifications.models import Notification
from kaimolink.partnerships.models import PartnershipPost
from tests.browser.conftest import log_in, translated, verified_user
from tests.browser.test_accessibility import _blocking_violations, _describe
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(directory, themes):
    """A farmer acting for the Dotnuva club, and the beekeeper of „Bitė“ (another LAG)."""
    club = next(a for a in directory.published if a.name == "Dotnuvos jaunimo klubas")
    bite = directory.bite
    bite.offers = "Medus, bičių duonelė ir vaškas iš savo bityno."
    bite.email, bite.phone, bite.contacts_public = "bite.privatus@example.lt", "+37060000001", False
    bite.save()
    bite.themes.set([themes["short-supply-chains"]])
    farmer = verified_user(UserFactory(full_name="Petras Ūkininkas"))
    beekeeper = verified_user(UserFactory(full_name="Rasa Bitininkė"))
    ActorMembership.objects.create(actor=club, user=farmer)
    ActorMembership.objects.create(actor=bite, user=beekeeper)
    consultant = verified_user(UserFactory(full_name="Asta Konsultantė", is_consultant=True))
    return {"club": club, "bite": bite, "farmer": farmer, "beekeeper": beekeeper,
            "consultant": consultant}  # fmt: skip


def test_request_suggestion_conversation_and_a_helpful_answer(
    live_server, new_context, guard, people
):
    base = live_server.url
    farmer_page = new_context().new_page()
    log_in(farmer_page, base, people["farmer"].email)

    # The farmer posts a request for honey.
    farmer_page.goto(f"{base}/lt/partnerships/new/")
    farmer_page.locator("#id_actor").select_option(label="Dotnuvos jaunimo klubas")
    farmer_page.locator("input[name=kind][value=request]").check()
    farmer_page.locator("#id_title").fill("Ieškome medaus gamintojo kalėdinei dovanų dėžutei")
    farmer_page.locator("#id_description").fill("Reikės 200 stiklainių medaus iki gruodžio 15 d.")
    farmer_page.locator(f"input[name=themes][value='{people['bite'].themes.get().pk}']").check()
    farmer_page.locator("input[name=area][value=platform]").check()
    ends = timezone.localdate() + datetime.timedelta(days=30)
    farmer_page.locator("#id_ends_on").fill(ends.isoformat())
    farmer_page.locator("main form button[type=submit]").click()

    # The post page suggests the beekeeper, with the reason in one line.
    post = PartnershipPost.objects.get()
    expect(farmer_page).to_have_url(f"{base}{post.get_absolute_url()}")
    suggestion = farmer_page.locator(".suggestions li").filter(has_text="Medaus ūkis „Bitė“")
    expect(suggestion).to_be_visible()
    expect(suggestion.locator(".meta")).to_contain_text("med")

    # … and the farmer writes to them from the suggestion: a contact request.
    suggestion.get_by_role("link", name="Medaus ūkis „Bitė“", exact=False).last.click()
    farmer_page.locator("textarea").fill("Laba diena, ar galėtumėte parduoti 200 stiklainių?")
    farmer_page.locator("main form button[type=submit]").click()
    conversation = Conversation.objects.get()
    expect(farmer_page.locator(".message-list")).to_contain_text("200 stiklainių")
    assert Notification.objects.filter(
        recipient=people["beekeeper"], kind="contact_request"
    ).exists()
    # No private contact of the beekeeper's actor is shown before they share it.
    assert "bite.privatus@example.lt" not in farmer_page.content()
    assert "+37060000001" not in farmer_page.content()

    # The beekeeper sees the notification, opens the conversation and answers.
    beekeeper_page = new_context().new_page()
    log_in(beekeeper_page, base, people["beekeeper"].email)
    beekeeper_page.goto(f"{base}/lt/notifications/")
    beekeeper_page.locator(".notification-list a").first.click()
    expect(beekeeper_page).to_have_url(f"{base}/lt/messages/{conversation.pk}/")
    beekeeper_page.locator("textarea").fill("Sveiki! Taip, medaus turime, atvežtume gruodžio 10 d.")
    beekeeper_page.locator("main form button[type=submit]").last.click()
    expect(beekeeper_page.locator(".message-list")).to_contain_text("gruodžio 10 d.")

    farmer_page.goto(f"{base}/lt/messages/{conversation.pk}/")
    expect(farmer_page.locator(".message-list")).to_contain_text("atvežtume gruodžio 10 d.")
    assert Message.objects.filter(conversation=conversation).count() == 2

    # The farmer asks a consultant.
    farmer_page.goto(f"{base}/lt/consultations/ask/")
    farmer_page.locator("#id_theme").select_option(value=str(people["bite"].themes.get().pk))
    farmer_page.locator("#id_title").fill("Ar medui reikia PVM sąskaitos?")
    farmer_page.locator("#id_body").fill("Perkame medų iš ūkininko dovanų dėžutėms.")
    farmer_page.get_by_role("button", name=translated("lt", "Send the question")).click()
    question = Question.objects.get()
    expect(farmer_page).to_have_url(f"{base}/lt/consultations/questions/{question.pk}/")

    # A consultant answers it …
    consultant_page = new_context().new_page()
    log_in(consultant_page, base, people["consultant"].email)
    consultant_page.goto(f"{base}/lt/consultations/questions/{question.pk}/")
    consultant_page.locator("textarea").fill("Ūkininkas gali išrašyti **sąskaitą faktūrą**.")
    consultant_page.locator("form[action$='/answer/'] button").click()
    expect(consultant_page.locator(".answer")).to_contain_text("sąskaitą faktūrą")

    # … and the farmer marks the answer as the one that helped.
    farmer_page.reload()
    farmer_page.get_by_role("button", name=translated("lt", "This answer helped me")).click()
    expect(farmer_page.locator(".answer.accepted")).to_contain_text("sąskaitą faktūrą")
    assert Answer.objects.get().accepted

    assert guard.foreign_requests == []
    assert guard.page_errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/lt/partnerships/",
        "/lt/discussions/",
        "/lt/consultations/",
        "/lt/consultations/times/",
        "/lt/projects/",
        "/lt/agreements/",
        "/lt/events/calendar/",
    ],
)
def test_cooperation_pages_have_no_serious_accessibility_violations(
    live_server, page, guard, directory, themes, path
):
    response = page.goto(f"{live_server.url}{path}")
    assert response.ok, response.status
    violations = _blocking_violations(page)
    assert violations == [], f"{path}:\n{_describe(violations)}"
    assert guard.foreign_requests == []

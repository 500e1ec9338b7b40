"""The sweep (issue 9's proof): every public page type and the main logged-in pages, at
360 px and 1280 px, do not scroll sideways, have no serious or critical axe-core violation,
and (on the phone) show the keyboard focus on the first link of the content.

One test per role and width: the pages are built once, the person logs in once, and one
browser context visits them all (a test per page would rebuild the data and log in again
each time: minutes instead of seconds). A failure lists every page that failed and why.
The header menu's own checks are in test_menu.py.
"""

import datetime
import json
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.browser.conftest import log_in, sideways, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": {"width": 360, "height": 640}, "wide": {"width": 1280, "height": 800}}
BLOCKING = {"serious", "critical"}
AXE = Axe()


@dataclass
class Site:
    """One page of each type, by role: {role: [(name, path)]}, and who logs in as whom."""

    pages: dict
    emails: dict


@pytest.fixture
def site(directory):
    """Builds one of each page type around the directory fixture's LAGs and actors."""
    from kaimolink.actors.enums import MemberRole
    from kaimolink.actors.models import ActorMembership
    from kaimolink.certificates.services import attendance_certificate_issue
    from kaimolink.events.services import attendance_mark
    from tests.consultations.factories import AnswerFactory, BookingFactory, QuestionFactory
    from tests.discussions.factories import ReplyFactory, TopicFactory
    from tests.events.factories import EventFactory, RegistrationFactory
    from tests.factories import UserFactory, make_coordinator
    from tests.homework.factories import AssignmentFactory, SubmissionFactory
    from tests.messaging.factories import start
    from tests.partnerships.factories import PostFactory
    from tests.projects.factories import (
        AgreementFactory,
        ProjectFactory,
        add_indicator,
        add_partner,
    )

    lag = directory.lag_a
    coordinator = verified_user(make_coordinator(lag, full_name="Rasa Koordinatorė"))
    member = verified_user(UserFactory(full_name="Ona Petraitienė"))
    ActorMembership.objects.create(actor=directory.liepa, user=member, role=MemberRole.OWNER)

    today = timezone.localdate()
    upcoming = EventFactory(
        title="Trumpųjų maisto grandinių mokymai Šlapaberžėje", lags=[lag],
        days=[(today + datetime.timedelta(days=7), datetime.time(10), datetime.time(16))],
    )  # fmt: skip
    past = EventFactory(
        title="Kaimo turizmo paslaugų kūrimas ir rinkodara", lags=[lag],
        days=[(today - datetime.timedelta(days=3), datetime.time(10), datetime.time(16))],
    )  # fmt: skip
    registration = RegistrationFactory(event=past, person=member)
    for other in RegistrationFactory.create_batch(2, event=past):
        attendance_mark(registration=other, day=past.days.get(), present=True, by=coordinator)
    attendance_mark(registration=registration, day=past.days.get(), present=True, by=coordinator)
    certificate = attendance_certificate_issue(registration=registration, by=coordinator)
    RegistrationFactory(event=upcoming)
    assignment = AssignmentFactory(event=past, title="Jūsų kaimo turizmo paslaugos aprašas")
    SubmissionFactory(
        assignment=assignment, person=member,
        text="Siūlome nakvynę sodyboje, pusryčius iš vietinių produktų ir žygį su gidu.",
    )  # fmt: skip

    topic = TopicFactory(title="Kaip parduoti daržoves tiesiai pirkėjams?")
    ReplyFactory(topic=topic)
    question = QuestionFactory()
    AnswerFactory(question=question)
    BookingFactory(person=member)
    post = PostFactory(actor=directory.liepa, title="Ieškome partnerio amatų mugei")
    project = ProjectFactory(title="Bendradarbiavimo projektas „Kaimo skonis“")
    add_partner(project, lag=lag)
    add_partner(project, name="Landsbygdens Utvecklingsgrupp Östergötland", country="SE")
    add_indicator(project, "R.37", target="120")
    AgreementFactory(lag=lag, other_parties="Landsbygdens Utvecklingsgrupp Östergötland")
    conversation = start(directory.liepa, directory.bite, member).conversation

    public = [
        ("home", "/lt/"),
        ("directory", "/lt/actors/"),
        ("actor", directory.liepa.get_absolute_url()),
        ("map", "/lt/actors/map/"),
        ("events", "/lt/events/"),
        ("calendar", "/lt/events/calendar/"),
        ("event", upcoming.get_absolute_url()),
        ("partnerships", "/lt/partnerships/"),
        ("partnership post", post.get_absolute_url()),
        ("discussions", "/lt/discussions/"),
        ("topic", topic.get_absolute_url()),
        ("consultations", "/lt/consultations/"),
        ("question", question.get_absolute_url()),
        ("projects", "/lt/projects/"),
        ("project", project.get_absolute_url()),
        ("agreements", "/lt/agreements/"),
        ("login", "/lt/accounts/login/"),
        ("signup", "/lt/accounts/signup/"),
        ("404", "/lt/sio-puslapio-nera/"),
    ]
    coordinating = [
        ("event management", past.get_absolute_url()),
        ("register someone", f"/lt/events/{past.slug}/register-someone/"),
        ("attendance", f"/lt/events/{past.slug}/attendance/"),
        ("certificates", f"/lt/certificates/events/{past.slug}/"),
        ("revoke a certificate", f"/lt/certificates/{certificate.pk}/revoke/"),
        ("homework (trainer)", f"/lt/homework/events/{past.slug}/"),
        ("report queue", "/lt/reports/"),
        ("actor moderation", "/lt/actors/moderation/"),
        ("import", "/lt/actors/import/"),
        ("patterns", "/lt/patterns/"),
    ]
    membering = [
        ("my page", "/lt/me/"),
        ("messages", "/lt/messages/"),
        ("conversation", f"/lt/messages/{conversation.pk}/"),
        ("notifications", "/lt/notifications/"),
        ("homework (handed in)", f"/lt/homework/events/{past.slug}/"),
        ("my bookings", "/lt/consultations/bookings/"),
        ("co-editors", f"{directory.liepa.get_absolute_url()}coeditors/"),
        ("confirm closing a post", f"/lt/partnerships/{post.pk}/close/"),
    ]
    return Site(
        pages={"visitor": public, "coordinator": coordinating, "member": membering},
        emails={"coordinator": coordinator.email, "member": member.email},
    )


def _axe(page) -> str | None:
    violations = [
        v for v in AXE.run(page).response["violations"] if v.get("impact") in BLOCKING
    ]  # fmt: skip
    if not violations:
        return None
    return json.dumps(
        [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in violations],
        ensure_ascii=False,
    )


def _focus_hidden(page) -> str | None:
    """The first link of the content, reached by keyboard, must show a focus outline."""
    page.keyboard.press("Tab")  # the person uses the keyboard from here on
    link = page.locator("main a[href]:visible").first
    if link.count() == 0:
        return None
    link.focus()
    style = link.evaluate(
        "e => e.matches(':focus-visible') + ' ' + getComputedStyle(e).outlineStyle"
    )
    return None if style == "true solid" else f"focus on {link.inner_text()!r}: {style}"


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("role", ["visitor", "coordinator", "member"])
def test_page_types_fit_are_accessible_and_show_focus(
    live_server, settings, browser, new_context, guard, site, role, width
):
    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    viewport = WIDTHS[width]
    state = None
    if role != "visitor":  # log in once; the context carries the session to every page
        login_page = new_context(viewport=viewport).new_page()
        log_in(login_page, live_server.url, site.emails[role])
        state = login_page.context.storage_state()
    phone = width == "phone"
    page = new_context(
        viewport=viewport, is_mobile=phone, has_touch=phone, storage_state=state
    ).new_page()

    problems = {}
    for name, path in site.pages[role]:
        response = page.goto(f"{live_server.url}{path}")
        expected = 404 if name == "404" else 200
        found = [f"HTTP {response.status}"] if response.status != expected else []
        if name == "map":
            page.locator("#map .leaflet-marker-icon").first.wait_for()
        found += [p for p in (sideways(page, viewport["width"]), _axe(page)) if p]
        if phone and (hidden := _focus_hidden(page)):
            found.append(hidden)
        if found:
            problems[f"{name} {path}"] = found

    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
    assert guard.foreign_requests == []
    assert guard.page_errors == []

"""The whole certification process in a browser, each role in its own session: the
applicant applies and sends; the coordinator marks it complete and assigns an evaluator;
the evaluator says there is no conflict, scores every criterion and sends the assessment;
the coordinator (the panel) approves; the mark shows on the actor's profile and the
registry entry's verification address says valid; the coordinator withdraws the licence
and the verification page says withdrawn. Every page fits 360 px; screenshots of each at
360 and 1280 px go to var/shots/."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots"


@pytest.fixture
def world(transactional_db):
    from tests.certification.factories import make_world

    world = make_world()
    for person in (world.applicant, world.coordinator, world.evaluator):
        verified_user(person)
    return world


def look(page, name):
    """Screenshots at 360 and 1280 px; at 360 nothing may stick out sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"cert-{name}-{width}.png"), full_page=True)
        if width == 360:
            assert sideways(page, 360) is None, name
    page.set_viewport_size({"width": 1280, "height": 900})


def session(new_context, base, person):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, person.email)
    return page


def click(page, action_end):
    page.locator(f"form[action$='{action_end}'] button").first.click()


def test_the_whole_certification_process(live_server, new_context, guard, world):
    from kaimolink.certification.models import Application, Licence

    base = live_server.url

    # The applicant applies, answers every criterion and sends the application.
    applicant = session(new_context, base, world.applicant)
    applicant.goto(f"{base}/lt/certification/applications/")
    click(applicant, "/applications/new/")
    application = Application.objects.get()
    expect(applicant).to_have_url(f"{base}/lt/certification/applications/{application.pk}/")
    for criterion in application.version.criteria.all():
        applicant.locator(f"#id_text_{criterion.pk}").fill(f"Kaip atitinkame {criterion.code}.")
        applicant.locator(f"#id_links_{criterion.pk}").fill("https://example.lt/irodymas")
    click(applicant, f"/applications/{application.pk}/")
    expect(applicant.locator(".messages, [role=status]").first).to_be_visible()
    click(applicant, "/submit/")
    expect(applicant.locator("main .badge").first).to_contain_text("Pateikta")
    look(applicant, "applicant-sent")

    # The coordinator finds it on the desk, marks it complete and assigns the evaluator.
    desk = session(new_context, base, world.coordinator)
    desk.goto(f"{base}/lt/desk/")
    desk.locator("a[href$='/desk/certification/?state=submitted']").click()
    look(desk, "desk-list")
    desk.get_by_role("link", name=world.actor.name).click()
    look(desk, "desk-application-submitted")
    click(desk, "/complete/")
    desk.locator("#id_evaluator").select_option(str(world.evaluator.pk))
    look(desk, "desk-application-complete")
    click(desk, "/assign/")
    expect(desk.locator("main .badge").first).to_contain_text("Paskirtas vertintojas")

    # The evaluator: no conflict, every criterion scored, the assessment sent.
    evaluator = session(new_context, base, world.evaluator)
    evaluator.goto(f"{base}/lt/certification/assessments/")
    look(evaluator, "evaluator-list")
    evaluator.get_by_role("link", name=world.actor.name).click()
    look(evaluator, "evaluator-gate")
    click(evaluator, "/start/")
    look(evaluator, "evaluator-scoring")
    for criterion in application.version.criteria.order_by("order"):
        if criterion.scoring == "points":
            evaluator.locator(f"#id_c{criterion.pk}-points").fill("8")
        else:
            evaluator.locator(f"#id_c{criterion.pk}-met_0").check()
        click(evaluator, f"/score/{criterion.pk}/")
    evaluator.locator("#id_summary").fill("Visi kriterijai atitinka.")
    click(evaluator, "/submit/")
    expect(evaluator.locator("main .badge").first).to_contain_text("Įvertinta")

    # The panel approves.
    desk.reload()
    look(desk, "desk-application-assessed")
    desk.locator("#id_outcome_0").check()
    desk.locator("#id_reasons").fill("Atitinka visus privalomus kriterijus.")
    click(desk, "/decide/")
    licence = Licence.objects.get()
    expect(desk.locator("main")).to_contain_text(licence.number)
    look(desk, "desk-application-approved")

    # The mark on the profile, the registry entry, the verification page: valid.
    visitor = new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(f"{base}/lt/actors/{world.actor.slug}/")
    mark = visitor.locator("a.actor-mark img")
    expect(mark).to_be_visible()
    assert visitor.evaluate("document.querySelector('a.actor-mark img').naturalWidth") > 0
    look(visitor, "profile-mark")
    visitor.locator("a.actor-mark").click()
    expect(visitor.locator("h1")).to_contain_text(licence.number)
    verify = visitor.locator(f"a[href$='/verify/{licence.number}/']").get_attribute("href")
    visitor.goto(base + urlsplit(verify).path)
    expect(visitor.locator(".verify__result")).to_have_class("notice verify__result")

    # The coordinator withdraws the licence, through the confirm page.
    desk.locator("a[href$='/withdraw/']").click()
    desk.locator("#id_reason").fill("Nebeatitinka bendruomeninio verslo reikalavimų.")
    look(desk, "desk-withdraw-confirm")
    desk.locator("main form button[type=submit]").click()
    expect(desk.locator("main .badge.standing-withdrawn")).to_be_visible()

    visitor.goto(base + urlsplit(verify).path)
    expect(visitor.locator(".verify__result")).to_have_class("error verify__result")
    expect(visitor.locator(".verify__result")).to_contain_text("Panaikinta")
    look(visitor, "verify-withdrawn")
    visitor.goto(f"{base}/lt/actors/{world.actor.slug}/")
    expect(visitor.locator("a.actor-mark")).to_have_count(0)

    assert guard.foreign_requests == []
    assert guard.page_errors == []

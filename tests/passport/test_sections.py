"""The registry: a section registered later (certification's marks, accreditations) joins
the records, their totals, the pages and the PDF without passport changing."""

import datetime

import pytest

from kaimolink.passport import sections
from kaimolink.passport.sections import Entry
from tests.credentials.conftest import issue
from tests.passport.test_downloads import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def marks(monkeypatch):
    """A "marks" section for actors, as the certification app will register it."""
    monkeypatch.setattr(sections, "_sections", dict(sections._sections))
    credential = issue(source="tests.mark:1", subject_identifier="https://example.org/actor")

    def actor_marks(actor):
        return [
            Entry(
                kind="marks",
                title="Bendruomeninis verslas",
                date=datetime.date(2026, 5, 1),
                detail="Nr. BV-0001",
                credential=credential,
                verify_url="/en/verify/BV-0001/",
                verify_code="BV-0001",
            ),
            Entry(kind="marks", title="Panaikintas ženklas", date=None, revoked=True),
        ]

    sections.register("marks", order=50, title="Certification marks", actor_entries=actor_marks)
    return credential


def test_a_registered_section_joins_the_actor_record(world, client, marks):
    record = sections.actor_record(world["actor"])
    assert [s.key for s in record.sections] == ["attendance", "certificates", "marks"]
    assert {t.label: t.value for t in record.totals}["Certification marks"] == 1
    # A person's record has no such section: it gave no person entries.
    assert sections.person_record(world["person"]).section("marks") is None
    client.force_login(world["person"])
    html = client.get(f"/en/passport/actor/{world['actor'].slug}/").content.decode()
    assert 'id="record-marks"' in html and "Bendruomeninis verslas" in html
    assert f"/en/credentials/{marks.uuid}.jwt" in html
    text = pdf_text(client.get(f"/en/passport/actor/{world['actor'].slug}/record.pdf").content)
    assert "Certification marks: 1" in text and "(code BV-0001)" in text


def test_sections_come_in_their_order():
    keys = [s.key for s in sections.sections()]
    assert keys == ["attendance", "homework", "certificates", "accreditations", "marks"]

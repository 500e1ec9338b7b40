"""/verify/<code>/ answers for the certificate of an accreditation: valid, not valid yet,
expired or withdrawn; the page's heading names what was verified."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from kaimolink.certification import public_selectors
from kaimolink.certification.accreditation import accreditation_withdraw
from kaimolink.certification.enums import Standing
from tests.certification.factories import accredit, published_scheme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accreditation():
    person = UserFactory(full_name="Dalia Vertintoja")
    return accredit(person, published_scheme())


def _page(client, typed, lang="en"):
    return client.get(f"/{lang}/verify/{typed}/")


def test_a_valid_accreditation_verifies_by_its_code_in_any_spelling(client, accreditation):
    for typed in (accreditation.printed_code, accreditation.short_code.lower()):
        page = _page(client, typed)
        assert page.status_code == 200, typed
        text = page.content.decode()
        assert "This accreditation is genuine and valid." in text
        assert f"Valid until {accreditation.valid_until:%Y-%m-%d}" in text
        assert "Dalia Vertintoja" in text and "Bendruomeninis verslas" in text
        assert "<h1>Verify an accreditation</h1>" in text
    lt = _page(client, accreditation.printed_code, "lt").content.decode()
    assert "<h1>Akreditacijos patikra</h1>" in lt and "Ši akreditacija tikra ir galioja." in lt


def test_a_withdrawn_accreditation_says_so_without_the_reason(
    client, accreditation, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    url = f"/en/verify/{accreditation.short_code}/"
    assert "genuine and valid" in client.get(url).content.decode()
    admin = UserFactory(is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        accreditation_withdraw(accreditation=accreditation, by=admin, reason="Interesų konfliktas")

    text = client.get(url).content.decode()  # the cached page went stale

    assert "This accreditation is not valid: it was withdrawn." in text
    assert f"Withdrawn on {timezone.localdate():%Y-%m-%d}" in text
    assert "Interesų konfliktas" not in text


def test_an_expired_or_future_accreditation_is_not_valid(accreditation):
    after = accreditation.valid_until + datetime.timedelta(days=1)
    found = public_selectors.accreditation_for_verification(accreditation.short_code, day=after)
    assert found.standing == Standing.EXPIRED and found.since == accreditation.valid_until
    assert not found.is_valid
    before = accreditation.valid_from - datetime.timedelta(days=1)
    found = public_selectors.accreditation_for_verification(accreditation.short_code, day=before)
    assert found.standing == Standing.NOT_YET_VALID and not found.is_valid


def test_an_expired_accreditation_page_says_its_last_day(client):
    person = UserFactory(full_name="Jonas Buvęs")
    old = accredit(person, published_scheme(), days_from=-800, days_until=-10)
    text = _page(client, old.printed_code).content.decode()
    assert "This accreditation is not valid: it has expired." in text
    assert f"Last valid day: {old.valid_until:%Y-%m-%d}" in text


def test_an_unknown_code_is_404_and_a_certificate_keeps_its_heading(client, accreditation):
    page = _page(client, "ZZZZ-ZZZZ")
    assert page.status_code == 404
    assert "<h1>Verify a certificate</h1>" in page.content.decode()

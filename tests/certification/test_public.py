"""The public side of certification: the scheme page and its versions, the registry, a
licence's entry with its QR code, verification of a licence at /verify/, the actor's
profile and the directory's "certified" filter and map. Licences are made by the
services (tests/certification/factories.py), never written as rows."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from kaimolink.certification import public_selectors, services
from kaimolink.certification.enums import Standing
from tests.certification.factories import add_criteria, licensed, licensed_actor, make_world
from tests.factories import LagFactory
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def licence(world):
    return licensed(world)


# --- The scheme page ---------------------------------------------------------------------


def test_overview_shows_rules_criteria_validity_fee_and_links(client, world):
    page = client.get("/en/certification/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bendruomeninis verslas" in text
    assert "Taisyklės" in text  # the version's rules, through Markdown
    for code, title in (("K1", "Bendruomenės nauda"), ("K2", "Vietos darbo vietos")):
        assert f"{code} {title}" in text
    assert "Points: at least 6 of 10" in text
    assert "optional" in text  # K3
    assert "24 months" in text and "No fee" in text
    assert 'href="/en/certification/mark/"' in text
    assert 'href="/en/certification/registry/?status=valid"' in text
    assert 'href="/en/certification/bv/v1/"' in text


def test_overview_in_lithuanian(client, world):
    text = client.get("/lt/certification/").content.decode()
    assert "Bendruomeninio verslo sertifikavimas" in text
    assert "Privalomas" in text or "privalomas" in text


def test_old_version_keeps_its_page_and_says_it_is_old(client, world):
    version = services.version_create(scheme=world.scheme, rules_text="Naujos taisyklės")
    add_criteria(version, prefix="N")
    draft = client.get("/en/certification/bv/v2/")
    assert draft.status_code == 404  # a draft is not public
    services.version_publish(version=version)
    old = client.get("/en/certification/bv/v1/").content.decode()
    assert "This is an earlier version" in old and "Taisyklės" in old
    assert "Naujos taisyklės" not in old
    current = client.get("/en/certification/bv/v2/").content.decode()
    assert "This is an earlier version" not in current and "N1 " in current
    history = client.get("/en/certification/").content.decode()
    assert 'href="/en/certification/bv/v1/"' in history
    assert 'href="/en/certification/bv/v2/"' in history
    assert client.get("/en/certification/bv/v9/").status_code == 404
    assert client.get("/en/certification/nera/v1/").status_code == 404


# --- The registry ------------------------------------------------------------------------


def test_registry_row_shows_holder_number_scheme_dates_status(client, licence):
    text = client.get("/en/certification/registry/").content.decode()
    assert f'href="/en/actors/{licence.actor.slug}/"' in text
    assert f'href="/en/certification/registry/{licence.number}/"' in text
    assert "Bendruomeninis verslas, version 1" in text
    assert f"{licence.valid_from:%Y-%m-%d} – {licence.valid_until:%Y-%m-%d}" in text
    assert ">Valid<" in text


def test_registry_filters_by_status_lag_scheme_actor_and_search(client, world, licence):
    other = licensed_actor(world, "Amatų namai")
    services.licence_withdraw(licence=other, by=world.coordinator, reason="Nebeatitinka.")

    def numbers(params):
        page = client.get("/en/certification/registry/", params)
        assert page.status_code == 200
        return re.findall(r"registry/(BV-\d{4}-\d{4})/", page.content.decode())

    assert numbers({"status": "valid"}) == [licence.number]
    assert numbers({"status": "withdrawn"}) == [other.number]
    assert numbers({"status": "expired"}) == []
    assert sorted(numbers({})) == sorted([licence.number, other.number])
    assert set(numbers({"lag": world.lag.slug})) == {licence.number, other.number}
    assert numbers({"lag": LagFactory().slug}) == []
    assert set(numbers({"scheme": "bv"})) == {licence.number, other.number}
    assert numbers({"actor": other.actor.slug}) == [other.number]
    assert numbers({"q": "amatu"}) == [other.number]  # no accents, any case
    assert numbers({"q": other.number.replace("-", "").lower()}) == [other.number]
    assert numbers({"q": licence.printed_code}) == [licence.number]


def test_registry_refuses_a_bad_filter_with_400_not_500(client, licence):
    page = client.get("/en/certification/registry/", {"status": "forever", "lag": "nera"})
    assert page.status_code == 400
    assert 'aria-invalid="true"' in page.content.decode()


def test_registry_costs_the_same_queries_for_one_and_many(client, world, licence):
    url = "/en/certification/registry/"
    one = count_queries(client, url)
    services.licence_suspend(
        licence=licensed_actor(world, "Antra"), by=world.coordinator, reason="Tikrinama."
    )
    licensed_actor(world, "Trečia")
    assert count_queries(client, url) == one


def test_registry_is_paginated(client, world, licence, monkeypatch):
    from kaimolink.certification import public_views

    monkeypatch.setattr(public_views, "REGISTRY_PAGE_SIZE", 1)
    licensed_actor(world, "Antra")
    first = client.get("/en/certification/registry/", {"status": "valid"}).content.decode()
    assert 'rel="next"' in first and "status=valid&amp;page=2" in first


# --- A licence's entry and its QR code ---------------------------------------------------


def test_entry_shows_licence_and_qr_code_of_verify_address(client, licence, settings):
    settings.SITE_URL = "https://kaimolink.example"
    page = client.get(f"/en/certification/registry/{licence.number}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Valid until {licence.valid_until:%Y-%m-%d}" in text
    assert f'src="/en/certification/registry/{licence.number}/qr.svg"' in text
    assert not re.search(r"<script(?![^>]*\bsrc=)", text) and "style=" not in text
    qr = client.get(f"/en/certification/registry/{licence.number}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content and b"<script" not in qr.content
    assert client.get("/en/certification/registry/BV-2000-9999/").status_code == 404


def test_entry_hides_the_reasons_of_a_withdrawal(client, world, licence):
    services.licence_withdraw(licence=licence, by=world.coordinator, reason="Slapta priežastis")
    text = client.get(f"/en/certification/registry/{licence.number}/").content.decode()
    assert f"Withdrawn on {timezone.localdate():%Y-%m-%d}" in text
    assert "Slapta priežastis" not in text


# --- Verification ------------------------------------------------------------------------


def verify(client, typed):
    return client.get("/en/verify/", {"code": typed})


def test_verify_a_valid_licence_by_number_or_code_in_any_spelling(client, licence):
    for typed in (licence.number, licence.number.lower().replace("-", " "), licence.printed_code,
                  licence.short_code.lower()):  # fmt: skip
        page = verify(client, typed)
        assert page.status_code == 200, typed
        text = page.content.decode()
        assert "This mark is genuine and valid." in text
        assert f"Valid until {licence.valid_until:%Y-%m-%d}" in text
        assert licence.actor.name in text and "Bendruomeninis verslas" in text
    assert client.get(f"/en/verify/{licence.number}/").status_code == 200


def test_verify_says_suspended_since_and_withdrawn_on(client, world, licence):
    today = f"{timezone.localdate():%Y-%m-%d}"
    services.licence_suspend(licence=licence, by=world.coordinator, reason="Patikra")
    text = verify(client, licence.number).content.decode()
    assert f"Suspended since {today}" in text and "not valid" in text
    assert "Patikra" not in text
    services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeidimai")
    text = verify(client, licence.number).content.decode()
    assert f"Withdrawn on {today}" in text and "Pažeidimai" not in text


def test_verify_says_expired_with_the_last_day(client, world, licence):
    later = licence.valid_until + datetime.timedelta(days=3)
    found = public_selectors.licence_for_verification(licence.number, day=later)
    assert found.standing == Standing.EXPIRED and found.since == licence.valid_until
    assert not found.is_valid


def test_verify_unknown_licence_number_is_404(client, licence):
    assert verify(client, "BV-2001-0042").status_code == 404


def test_verify_page_goes_stale_when_the_licence_changes(
    client, world, licence, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    url = f"/en/verify/{licence.number}/"
    assert "genuine and valid" in client.get(url).content.decode()
    assert "genuine and valid" in client.get(url).content.decode()  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeidimai")
    assert "Withdrawn on" in client.get(url).content.decode()


# --- Where actors are shown --------------------------------------------------------------


def certified_slugs(client) -> list[str]:
    page = client.get("/lt/actors/", {"certified": "true"}).content.decode()
    return re.findall(r'href="/lt/actors/([\w-]+)/"', page)


def map_flags(client) -> dict[str, bool]:
    answer = client.get("/lt/actors/map/markers.geojson", {"bbox": "20,53,27,57"}).json()
    return {f["properties"]["slug"]: f["properties"]["certified"] for f in answer["features"]}


def test_directory_filter_and_map_follow_approval_and_withdrawal(client, world):
    actor = world.actor
    assert "Tik sertifikuoti" in client.get("/lt/actors/").content.decode()
    assert actor.slug not in certified_slugs(client)
    assert map_flags(client).get(actor.slug) is False
    licence = licensed(world)
    assert actor.slug in certified_slugs(client)
    assert map_flags(client)[actor.slug] is True
    services.licence_withdraw(licence=licence, by=world.coordinator, reason="Nebeatitinka.")
    assert actor.slug not in certified_slugs(client)
    assert map_flags(client)[actor.slug] is False


def test_profile_links_the_certification_to_the_registry(client, world):
    url = f"/en/actors/{world.actor.slug}/"
    registry_link = f'href="/en/certification/registry/?actor={world.actor.slug}"'
    assert registry_link not in client.get(url).content.decode()
    licence = licensed(world)
    assert registry_link in client.get(url).content.decode()
    listed = client.get(f"/en/certification/registry/?actor={world.actor.slug}").content.decode()
    assert licence.number in listed

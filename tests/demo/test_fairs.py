"""The demo fairs: a past one with its reports' figures, one open now, written through the
services, and a second run that creates nothing."""

import pytest

from kaimolink.demo.fairs import CATALOGUE, FAIRS, seed_demo_fairs
from kaimolink.fairs import selectors
from kaimolink.fairs.enums import Period
from kaimolink.fairs.models import (
    Booth,
    BoothQuestion,
    BoothVisit,
    ExhibitorApplication,
    Fair,
    MeetingBooking,
    MeetingSlot,
)
from kaimolink.market.models import Order, Product, SeasonalCatalogue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_seeded_once")]


def test_demo_has_a_past_fair_with_report_figures_and_an_open_one():
    past = Fair.objects.get(title=FAIRS["past"]["title"])
    open_now = Fair.objects.get(title=FAIRS["open"]["title"])
    assert past.period() == Period.PAST
    assert open_now.period() == Period.OPEN and open_now.is_open
    assert open_now.settlement is not None and open_now.sessions.count() == 2
    report = selectors.fair_report(fair=past)
    totals = report.totals
    assert len(report.rows) >= 3
    assert totals["visits"] > 0 and totals["orders"] > 0 and totals["meetings"] > 0
    assert totals["questions"] >= 2 and totals["answered"] >= 2
    # The open fair's booths bring published market products of the fair's categories.
    for booth in Booth.objects.filter(fair=open_now):
        products = list(booth.products.all())
        assert products, booth
        assert all(p.is_published and p.category in open_now.categories for p in products)
    assert BoothQuestion.objects.filter(booth__fair=open_now).exclude(answer="").exists()
    assert MeetingBooking.objects.filter(slot__booth__fair=open_now).exists()


def test_the_christmas_catalogue_of_kedainiai_communities_is_open_with_order_instructions(
    client,
):
    from django.utils import timezone

    catalogue = SeasonalCatalogue.objects.get(title=CATALOGUE["title"])
    today = timezone.localdate()
    assert catalogue.lag.slug == "kedainiai"
    assert catalogue.starts_on <= today <= catalogue.ends_on
    assert "Užsakykite" in catalogue.order_instructions
    names = set(catalogue.products.values_list("name", flat=True))
    assert {"Rankų darbo kalėdiniai atvirukai", "Rankų darbo vokai",
            "Kalėdiniai žaisliukai iš šiaudų"} <= names  # fmt: skip
    assert all(p.is_published and p.lag_id == catalogue.lag_id for p in catalogue.products.all())
    page = client.get(catalogue.get_absolute_url())
    assert page.status_code == 200
    assert "Rankų darbo vokai" in page.content.decode()
    assert client.get("/lt/market/catalogues/").content.decode().count(CATALOGUE["title"]) >= 1


def test_a_second_run_creates_nothing():
    models = (Fair, ExhibitorApplication, Booth, BoothQuestion, MeetingSlot, MeetingBooking,
              BoothVisit, Product, Order, SeasonalCatalogue)  # fmt: skip
    before = {m.__name__: m.objects.count() for m in models}
    visits = sum(BoothVisit.objects.values_list("count", flat=True))
    lines = []
    seed_demo_fairs(log=lines.append)
    assert {m.__name__: m.objects.count() for m in models} == before
    assert sum(BoothVisit.objects.values_list("count", flat=True)) == visits
    assert "nothing new" in lines[0]

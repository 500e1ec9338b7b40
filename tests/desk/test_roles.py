"""Every desk page of a LAG answers 404 to a coordinator of another LAG, and changes nothing.

The pages are found from the URLconf itself (`desk:` and `settlements:`), so a page added
later without its check fails here: each URL is filled with LAG A's objects, and must
answer its own coordinator (so the URL is right and the test can fail) but give another
LAG's coordinator 404, on GET and on POST.
"""

import datetime

import pytest
from django.urls import URLPattern, get_resolver, reverse

from kaimolink.certification.models import AuditEntry, Licence
from kaimolink.core.models import Settlement
from kaimolink.events.models import Event
from kaimolink.projects.models import Agreement, AgreementMaterial, Indicator, Project, ProjectNews
from tests.certification.factories import licensed, make_world
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import (
    DistrictFactory,
    LagFactory,
    SettlementFactory,
    make_coordinator,
    offline_person,
)
from tests.projects.factories import AgreementFactory, ProjectFactory, add_indicator, add_partner

pytestmark = pytest.mark.django_db

# Pages without an object of a LAG in their URL: they show the person's own LAGs only
# (their content is tested by each page's own tests).
UNSCOPED = {
    "desk:home",
    "desk:events",
    "desk:event_create",
    "desk:series",
    "desk:series_create",
    "desk:reports",
    "desk:projects",
    "desk:project_create",
    "desk:agreements",
    "desk:agreement_create",
    "desk:people",
    "desk:certification",
    "settlements:home",
}


def _patterns(namespace):
    resolver = get_resolver()
    for prefix, (_ns_pattern, sub) in resolver.namespace_dict.items():
        if prefix == namespace:
            return [p for p in sub.url_patterns if isinstance(p, URLPattern)]
    raise LookupError(namespace)


@pytest.fixture
def lag_a():
    """LAG A with one of everything a desk page can name."""
    from kaimolink.events.models import EventSeries
    from kaimolink.indicators.models import IndicatorRule
    from kaimolink.projects.models import ProjectDocument

    district = DistrictFactory()
    lag = LagFactory(districts=[district])
    settlement = SettlementFactory(district=district)
    event = EventFactory(lags=[lag], settlement=settlement)
    series = EventSeries.objects.create(title="A serija")
    series.lags.add(lag)
    person = offline_person()
    RegistrationFactory(event=event, person=person)
    project = ProjectFactory()
    add_partner(project, lag=lag)
    indicator = add_indicator(project, "R1")
    IndicatorRule.objects.create(indicator=indicator, measure="trainings_held")  # has records
    news = ProjectNews.objects.create(project=project, title="Naujiena", date=datetime.date.today())
    document = ProjectDocument.objects.create(project=project, title="Kortelė", file="x.pdf")
    agreement = AgreementFactory(lag=lag)
    material = AgreementMaterial.objects.create(agreement=agreement, title="Metodika")
    licence = licensed(make_world(lag=lag))  # an approved application of the LAG, its licence
    return {
        "lag": lag,
        "values": {
            "lag_slug": lag.slug,
            "slug": project.slug,
            "material_pk": material.pk,
        },
        # What a `<int:pk>` means on each page.
        "pk": {
            "desk:event_edit": event.pk,
            "desk:event_copy": event.pk,
            "desk:event_cancel": event.pk,
            "desk:series_edit": series.pk,
            "desk:project_news_edit": news.pk,
            "desk:project_news_delete": news.pk,
            "desk:project_document_delete": document.pk,
            "desk:agreement_edit": agreement.pk,
            "desk:agreement_materials": agreement.pk,
            "desk:agreement_material_delete": agreement.pk,
            "desk:person_merge": person.pk,
            "desk:indicator_edit": indicator.pk,
            "desk:indicator_delete": indicator.pk,
            "desk:indicator_records": indicator.pk,
            "settlements:merge": settlement.pk,
            **{
                f"desk:certification_{name}": licence.application_id
                for name in ("application", "complete", "incomplete", "assign", "decide", "return")
            },
            **{
                f"desk:certification_licence_{name}": licence.pk
                for name in ("suspend", "reinstate", "withdraw")
            },
        },
    }


def _scoped_urls(lag_a):
    urls = []
    for namespace in ("desk", "settlements"):
        for pattern in _patterns(namespace):
            name = f"{namespace}:{pattern.name}"
            if name in UNSCOPED:
                continue
            kwargs = {
                key: (lag_a["pk"][name] if key == "pk" else lag_a["values"][key])
                for key in pattern.pattern.converters
            }
            urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


def _counts():
    return [
        model.objects.count()
        for model in (Event, Project, Indicator, ProjectNews, Agreement, Settlement, AuditEntry)
    ] + list(Licence.objects.values_list("status", flat=True))


def test_every_desk_page_of_a_lag_is_404_to_another_lags_coordinator(client, lag_a):
    urls = _scoped_urls(lag_a)
    assert len(urls) >= 25  # every page that names a LAG's object
    assert UNSCOPED | {name for name, _ in urls} >= {
        f"desk:{p.name}" for p in _patterns("desk")
    }  # every page is in one list or the other

    own = make_coordinator(lag_a["lag"])
    client.force_login(own)
    for name, url in urls:
        assert client.get(url).status_code in (200, 302), name  # the URL is right

    other = make_coordinator(LagFactory())
    client.force_login(other)
    before = _counts()
    for name, url in urls:
        assert client.get(url).status_code == 404, name
        response = client.post(url, {"confirmed": "1", "title": "Svetimas", "reason": "x"})
        # 405 for a read-only page: answered before any lookup, for any id alike.
        assert response.status_code in (404, 405), name
    assert _counts() == before

"""The API answers as its published OpenAPI document says (issue 8, finding 9).

Schemathesis reads `/api/v1/openapi.json` from the application itself (in-process WSGI, no
server) and sends generated requests to every operation, valid and invalid ones, with
demo-like rows present. Every answer must have a documented status code, a body of the
documented shape and content type, and never a 5xx. Bounded and derandomized, so CI runs
the same examples every time in well under a minute.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings

from kaimolink.wsgi import application
from tests.certification.factories import licensed, make_world
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory, LagFactory, theme
from tests.market.factories import ProductFactory
from tests.partnerships.factories import PostFactory
from tests.projects.factories import AgreementFactory, ProjectFactory, add_partner

OPENAPI = "/api/v1/openapi.json"

# A filter naming a LAG, theme or series that does not exist is well formed by the schema
# (which cannot list rows of the database) and refused with the documented 422: for
# schema-valid requests that answer is expected too, besides 2xx and 404.
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", 404, 422]}}}
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Schemathesis calls the real WSGI application, whose request signals close the
    database connection (Django's test client switches that off; this does the same):
    on PostgreSQL the test's transaction would be closed under the next request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _demo_rows(db):
    """A few rows of every kind the API lists, so that lookups find something."""
    lag = LagFactory(slug="kazlu-rudos-vvg")
    actor = ActorFactory(lag=lag, slug="bendruomene", themes=[theme("short-supply-chains")])
    ActorFactory(lag=lag, contacts_public=True, email="info@example.lt")
    event = EventFactory(lags=[lag], slug="mokymai", theme=theme("short-supply-chains"))
    RegistrationFactory(event=event)
    EventFactory(lags=[lag], days=[])
    PostFactory(actor=actor)
    project = ProjectFactory(slug="projektas")
    add_partner(project, lag=lag)
    AgreementFactory(lag=lag)
    licensed(make_world())  # a licence granted through the certification process
    ProductFactory(actor=actor, name="Liepų medus").co_producers.add(ActorFactory(lag=lag))


# Read from the application itself: what is tested is what is published. It is read while
# the tests are collected, where no database is open: the page cache (which asks the
# database for its generation) stays out of the way.
with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
    schema = schemathesis.openapi.from_wsgi(OPENAPI, application, config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case):
    # The WSGI transport hands the body over as sent and does not undo gzip (the site
    # compresses JSON for clients that ask: core/compression.py, tested on its own).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing", "/api/v2/actors", "/api/", "/api/v1/actors/a/b"]
)
def test_unknown_api_path_answers_a_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert isinstance(response.json()["detail"], str)


def test_unknown_api_path_answers_a_json_404_to_a_post_too(client):
    client.handler.enforce_csrf_checks = True

    response = client.post("/api/v1/nothing", {"a": "b"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_openapi_documents_the_language_headers(client):
    schema = client.get(OPENAPI).json()

    for path, operations in schema["paths"].items():
        for operation in operations.values():
            names = {(p["in"], p["name"]) for p in operation["parameters"]}
            assert ("header", "Accept-Language") in names, path
            for response in operation["responses"].values():
                assert "Content-Language" in response["headers"], path

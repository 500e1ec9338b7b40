"""The site's own error pages (404, 403, CSRF failure, 500) and /favicon.ico: in the
person's language, with the way back, never Django's bare English pages."""

import io

import pytest
from django.test import RequestFactory
from django.utils import translation
from PIL import Image

from kaimolink.core.views import server_error
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_lithuanian_404_with_the_menu(client):
    response = client.get("/lt/nera-tokio-puslapio/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Puslapis nerastas" in page
    assert 'href="/lt/actors/"' in page  # the menu and the way back
    assert "Not Found" not in page


def test_unknown_page_in_english_is_english(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_stale_form_is_a_lithuanian_403_that_says_what_to_do(client):
    client.handler.enforce_csrf_checks = True
    client.force_login(UserFactory())

    response = client.post("/lt/notifications/", {"x": "1"})

    page = response.content.decode()
    assert response.status_code == 403
    assert "Formos išsiųsti nepavyko" in page
    assert "atnaujinkite puslapį" in page
    assert "CSRF verification failed" not in page


def test_server_error_page_needs_no_database_and_speaks_lithuanian(django_assert_num_queries):
    request = RequestFactory().get("/lt/")
    with translation.override("lt"), django_assert_num_queries(0):
        response = server_error(request)

    page = response.content.decode()
    assert response.status_code == 500
    assert "Įvyko klaida" in page
    assert 'href="/lt/"' in page
    assert "Server Error" not in page


def test_the_project_answers_500_with_its_own_page(client, settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client.raise_request_exception = False

    response = client.get("/lt/fails/")

    assert response.status_code == 500
    assert "Įvyko klaida" in response.content.decode()


def test_favicon_is_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(b"".join(response)))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]

"""The filters' drop-downs (core.forms.FilterForm): options written in Python, model
choices cached per language and public-pages generation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import LagFactory

pytestmark = pytest.mark.django_db
URL = "/lt/actors/"


def _get(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def test_filter_choices_come_from_the_cache_on_the_next_visit(client):
    LagFactory(name="Kėdainių krašto VVG")

    first_html, first_queries = _get(client)
    again_html, again_queries = _get(client)

    assert again_html == first_html
    # LAG, district and theme choices: three queries on the first visit only.
    assert again_queries == first_queries - 3


def test_filter_shows_a_renamed_lag_at_once(client, django_capture_on_commit_callbacks):
    lag = LagFactory(name="Senas pavadinimas", short_name="Senas")
    before, _ = _get(client)
    assert f'<option value="{lag.slug}">' in before

    with django_capture_on_commit_callbacks(execute=True):
        lag.short_name = lag.name = "Naujas pavadinimas"
        lag.save()
    after, _ = _get(client)

    option = after[after.index(f'<option value="{lag.slug}">') :]
    assert option.startswith(f'<option value="{lag.slug}">Naujas')


def test_filter_options_escape_hostile_names_and_mark_the_chosen_one(client):
    lag = LagFactory(name='<b onmouseover="x">VVG</b>', short_name='<b onmouseover="x">VVG</b>')

    html = client.get(URL, {"lag": lag.slug, "type": "farmer"}).content.decode()

    assert "<b onmouseover" not in html
    assert f'<option value="{lag.slug}" selected>&lt;b onmouseover=&quot;x&quot;&gt;VVG' in html
    assert '<option value="farmer" selected>' in html
    lag_select = html[
        html.index('<select name="lag"') : html.index("</select>", html.index('name="lag"'))
    ]
    assert lag_select.count(" selected") == 1

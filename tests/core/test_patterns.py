"""The staff-only pattern page shows every component of docs/design-system.md live."""

import pytest

from tests.factories import LagFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/lt/patterns/"
# One marker per component of docs/design-system.md and per kind of field.
MARKERS = [
    'class="button"',
    "button--secondary",
    "button--warning",
    "panel panel--warning",  # the confirm panel
    'name="confirmed" value="1"',
    "summary-list__row",
    'class="panel"',
    'class="table-fold"',
    'data-label="Numeris"',
    "empty-state",
    "error-summary",
    "field--error",
    'type="text"',
    'type="email"',
    "id_email_helptext",
    "<select",
    "Pasirinkite VVG",  # a real empty label, not "---------"
    'type="checkbox"',
    'type="radio"',
    "<textarea",
    'type="password"',
    "password-again",
    'href="#menu"',
    'href="/lt/events/calendar/"',
]


def test_patterns_staff_sees_every_component(client):
    LagFactory(name="Kėdainių krašto vietos veiklos grupė", short_name="Kėdainių VVG")
    client.force_login(UserFactory(is_staff=True))

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert [marker for marker in MARKERS if marker not in page] == []
    assert "---------" not in page
    assert ">Kėdainių VVG</option>" in page  # the select holds the real LAGs
    assert "Įrašykite organizacijos pavadinimą" in page  # the name's own message, in Lithuanian


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_patterns_others_get_404(client, who):
    if who == "member":
        client.force_login(UserFactory())

    assert client.get(URL).status_code == 404

"""The privacy notice: reachable from every page's footer and from sign-up, true to the code."""

import pytest

from kaimolink.actors.importing import KEEP_IMPORTS_DAYS
from kaimolink.actors.invitations import KEEP_INVITATIONS_DAYS
from kaimolink.actors.models import INVITATION_VALID_DAYS

pytestmark = pytest.mark.django_db


def test_privacy_page_in_lithuanian_names_the_periods_the_code_applies(client):
    response = client.get("/lt/privacy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Privatumo pranešimas" in html
    assert f"Ištrinamos praėjus {KEEP_IMPORTS_DAYS} dienų po importo pabaigos." in html
    assert f"Galioja {INVITATION_VALID_DAYS} dienų" in html
    assert f"praėjus {KEEP_INVITATIONS_DAYS} d. nuo išsiuntimo" in html
    assert "Sesija trunka 14 dienų" in html
    assert 'href="/lt/me/data.json"' in html and 'href="/lt/me/delete/"' in html


def test_privacy_page_in_english(client):
    html = client.get("/en/privacy/").content.decode()
    assert "Privacy notice" in html
    assert f"Deleted {KEEP_IMPORTS_DAYS} days after the import finished." in html
    assert "State Data Protection Inspectorate" in html


@pytest.mark.parametrize("url", ["/lt/", "/lt/events/", "/en/actors/", "/lt/accounts/login/"])
def test_privacy_page_is_linked_from_the_footer(client, url):
    html = client.get(url).content.decode()
    footer = html[html.index('<footer class="foot">') :]
    assert 'href="/' + url.split("/")[1] + '/privacy/"' in footer

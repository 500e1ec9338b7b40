"""allauth's pages in correct, polite Lithuanian (kaimolink's catalog before allauth's)."""

import gettext
import re
from html import unescape
from pathlib import Path

import allauth
import pytest
from django.utils import translation

from kaimolink.accounts.allauth_texts import ALLAUTH_TEXTS

pytestmark = pytest.mark.django_db

PAGES = [
    "/lt/accounts/login/",
    "/lt/accounts/signup/",
    "/lt/accounts/password/reset/",
    "/lt/accounts/password/reset/done/",
    "/lt/accounts/confirm-email/",
]
# allauth's own Lithuanian: misspelt, a calque, or the informal "tu" the site never uses.
WRONG = ["išsiūs", "atstatym", "Prisimink mane", "kurio pagalba", "tavo", "Tavo", " tu ", "Tu "]
ALLAUTH_MO = Path(allauth.__file__).parent / "locale" / "lt" / "LC_MESSAGES" / "django.mo"


def _text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


@pytest.mark.parametrize("url", PAGES)
def test_allauth_page_has_none_of_the_wrong_forms(client, url):
    text = _text(client, url)
    for wrong in WRONG:
        assert wrong not in text, (url, wrong)


def test_allauth_login_page_reads_right(client):
    text = _text(client, "/lt/accounts/login/")
    assert "Prisiminti mane" in text
    assert "Jei dar neturite paskyros, pirmiausia susikurkite ją ." in text


def test_allauth_password_reset_page_reads_right(client):
    text = _text(client, "/lt/accounts/password/reset/")
    assert "Slaptažodžio atkūrimas" in text
    assert "atsiųsime laišką su nuoroda" in text
    assert "Atkurti slaptažodį" in text


def test_allauth_signup_page_reads_right_and_links_the_privacy_notice(client):
    response = client.get("/lt/accounts/signup/")
    text = _text(client, "/lt/accounts/signup/")
    assert "Jau turite paskyrą? Tada prisijunkite ." in text
    assert 'href="/lt/privacy/"' in response.content.decode()


def test_allauth_texts_all_differ_from_allauths_catalog():
    """Each text named in accounts/allauth_texts.py is translated by our catalog, which wins."""
    with ALLAUTH_MO.open("rb") as file:
        theirs = gettext.GNUTranslations(file)
    with translation.override("lt"):
        for msgid in ALLAUTH_TEXTS:
            ours = translation.gettext(msgid)
            assert ours != msgid, msgid
            assert ours != theirs.gettext(msgid), msgid


def test_allauth_signup_errors_look_like_errors_not_hints(client):
    response = client.post(
        "/lt/accounts/signup/",
        {"email": "ne-adresas", "full_name": "", "password1": "abc", "password2": "abc"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert re.search(r'<p class="field-error" id="id_email_error">', html)
    assert re.search(r'<p class="field-error" id="id_full_name_error">.*Įrašykite vardą', html)
    assert re.search(r'<p class="field-error" id="id_password1_error">', html)
    # the password rules stay hints, apart from the errors
    assert 'class="hint" id="id_password1_helptext"' in html
    assert 'class="errorlist"' not in html


def test_allauth_login_error_is_in_the_error_summary(client):
    response = client.post("/lt/accounts/login/", {"login": "nera@example.lt", "password": "x"})
    html = response.content.decode()
    summary = html[html.index('class="error-summary"') :]
    assert "Neteisingas el. pašto adresas arba slaptažodis." in summary[:1000]

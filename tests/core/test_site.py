import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_as_plain_text(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    # the whole middleware stack ran: security headers are present
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_root_redirects_to_lithuanian(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/lt/"


def test_english_pages_are_english(client):
    response = client.get("/en/actors/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Rural development actors" in response.text


def test_lithuanian_pages_are_lithuanian(client):
    response = client.get("/lt/actors/")
    assert '<html lang="lt">' in response.text
    assert "Kaimo plėtros veikėjai" in response.text


def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/lt/actors/?q=medus"})
    assert response.status_code == 302
    assert response["Location"] == "/en/actors/?q=medus"


def test_pages_load_nothing_from_other_hosts(client):
    for url in ["/lt/", "/lt/actors/", "/lt/actors/map/", "/lt/accounts/login/"]:
        html = client.get(url).text
        for marker in ['src="http', "src='http", 'href="//', 'src="//', "cdn"]:
            assert marker not in html, (url, marker)


def test_settings_read_environment(monkeypatch, tmp_path):
    import importlib

    import kaimolink.settings as settings_module

    monkeypatch.setenv("KAIMOLINK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/kl")
    monkeypatch.setenv("ALLOWED_HOSTS", "a.lt,b.lt")
    monkeypatch.setenv("DEBUG", "1")
    try:
        reloaded = importlib.reload(settings_module)
        assert reloaded.DATABASES["default"]["NAME"] == "kl"
        assert reloaded.ALLOWED_HOSTS == ["a.lt", "b.lt"]
        assert reloaded.DEBUG is True
        key = (tmp_path / "secret_key").read_text()
        assert reloaded.SECRET_KEY == key and len(key) > 40
        assert importlib.reload(settings_module).SECRET_KEY == key  # kept, not regenerated
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


@override_settings(LANGUAGE_CODE="lt")
def test_lithuanian_plural_forms(client):
    from django.utils import translation

    with translation.override("lt"):
        forms = [
            translation.ngettext("%(counter)s actor found", "%(counter)s actors found", n)
            % {"counter": n}
            for n in (1, 3, 12, 21)
        ]
    assert forms == [
        "Rastas 1 veikėjas",
        "Rasti 3 veikėjai",
        "Rasta 12 veikėjų",
        "Rastas 21 veikėjas",
    ]

"""The documented production environment passes `kaimolink check --deploy` (issue 8, finding 8),
and behind a TLS proxy the site's full links are https://."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.events.factories import EventFactory

DEPLOY_DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
KAIMOLINK = Path(sys.executable).parent / "kaimolink"


def documented_environment() -> dict[str, str]:
    """The KEY=VALUE lines of the block under `<!-- production-environment -->`."""
    text = DEPLOY_DOC.read_text()
    block = re.search(r"<!-- production-environment -->\s*```sh\n(.*?)```", text, re.S)
    assert block, "docs/deploy.md lost its production-environment block"
    pairs = (line.split("=", 1) for line in block.group(1).splitlines() if "=" in line)
    return {key: value for key, value in pairs if not key.startswith("#")}


def run(args, environment, tmp_path) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), **environment}
    env["KAIMOLINK_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run(
        [str(KAIMOLINK), *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_with_the_documented_environment_prints_no_warning(tmp_path):
    environment = documented_environment() | {"SECRET_KEY": secrets.token_urlsafe(50)}
    result = run(["check", "--deploy", "--fail-level", "WARNING"], environment, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    # The proxy's X-Forwarded-Proto is trusted exactly when a proxy is configured.
    shown = run(
        ["shell", "-c", "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"],
        environment,
        tmp_path,
    )
    assert shown.stdout.strip().splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_check_deploy_without_the_security_settings_warns(tmp_path):
    """The test above is not blind: leave the security settings out and the check warns."""
    environment = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50)}
    result = run(["check", "--deploy", "--fail-level", "WARNING"], environment, tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout


@pytest.fixture
def behind_tls_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.mark.django_db
def test_full_links_behind_a_tls_proxy_are_https(client, behind_tls_proxy):
    event = EventFactory()
    # A plain-http visit first puts its page in the page cache; the https visit must not get it.
    plain = client.get("/lt/events/calendar.ics", HTTP_HOST="testserver").content.decode()
    assert f"http://testserver{event.get_absolute_url()}" in plain
    secure = client.get(
        "/lt/events/calendar.ics", HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https"
    )
    text = secure.content.decode()
    assert f"https://testserver{event.get_absolute_url()}" in text
    assert "http://testserver" not in text

"""Two application processes share one PostgreSQL and nothing else (docs/deploy.md)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.db import connection

from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor
from tests.factories import LagFactory, SettlementFactory, UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, data_dir: Path) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "KAIMOLINK_DATA_DIR": str(data_dir),
        "SECRET_KEY": "shared-between-servers",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "1",
        "KAIMOLINK_FAST_HASHER": "1",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    return subprocess.Popen(
        [str(gunicorn), "kaimolink.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server on port {port} did not start")


def csrf_token(opener, url: str) -> str:
    html = opener.open(url).read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def post(opener, url: str, data: dict):
    data = {"csrfmiddlewaretoken": csrf_token(opener, url), **data}
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode())
    request.add_header("Referer", url)
    return opener.open(request)


def test_login_on_one_server_works_on_the_other(tmp_path):
    person = UserFactory(email="ona@example.lt", full_name="Ona Onaitė")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    ports = [free_port(), free_port()]
    servers = [start_server(p, tmp_path / f"s{i}") for i, p in enumerate(ports)]
    try:
        for port in ports:
            wait_ready(port)
        a, b = (f"http://127.0.0.1:{p}" for p in ports)
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        post(opener, f"{a}/lt/accounts/login/",
             {"login": person.email, "password": "slaptas-Zodis-42"})  # fmt: skip

        # The session made by server A is known to server B: sessions live in the database.
        page = opener.open(f"{b}/lt/me/").read().decode()
        assert "Ona Onaitė" in page, page[:3000]

        # A profile created through B is visible to its owner through A.
        post(opener, f"{b}/lt/actors/new/", {
            "name": "Dviejų serverių ūkis", "actor_type": "farmer", "lag": lag.pk,
            "settlement": settlement.pk, "submit": "1",
        })  # fmt: skip
        actor = Actor.objects.get(name="Dviejų serverių ūkis")
        assert actor.status == ActorStatus.PENDING
        assert "Dviejų serverių ūkis" in opener.open(f"{a}/lt/me/").read().decode()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)

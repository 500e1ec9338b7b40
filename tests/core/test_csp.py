"""Every response carries the Content-Security-Policy, and pages need no inline code (issue 8).

The crawl follows the site's own links from the front pages as a visitor, a member of an
actor and a LAG coordinator, and checks every response: the header is there, without
'unsafe-inline' or 'unsafe-eval', and the HTML has no inline <script>, <style>, style=""
or on…="" handler that the policy would refuse in a browser (tests/browser/test_csp.py
checks the same in Chromium).
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings

from tests.consultations.factories import BookingFactory, SlotFactory
from tests.events.factories import EventFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

MAX_PAGES = 150
START = ["/lt/", "/en/", "/lt/actors/", "/lt/actors/map/", "/lt/events/", "/lt/me/",
         "/lt/accounts/login/", "/api/v1/docs", "/healthz", "/lt/no-such-page/"]  # fmt: skip
SKIP = ("/static/", "/media/", "/admin/", "/lt/accounts/logout/", "/en/accounts/logout/")
INLINE = [
    # Data blocks (JSON, and schema.org's JSON-LD) are never run: the policy needs no
    # exception for them.
    ("inline <script>",
     re.compile(r"<script(?![^>]*\b(src=|type=\"application/(ld\+)?json))", re.I)),
    ("<style>", re.compile(r"<style[\s>]", re.I)),
    ("style attribute", re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)),
    ("on… handler", re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)),
    ("javascript: link", re.compile(r"""href\s*=\s*["']?\s*javascript:""", re.I)),
]  # fmt: skip
LINK = re.compile(r"""href="(/[^"]*)\"""")


def policy_problems(response) -> list[str]:
    policy = response.get("Content-Security-Policy")
    if not policy:
        return ["no Content-Security-Policy header"]
    problems = [f"{word} in policy" for word in ("unsafe-inline", "unsafe-eval") if word in policy]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    for name in ("script-src", "style-src", "object-src", "base-uri", "frame-ancestors"):
        if name not in directives:
            problems.append(f"no {name}")
    return problems


def crawl(client) -> dict[str, list[str]]:
    """Path → problems, for every page reached from START through the site's own links."""
    seen, problems = set(), {}
    queue = deque(START)
    while queue and len(seen) < MAX_PAGES:
        path = urldefrag(queue.popleft())[0]
        path = urlsplit(path).path  # query strings would multiply pages without new templates
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        found = policy_problems(response)
        if response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            found += [name for name, pattern in INLINE if pattern.search(html)]
            queue.extend(LINK.findall(html))
        if found:
            problems[path] = found
    assert len(seen) > 20, seen  # the crawl reached the site, not only its front door
    return problems


@pytest.fixture
def site():
    lag = LagFactory()
    member = UserFactory()
    actor = ActorFactory(lag=lag, owners=[member], website="https://www.kaimas.example.lt/")
    ActorFactory(lag=lag)
    EventFactory(lags=[lag], online_url="https://meet.example.lt/renginys")
    ProjectFactory()
    BookingFactory(person=member, slot=SlotFactory())
    return {"lag": lag, "member": member, "actor": actor, "coordinator": make_coordinator(lag)}


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator"])
def test_every_response_has_the_policy_and_no_inline_code(client, site, role):
    if role != "anonymous":
        client.force_login(site[role])
    assert crawl(client) == {}


def test_policy_allows_images_from_the_tile_server_and_nothing_inline(client):
    policy = client.get("/lt/actors/map/")["Content-Security-Policy"]
    tiles = urlsplit(settings.MAP_TILE_URL.replace("{s}", "*"))
    assert f"img-src 'self' data: {tiles.scheme}://{tiles.netloc}" in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy

"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every request that leaves the live server is aborted and recorded, so a test can assert
that a page loads nothing from a third-party host (see DESIGN.md: no CDN at run time).
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise
# refuse ORM calls made from that thread (factories, assertions on rows).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import expect, sync_playwright  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The test machines are small and shared: wait generously, never sleep.
TIMEOUT_MS = 15_000
PASSWORD = "slaptas-Zodis-42"  # tests/factories.py UserFactory's password

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test gets its own context."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get install chromium). They fail rather than skip, "
            "so CI cannot pass without them.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Guard:
    """What the pages of one test tried to load from elsewhere, and the script errors."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def route(self, route, request):
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            route.continue_()
        else:
            self.foreign_requests.append(request.url)
            route.abort()


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """Browsers see what visitors see: anonymous pages from the cache (core.pagecache)."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def guard(live_server):
    return Guard(origin=live_server.url.rstrip("/"))


@pytest.fixture
def new_context(browser, guard):
    """Make a fresh browser context (a new visitor: no cookies) that only reaches the server."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("locale", "lt-LT")
        kwargs.setdefault("timezone_id", "Europe/Vilnius")
        context = browser.new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        context.route("**/*", guard.route)
        context.on("weberror", lambda error: guard.page_errors.append(str(error.error)))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def themes(transactional_db):
    """The themes a data migration creates; a transactional test's flush removes them."""
    from tests.helpers.themes import restore_themes

    return restore_themes()


@dataclass
class Directory:
    lag_a: object
    lag_b: object
    liepa: object  # in Šlapaberžė of LAG A, with a long website address
    bite: object  # in another Šlapaberžė, of LAG B
    published: list
    draft: object


@pytest.fixture
def directory(themes):
    """Two LAGs, four published actors (two of them in villages called Šlapaberžė), a draft."""
    from kaimolink.actors.enums import ActorStatus, ActorType
    from tests.factories import ActorFactory, DistrictFactory, LagFactory, SettlementFactory

    kedainiai = DistrictFactory(name="Kėdainių r. sav.", slug="kedainiu-r-sav")
    radviliskis = DistrictFactory(name="Radviliškio r. sav.", slug="radviliskio-r-sav")
    lag_a = LagFactory(
        name="Kėdainių krašto vietos veiklos grupė", short_name="Kėdainių VVG",
        slug="kedainiu-vvg", districts=[kedainiai],
    )  # fmt: skip
    lag_b = LagFactory(
        name="Radviliškio rajono vietos veiklos grupė", short_name="Radviliškio VVG",
        slug="radviliskio-vvg", districts=[radviliskis],
    )  # fmt: skip
    slapaberze_a = SettlementFactory(name="Šlapaberžė", district=kedainiai, lat=55.33, lon=23.98)
    slapaberze_b = SettlementFactory(name="Šlapaberžė", district=radviliskis, lat=55.76, lon=23.5)
    liepa = ActorFactory(
        name="Liepos bendruomenė", lag=lag_a, district=kedainiai, settlement=slapaberze_a,
        themes=[themes["renewable-energy"], themes["heritage-tourism"]],
        offers="Kaimo turizmas ir amatų dirbtuvės.",
        website="https://www.liepos-bendruomene.example.lt/apie-mus/musu-veikla-ir-projektai-2024",
        email="liepa@example.lt", contacts_public=True,
    )  # fmt: skip
    bite = ActorFactory(
        name="Medaus ūkis „Bitė“", actor_type=ActorType.FARMER, lag=lag_b,
        district=radviliskis, settlement=slapaberze_b,
    )  # fmt: skip
    dotnuva = ActorFactory(
        name="Dotnuvos jaunimo klubas",
        lag=lag_a,
        settlement=SettlementFactory(name="Dotnuva", district=kedainiai, lat=55.36, lon=23.87),
    )
    seduva = ActorFactory(
        name="Šeduvos amatų centras",
        actor_type=ActorType.SOCIAL_BUSINESS,
        lag=lag_b,
        settlement=SettlementFactory(name="Šeduva", district=radviliskis, lat=55.76, lon=23.76),
    )
    draft = ActorFactory(
        name="Šlapaberžės juodraštis", lag=lag_a, settlement=slapaberze_a,
        status=ActorStatus.DRAFT,
    )  # fmt: skip
    return Directory(
        lag_a=lag_a, lag_b=lag_b, liepa=liepa, bite=bite,
        published=[liepa, bite, dotnuva, seduva], draft=draft,
    )  # fmt: skip


def sideways(page, width: int | None = None) -> str | None:
    """What sticks out on the right when the page is wider than its screen (None: it fits).

    Measured once the page has loaded: its markup can be there before its stylesheet, and
    an unstyled table or chart sticks out (seen on a loaded CI machine).
    """
    page.wait_for_load_state("load")
    width = width or page.viewport_size["width"]
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    if scroll_width <= width + 1:
        return None
    wide = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 3).map(e => e.outerHTML.slice(0, 120))""",
        width,
    )
    return f"{page.url} is {scroll_width}px wide: {wide}"


def translated(language: str, text: str) -> str:
    """`text` as the page shows it in `language` (whether or not a catalog translates it)."""
    from django.utils import translation

    with translation.override(language):
        return str(translation.gettext(text))


def translated_plural(language: str, singular: str, plural: str, count: int) -> str:
    """The plural message for `count` as the page shows it in `language`."""
    from django.utils import translation

    with translation.override(language):
        return translation.ngettext(singular, plural, count) % {"counter": count}


def verified_user(user):
    """allauth's mandatory verification refuses log-ins without a verified address."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def log_in(page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Log in through allauth's page; ends on the person's dashboard."""
    page.goto(f"{base_url}/lt/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/lt/me/$"))


@pytest.fixture
def kedainiai(settings, live_server):
    """A LAG of Kėdainiai district with three villages, and its coordinator."""
    from tests.factories import DistrictFactory, LagFactory, SettlementFactory, make_coordinator

    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    district = DistrictFactory(name="Kėdainių r. sav.")
    lag = LagFactory(name="Kėdainių krašto vietos veiklos grupė", districts=[district])
    for name, lat, lon in [
        ("Dotnuva", 55.3586, 23.8675),
        ("Josvainiai", 55.2467, 23.8312),
        ("Šlapaberžė", 55.3300, 23.9800),
    ]:
        SettlementFactory(name=name, district=district, lat=lat, lon=lon)
    coordinator = verified_user(make_coordinator(lag, email="koordinatore@example.lt"))
    return {"lag": lag, "coordinator": coordinator}

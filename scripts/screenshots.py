"""Save the README's screenshots from a running kaimolink with the demo data.

Usage: python scripts/screenshots.py BASE_URL OUT_DIR (scripts/screenshots runs it).
Phones at 360 px: the calendar, an event page, the person's page, and the error summary
of a sign-up filled wrong; wide screens at 1280 px: the home page and the directory.
Only the first screen is kept: what a person sees before scrolling.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True}
WIDE = {"viewport": {"width": 1280, "height": 860}}
# A participant: their page holds registrations, homework with feedback and certificates.
DEMO_LOGIN = ("dalyvis01@demo.kaimolink.lt", "demo-Kaimas-2026")  # demo/events.py, learning.py


def first_event_url(page, base: str) -> str:
    """The first event of the list (the demo's dates move with today)."""
    page.goto(f"{base}/lt/events/")
    for href in page.locator("main a[href^='/lt/events/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        if re.fullmatch(r"/lt/events/[\w-]+/", href) and "/calendar/" not in href:
            return base + href
    raise SystemExit("no event in the demo's list")


def main(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="lt-LT", timezone_id="Europe/Vilnius", **PHONE)
        page = context.new_page()

        page.goto(f"{base}/lt/events/calendar/")
        page.screenshot(path=out / "calendar-360.png")
        page.goto(first_event_url(page, base))
        page.screenshot(path=out / "event-360.png")

        page.goto(f"{base}/lt/accounts/signup/")
        page.locator("#id_email").fill("ona@petraitiene")
        page.locator("#id_password1").fill("123")
        if page.locator("#id_password2").count():
            page.locator("#id_password2").fill("1234")
        # As a browser without form checks would send it: the server's messages show.
        page.evaluate("document.querySelector('main form').noValidate = true")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=out / "signup-errors-360.png")

        page.goto(f"{base}/lt/accounts/login/")
        page.locator("#id_login").fill(DEMO_LOGIN[0])
        page.locator("#id_password").fill(DEMO_LOGIN[1])
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/lt/me/$"))
        page.screenshot(path=out / "my-page-360.png")
        context.close()

        context = browser.new_context(locale="lt-LT", timezone_id="Europe/Vilnius", **WIDE)
        page = context.new_page()
        page.goto(f"{base}/lt/")
        page.screenshot(path=out / "home-1280.png")
        page.goto(f"{base}/lt/actors/")
        page.screenshot(path=out / "directory-1280.png")
        browser.close()
    print(f"screenshots saved in {out}")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]))

"""Verifying a certificate from paper: the form, what may be typed, the printed code and
the PDF's link (issue 9)."""

import io
import re

import pytest
from django.core import checks
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from pypdf import PdfReader

from kaimolink.certificates.models import SHORT_CODE_ALPHABET, Certificate, new_short_code
from kaimolink.certificates.services import certificate_revoke
from kaimolink.certificates.views import VERIFY_LIMIT
from tests.certificates import test_certificates as base
from tests.certificates.test_certificates import issue, present

pytestmark = pytest.mark.django_db

world = base.world  # the event, participant and coordinator of the certificates tests


@pytest.fixture
def certificate(world):
    present(world)
    return issue(world)


def verify(client, typed, lang="lt"):
    return client.get(f"/{lang}/verify/", {"code": typed})


def field_value(page: str) -> str | None:
    found = re.search(r'<input[^>]*name="code"[^>]*>', page)
    value = re.search(r'value="([^"]*)"', found.group(0)) if found else None
    return value.group(1) if value else None


# The form


def test_verify_form_page_has_get_form_without_csrf(client, db):
    response = client.get("/lt/verify/")
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<form method="get" action="/lt/verify/"', page)
    assert 'name="code"' in page and "Pažymėjimo patikra" in page
    assert "csrfmiddlewaretoken" not in page


def typed_variants(certificate):
    year, serial = certificate.number.split("-")[1:]
    short = certificate.short_code
    return [
        certificate.number,
        certificate.number.lower(),
        f"kl {year} {serial}",
        f"KL{year}{serial}",
        f"KL-{year}-{int(serial)}",  # the serial without its zeros
        certificate.printed_code,
        short.lower(),
        f" {short[:4].lower()} {short[4:]} ",
        f"{short[:2]}-{short[2:5]}–{short[5:]}",  # a typographic dash too
    ]


def test_verify_by_number_or_printed_code_in_any_spelling(client, certificate):
    for typed in typed_variants(certificate):
        response = verify(client, typed)
        page = response.content.decode()
        assert response.status_code == 200, typed
        assert "Šis pažymėjimas tikras" in page, typed
        assert "Žydrūnė Šėtaitė" in page and certificate.number in page, typed


def test_verify_printed_link_works_in_any_case(client, certificate):
    assert client.get(f"/lt/verify/{certificate.printed_code}/").status_code == 200
    assert client.get(f"/lt/verify/{certificate.short_code.lower()}/").status_code == 200


def test_verify_old_long_code_links_still_work(client, certificate):
    response = client.get(f"/lt/verify/{certificate.code}/")
    assert response.status_code == 200 and "Šis pažymėjimas tikras" in response.text


def test_verify_not_found_is_404_with_lithuanian_message_and_typed_text_kept(client, db):
    response = verify(client, "zz9x-99qq")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Pažymėjimas nerastas" in page
    assert "Patikrinkite, ką įrašėte" in page
    assert field_value(page) == "zz9x-99qq"


def test_verify_not_found_by_link_keeps_the_code_in_the_form(client, db):
    response = client.get("/lt/verify/K7QM-3XHP/")
    assert response.status_code == 404
    assert field_value(response.content.decode()) == "K7QM-3XHP"


def test_verify_empty_is_400_with_message(client, db):
    response = verify(client, "   ")
    assert response.status_code == 400
    assert "Įrašykite pažymėjime išspausdintą kodą arba numerį." in response.content.decode()


def test_verify_too_long_is_400_not_500(client, db):
    response = verify(client, "A" * 500)
    assert response.status_code == 400


def test_verify_revoked_through_form_says_revoked(client, world, certificate):
    certificate_revoke(certificate=certificate, reason="Klaida", by=world["coordinator"])
    page = verify(client, certificate.printed_code).content.decode()
    assert "Šis pažymėjimas atšauktas ir nebegalioja." in page
    assert "tikras" not in page


def test_verify_found_shows_only_what_the_certificate_states(client, world, certificate):
    page = verify(client, certificate.number).content.decode()
    main = page.split("<main", 1)[1]
    assert "Žydrūnė Šėtaitė" in main and "Vietos tapatumo mokymai" in main
    assert "zydrune@example.lt" not in main
    assert certificate.code not in main  # the download code stays private
    assert field_value(page) is None  # the form starts empty for the next one


def test_verify_lookups_are_limited_per_address(client, certificate):
    for _ in range(VERIFY_LIMIT):
        assert verify(client, "ZZZZ-ZZZZ").status_code == 404
    response = verify(client, certificate.printed_code)
    assert response.status_code == 429
    assert "Per trumpą laiką" in response.content.decode()


# The printed code


def test_short_code_avoids_confusable_characters():
    codes = {new_short_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 8 and not set(code) & set("0O1IL")
        assert set(code) <= set(SHORT_CODE_ALPHABET)


def test_printed_code_is_grouped_and_link_uses_it(certificate):
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", certificate.printed_code)
    assert certificate.get_absolute_url().endswith(f"/verify/{certificate.printed_code}/")


@pytest.mark.django_db(transaction=True)
def test_short_code_migration_gives_existing_certificates_unique_codes(world):
    present(world)
    issue(world)
    executor = MigrationExecutor(connection)
    executor.migrate([("certificates", "0002_holder_may_erase_account")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM certificates_certificate")
        assert cursor.fetchone()[0] == 1
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    codes = list(Certificate.objects.values_list("short_code", flat=True))
    assert len(codes) == 1 and re.fullmatch(f"[{SHORT_CODE_ALPHABET}]{{8}}", codes[0])


# The PDF


def pdf_texts(response) -> list[tuple[str, float]]:
    """Every piece of text on the first page with its font size in points."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            found.append((text.strip(), font_size * scale))

    PdfReader(io.BytesIO(response.content)).pages[0].extract_text(visitor_text=visit)
    return found


def test_pdf_link_code_and_number_are_printed_at_10_pt_or_more(
    client, world, certificate, settings
):
    settings.SITE_URL = "https://kaimolink.example.lt"
    settings.ALLOWED_HOSTS = ["*"]
    client.force_login(world["person"])
    response = client.get(f"/lt/certificates/{certificate.code}.pdf", HTTP_HOST="evil.example")
    texts = pdf_texts(response)
    link = f"https://kaimolink.example.lt/lt/verify/{certificate.printed_code}/"

    def size_of(needle):
        sizes = [size for text, size in texts if needle in text]
        assert sizes, f"{needle!r} is not printed: {texts}"
        return min(sizes)

    assert size_of(link) >= 10
    assert size_of(certificate.printed_code) >= 10
    assert size_of(certificate.number) >= 10
    code_line = next(text for text, _ in texts if certificate.printed_code in text)
    assert "https://kaimolink.example.lt/lt/verify/" in code_line  # the form's address
    assert not any("evil.example" in text for text, _ in texts)


def test_pdf_qr_code_holds_the_printed_link(client, world, certificate, settings):
    """The QR code encodes SITE_URL + the short link (checked by decoding what segno
    would draw for it: the same matrix as the image in the PDF)."""
    import segno
    from PIL import Image

    settings.SITE_URL = "https://kaimolink.example.lt"
    client.force_login(world["person"])
    response = client.get(f"/lt/certificates/{certificate.code}.pdf")
    image = PdfReader(io.BytesIO(response.content)).pages[0].images[0].image
    expected = io.BytesIO()
    link = f"https://kaimolink.example.lt/lt/verify/{certificate.printed_code}/"
    segno.make(link, error="m").save(expected, kind="png", scale=8, border=2)
    expected.seek(0)
    wanted = Image.open(expected).convert("1")
    assert image.convert("1").tobytes() == wanted.tobytes()


# SITE_URL


@pytest.mark.parametrize("value", ["", "http://127.0.0.1:8000", "http://localhost", "vvg.lt"])
def test_deploy_check_warns_when_site_url_is_unset_or_local(settings, value):
    settings.SITE_URL = value
    found = checks.run_checks(include_deployment_checks=True)
    assert "kaimolink.W001" in {message.id for message in found}


def test_deploy_check_quiet_with_public_site_url(settings):
    settings.SITE_URL = "https://vvg.example.lt"
    found = checks.run_checks(include_deployment_checks=True)
    assert "kaimolink.W001" not in {message.id for message in found}


def test_site_url_check_is_deploy_only(settings):
    settings.SITE_URL = ""
    assert "kaimolink.W001" not in {message.id for message in checks.run_checks()}

"""The actor import in a real browser without JavaScript: upload a register with a title
row, match its columns, decide on a possible duplicate, import."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register_xlsx(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kėdainių krašto VVG veikėjų registras"])
    sheet.append(["PAVADINIMAS", "Veiklos forma", "Gyvenvietė", "Pastabos"])
    sheet.append(["Liepos bendruomenės", "Bendruomenė", "Šlapaberžė", "Aktyvi nuo 2010"])
    sheet.append(["Kalvių klubas", "Kita", "Šlapaberžė", "Kalvystės būrelis"])
    out = io.BytesIO()
    workbook.save(out)
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("width", [360, 1280])
def test_import_without_javascript_maps_columns_and_decides_duplicates(
    live_server, new_context, guard, directory, tmp_path, width
):
    from kaimolink.actors.models import Actor, ImportColumnChoice
    from tests.factories import make_coordinator

    coordinator = verified_user(make_coordinator(directory.lag_a))
    page = new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = page.new_page()
    log_in(page, live_server.url, coordinator.email)

    page.goto(f"{live_server.url}/lt/actors/import/")
    page.locator("#id_file").set_input_files(str(register_xlsx(tmp_path / "registras.xlsx")))
    page.locator("main form button[type=submit]").click()

    # The mapping page: guesses pre-selected, first values shown.
    expect(page.get_by_role("heading", name="Susiekite stulpelius")).to_be_visible()
    expect(page.locator("select#id_column_1")).to_have_value("actor_type")
    expect(page.locator("select#id_column_3")).to_have_value("")
    expect(page.locator("table.mapping")).to_contain_text("Aktyvi nuo 2010")
    page.screenshot(path=str(tmp_path / f"mapping-{width}.png"), full_page=True)
    page.locator("select#id_column_3").select_option("description")
    page.get_by_role("button", name="Tikrinti eilutes").click()

    # The check: one possible duplicate of an actor already listed.
    expect(page.get_by_role("heading", name="Galimi dublikatai")).to_be_visible()
    expect(page.locator("table.similar")).to_contain_text("Liepos bendruomenė")
    page.screenshot(path=str(tmp_path / f"duplicates-{width}.png"), full_page=True)
    page.locator("input[name=similar_3][value=skip]").check()
    page.locator("main form[action$='/confirm/'] button[type=submit]").click()

    expect(page.locator("main")).to_contain_text("Praleistas 1 galimas dublikatas.")
    assert Actor.objects.get(name="Kalvių klubas").description == "Kalvystės būrelis"
    assert not Actor.objects.filter(name="Liepos bendruomenės").exists()
    assert ImportColumnChoice.objects.get(column_name="Pastabos").field == "description"
    assert guard.foreign_requests == []

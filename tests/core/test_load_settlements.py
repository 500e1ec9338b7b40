"""`kaimolink load_settlements FILE`: the address register's settlements, loaded idempotently."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kaimolink.core.models import Settlement
from kaimolink.core.settlement_register import municipality_key
from tests.factories import DistrictFactory, SettlementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

REGISTER = Path(__file__).parent / "data" / "gyvenamosios_vietoves.csv"


@pytest.fixture
def kedainiai():
    return DistrictFactory(name="Kėdainių r. sav.")


def _load(path=REGISTER, *args) -> str:
    out = StringIO()
    call_command("load_settlements", str(path), *args, stdout=out)
    return out.getvalue()


def test_load_settlements_adds_the_rows_of_known_municipalities(kedainiai):
    report = _load()
    assert set(Settlement.objects.values_list("name", flat=True)) == {
        "Pagiriai",
        "Akademija",
        "Bakainiai",
        "Aukštoji Plungė",
    }
    pagiriai = Settlement.objects.get(register_code=1001)
    assert (pagiriai.district, pagiriai.kind, pagiriai.name_genitive) == (
        kedainiai,
        Settlement.Kind.VILLAGE,
        "Pagirių",
    )
    # X/Y in LKS-94 converted (the point PROJ gives as 55.2885 N, 23.9744 E).
    assert (pagiriai.lat, pagiriai.lon) == (
        pytest.approx(55.2885, abs=1e-5),
        pytest.approx(23.9744, abs=1e-5),
    )
    assert Settlement.objects.get(register_code=1002).kind == Settlement.Kind.SMALL_TOWN
    assert Settlement.objects.get(register_code=1004).kind == Settlement.Kind.FARMSTEAD
    assert "Added: 4" in report


def test_load_settlements_reports_refused_rows(kedainiai):
    report = _load()
    assert "Refused: 6" in report
    assert "unknown municipality Vilniaus miesto savivaldybė: 1 rows" in report
    assert "unknown municipality Klaipėdos miesto savivaldybė: 1 rows" in report
    assert "line 8: no name (VARDAS)" in report
    assert "line 9: the code (GYV_KODAS) is not a number" in report
    assert "line 10: Toli: the position is outside Lithuania" in report
    assert "line 11: Keistas: unknown type “dvaras”" in report


def test_load_settlements_again_changes_nothing(kedainiai):
    _load()
    before = list(Settlement.objects.order_by("pk").values())
    report = _load()
    assert list(Settlement.objects.order_by("pk").values()) == before
    assert "Added: 0" in report and "Changed: 0" in report and "Unchanged: 4" in report


def test_load_settlements_updates_a_changed_row(kedainiai, tmp_path):
    _load()
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "GYV_KODAS,VARDAS,VARDAS_K,TIPAS,SAV_PAVADINIMAS,LAT,LON\n"
        "1003,Bakainiai,Bakainių,kaimas,Kėdainių r. sav.,55.4,23.8\n",
        encoding="utf-8",
    )
    report = _load(changed)
    bakainiai = Settlement.objects.get(register_code=1003)
    assert (bakainiai.lat, bakainiai.lon) == (55.4, 23.8)
    assert "Changed: 1" in report and "  Bakainiai" in report
    assert Settlement.objects.count() == 4


def test_load_settlements_adopts_a_settlement_listed_by_hand(kedainiai):
    by_hand = SettlementFactory(name="Akademija", district=kedainiai)
    _load()
    by_hand.refresh_from_db()
    assert by_hand.register_code == 1002
    assert by_hand.kind == Settlement.Kind.SMALL_TOWN
    assert Settlement.objects.filter(name="Akademija").count() == 1


def test_load_settlements_dry_run_saves_nothing(kedainiai):
    report = _load(REGISTER, "--dry-run")
    assert "Added: 4" in report and "nothing was saved" in report
    assert not Settlement.objects.exists()


def test_load_settlements_without_needed_columns_says_which(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("KODAS;PAVADINIMAS\n1;Kaimas\n", encoding="utf-8")
    with pytest.raises(CommandError, match="GYV_KODAS, VARDAS, SAV_PAVADINIMAS, TIPAS"):
        _load(bad)


def test_load_settlements_missing_file_is_a_message(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        _load(tmp_path / "nera.csv")


def test_load_settlements_reads_windows_1257(kedainiai, tmp_path):
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(
        "GYV_KODAS;VARDAS;TIPAS;SAV_PAVADINIMAS;LAT;LON\n"
        "2001;Šlapaberžė;kaimas;Kėdainių rajono savivaldybė;55.3;23.9\n".encode("cp1257")
    )
    _load(legacy)
    assert Settlement.objects.get(register_code=2001).name == "Šlapaberžė"


def test_municipality_key_meets_both_spellings():
    assert municipality_key("Kėdainių rajono savivaldybė") == municipality_key("Kėdainių r. sav.")
    assert municipality_key("Vilniaus miesto savivaldybė") != municipality_key("Vilniaus r. sav.")

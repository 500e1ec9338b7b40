"""Indicators' units: chosen from core.units or typed with their forms; old text converted."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from kaimolink.projects.models import Indicator
from tests.projects.factories import ProjectFactory, add_indicator

pytestmark = pytest.mark.django_db
migration = importlib.import_module("kaimolink.projects.migrations.0003_indicator_units")


def _plain(html: str) -> str:
    return html.replace("\u00a0", " ")


def test_indicator_target_agrees_with_its_unit_on_the_project_page(client):
    project = ProjectFactory()
    add_indicator(project, "R2", "15", unit="participant")
    add_indicator(project, "U3", "1", unit="event")
    add_indicator(project, "R5", "2.5", unit="hour", achieved=Decimal("21"))
    html = _plain(client.get(f"/lt/projects/{project.slug}/").content.decode())
    assert "15 dalyvių" in html
    assert "1 renginys" in html
    assert "2,5 valandos" in html and "21 valanda" in html
    assert "1 renginiai" not in html and "15 dalyviai" not in html


def test_indicator_custom_unit_needs_its_four_forms():
    indicator = Indicator(project=ProjectFactory(), code="X", name="Filmai", target=1)
    indicator.unit = "custom"
    indicator.unit_one = "filmukas"
    with pytest.raises(ValidationError) as error:
        indicator.clean()
    assert set(error.value.message_dict) == {"unit_few", "unit_fraction", "unit_many"}


def test_indicator_custom_unit_forms_are_shown(client):
    project = ProjectFactory()
    forms = {"unit_one": "filmukas", "unit_few": "filmukai", "unit_fraction": "filmuko"}
    add_indicator(project, "F", "12", unit="custom", unit_many="filmukų", **forms)
    add_indicator(project, "G", "3", unit="custom", unit_many="filmukų", **forms)
    html = _plain(client.get(f"/lt/projects/{project.slug}/").content.decode())
    assert "12 filmukų" in html and "3 filmukai" in html


def test_indicator_unit_of_the_list_drops_stale_custom_forms():
    indicator = add_indicator(ProjectFactory(), "R", unit="event", unit_many="x")
    indicator.refresh_from_db()
    assert indicator.unit_many == ""


def test_migration_turns_known_words_into_keys_and_keeps_the_rest_as_custom():
    project = ProjectFactory()
    rows = {}
    for code, text in [("A", "dalyviai"), ("B", "Renginiai"), ("C", "vnt."), ("D", "kavinės")]:
        rows[code] = add_indicator(project, code, unit="piece")
        Indicator.objects.filter(pk=rows[code].pk).update(unit=text)  # as before the migration
    migration.units_to_keys(apps, None)
    got = {i.code: (i.unit, i.unit_one, i.unit_many) for i in Indicator.objects.all()}
    assert got == {
        "A": ("participant", "", ""),
        "B": ("event", "", ""),
        "C": ("piece", "", ""),
        "D": ("custom", "kavinės", "kavinės"),
    }

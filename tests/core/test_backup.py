"""`kaimolink backup` and `kaimolink restore` (issue 8, finding 11).

The round trip runs on the database the suite runs on; CI runs the suite on SQLite and on
PostgreSQL, so both are covered. Every row of every model and every byte of every file must
come back as it was.
"""

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from kaimolink.core.backup import backed_up_models, empty_database, file_storages
from tests.consultations.factories import BookingFactory
from tests.contactfair.factories import fair_event, participant
from tests.discussions.factories import ReplyFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator, theme
from tests.homework.factories import SubmissionFactory
from tests.messaging.factories import actor_with_member, start
from tests.partnerships.factories import PostFactory
from tests.projects.factories import AgreementFactory, ProjectFactory, pdf_bytes, png_bytes


@pytest.fixture
def private_storage(settings, tmp_path):
    """A second file-system storage, as the private uploads use: it must be backed up too."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    return tmp_path / "private"


def _rows_of_every_app():
    """Rows in every app, files in every storage, text with Lithuanian letters."""
    lag = LagFactory(name="Kazlų Rūdos VVG")
    make_coordinator(lag)
    owner = UserFactory(full_name="Žydrūnė Šalčiūtė")
    actor = ActorFactory(lag=lag, owners=[owner], themes=[theme("short-supply-chains")])
    actor.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    event = EventFactory(lags=[lag], theme=theme("short-supply-chains"))
    RegistrationFactory(event=event)
    SubmissionFactory(assignment__event=event)
    participant(fair_event(lags=[lag]))
    PostFactory(actor=actor)
    other, member = actor_with_member()
    start(actor, other, owner)
    ReplyFactory()
    BookingFactory()
    ProjectFactory()
    agreement = AgreementFactory(lag=lag)
    agreement.document.save("sutartis.pdf", ContentFile(pdf_bytes()), save=True)


def _all_rows() -> dict[str, list[dict]]:
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in backed_up_models()
    }


def _all_files() -> dict[str, bytes]:
    return {
        f"{alias}/{path.relative_to(location).as_posix()}": path.read_bytes()
        for alias, location in file_storages().items()
        for path in location.rglob("*")
        if path.is_file()
    }


@pytest.mark.django_db
def test_backup_and_restore_bring_back_every_row_and_file(tmp_path, private_storage):
    _rows_of_every_app()
    (private_storage / "documents").mkdir(parents=True)
    (private_storage / "documents" / "planas.pdf").write_bytes(pdf_bytes("Planas"))
    rows, files = _all_rows(), _all_files()
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", output=archive, stdout=io.StringIO())
    empty_database()
    for location in file_storages().values():
        shutil.rmtree(location)
    assert not any(_all_rows().values())
    out = io.StringIO()
    call_command("restore", archive, stdout=out)

    assert _all_rows() == rows
    assert _all_files() == files
    # What was compared is not trivially empty: many tables, files in both storages.
    assert sum(1 for table in rows.values() if table) >= 30
    assert {name.split("/")[0] for name in files} == {"default", "private"}
    assert "Restored" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.postgres_only
def test_restore_resets_the_sequences_so_new_rows_get_new_ids(tmp_path):
    lag = LagFactory()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    empty_database()
    with connection.cursor() as cursor:  # as in a new database: sequences start again at 1
        cursor.execute("SELECT setval(pg_get_serial_sequence('core_lag', 'id'), 1, false)")

    call_command("restore", archive, stdout=io.StringIO())

    assert LagFactory().pk > lag.pk


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_rows(tmp_path):
    actor = ActorFactory()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    actor.name = "Pakeista po kopijos"
    actor.save(update_fields=["name"])

    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore", archive, stdout=io.StringIO())

    actor.refresh_from_db()
    assert actor.name == "Pakeista po kopijos"


@pytest.mark.django_db
def test_restore_with_force_replaces_the_rows(tmp_path):
    actor = ActorFactory(name="Pirmas")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    actor.name = "Pakeista po kopijos"
    actor.save(update_fields=["name"])
    ActorFactory()

    call_command("restore", archive, force=True, stdout=io.StringIO())

    actor.refresh_from_db()
    assert actor.name == "Pirmas"
    assert type(actor).objects.count() == 1


def _rewrite(archive: Path, change) -> None:
    """Unpack, let `change` edit the folder, pack again (the manifest left as it was)."""
    folder = archive.with_suffix(".d")
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    change(folder)
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(folder).as_posix())


@pytest.mark.django_db
def test_restore_refuses_a_damaged_archive_and_changes_nothing(tmp_path):
    ActorFactory(name="Tikras")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    def damage(folder):
        table = folder / "data" / "actors.actor.jsonl"
        table.write_text(table.read_text().replace("Tikras", "Klastotė"))

    _rewrite(archive, damage)
    empty_database()

    with pytest.raises(CommandError, match="Checksum mismatch for data/actors.actor.jsonl"):
        call_command("restore", archive, stdout=io.StringIO())
    assert not any(_all_rows().values())


@pytest.mark.django_db
def test_restore_refuses_an_archive_with_an_unlisted_file(tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    _rewrite(archive, lambda folder: (folder / "data" / "extra.jsonl").write_text("{}\n"))

    with pytest.raises(CommandError, match="unlisted"):
        call_command("restore", archive, force=True, stdout=io.StringIO())


def test_restore_refuses_what_is_not_an_archive(tmp_path):
    path = tmp_path / "backup.tar.gz"
    path.write_bytes(b"not a tar file")

    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", path, stdout=io.StringIO())


@pytest.mark.django_db
def test_backup_manifest_counts_rows_and_lists_checksums(tmp_path):
    ActorFactory()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())

    assert manifest["rows"]["actors.actor"] == 1
    assert manifest["rows"]["core.theme"] > 0  # rows written by data migrations are kept
    assert set(manifest["members"]) == names - {"manifest.json"}
    assert all(len(facts["sha256"]) == 64 for facts in manifest["members"].values())


@pytest.mark.django_db
def test_restore_refuses_a_member_that_climbs_out_of_its_storage(tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    def climb(folder):
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["members"]["files/default/../../settings.py"] = {"sha256": "0" * 64, "size": 1}
        (folder / "manifest.json").write_text(json.dumps(manifest))

    _rewrite(archive, climb)

    with pytest.raises(CommandError, match="outside its folders"):
        call_command("restore", archive, force=True, stdout=io.StringIO())

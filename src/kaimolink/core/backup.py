"""Backup and restore of the whole platform: every table's rows and every uploaded file.

One portable archive (`.tar.gz`) serves PostgreSQL and SQLite alike, so a backup of one can
be restored into the other:

    manifest.json              format, time, row counts per model, SHA-256 of every member
                               (written last: the checksums are of the bytes archived)
    data/<app_label>.<model>.jsonl   one row a line, as Django serializes it (no natural
                               keys: primary keys are kept, so references stay valid)
    files/<storage alias>/<path>     the files of every file-system storage but static files

Rows are written a chunk at a time (`iterator()`), so a big table never sits in memory.
Many-to-many links are the rows of their through tables, which are dumped like any other.

A restore checks the whole archive (every member's checksum, nothing missing, nothing extra)
before it touches the database, then loads every row in one transaction with foreign key
checks deferred to the end (so the order of tables does not matter), resets PostgreSQL's
sequences and writes the files. It refuses a database that already holds rows, unless
asked to replace them (`force`): the rows created by `migrate` itself (content types and
permissions) do not count and are replaced by the archive's.
"""

import datetime
import decimal
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.duration import duration_iso_string

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 2000
# Rows that `migrate` writes into every new database: a restore replaces them.
CREATED_BY_MIGRATE = (ContentType, Permission)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def backed_up_models() -> list:
    """Every model that owns a table: concrete, managed, through tables of links included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def file_storages() -> dict[str, Path]:
    """Alias → folder of every configured file-system storage except static files.

    Static files are built from the code (`collectstatic`); everything else in a
    FileSystemStorage is something people uploaded. Two aliases on one folder count once.
    """
    found: dict[str, Path] = {}
    for alias, config in settings.STORAGES.items():
        if alias == "staticfiles":
            continue
        storage = storages.create_storage(config)
        if not isinstance(storage, FileSystemStorage):
            continue
        location = Path(storage.location).resolve()
        if location not in found.values():
            found[alias] = location
    return found


def _json_default(value):
    # Full precision: DjangoJSONEncoder cuts microseconds, and a round trip must be exact.
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def _label(model) -> str:
    return model._meta.label_lower


def _field_names(model) -> list[str]:
    """Local concrete fields: many-to-many links are written as their through tables' rows."""
    return [field.name for field in model._meta.local_fields if not field.primary_key]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _HashingReader:
    """Hands a file to tarfile and hashes the very bytes it archives: a file that changes
    while the backup runs cannot disagree with its checksum in the manifest."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        block = self.handle.read(size)
        self.digest.update(block)
        return block


def _add(archive: tarfile.TarFile, path: Path, arcname: str) -> dict:
    with path.open("rb") as handle:
        info = archive.gettarinfo(arcname=arcname, fileobj=handle)
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


@dataclass
class Summary:
    rows: int
    files: int
    path: Path


def _dump_rows(model, target: Path, using: str) -> int:
    fields = _field_names(model)
    count = 0
    with target.open("w", encoding="utf-8") as out:
        rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK)
        for obj in rows:
            (row,) = serializers.serialize("python", [obj], fields=fields)
            out.write(json.dumps(row, default=_json_default, ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def _read_one_snapshot(connection) -> None:
    """On PostgreSQL, read every table from one snapshot, so rows written while the backup
    runs are all in it or all out of it (SQLite's read transaction gives that already).
    Call as the first statement of a new transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def create_backup(output: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the archive to `output` (a `.tar.gz`); rows are read in one transaction so
    that they are consistent with each other."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kaimolink-backup-") as tmp:
        staging = Path(tmp)
        (staging / "data").mkdir()
        counts: dict[str, int] = {}
        # Inside an outer transaction (tests) the snapshot is that transaction's.
        outer = connections[using].in_atomic_block
        with transaction.atomic(using=using):
            if not outer:
                _read_one_snapshot(connections[using])
            for model in backed_up_models():
                counts[_label(model)] = _dump_rows(
                    model, staging / "data" / f"{_label(model)}.jsonl", using
                )
        partial = output.with_name(output.name + ".part")
        members: dict[str, dict] = {}
        files = 0
        with tarfile.open(partial, "w:gz") as archive:
            for name in sorted(os.listdir(staging / "data")):
                members[f"data/{name}"] = _add(archive, staging / "data" / name, f"data/{name}")
            for alias, location in file_storages().items():
                for path in sorted(p for p in location.rglob("*") if p.is_file()):
                    arcname = f"files/{alias}/{path.relative_to(location).as_posix()}"
                    members[arcname] = _add(archive, path, arcname)
                    files += 1
            # Last, so that it lists the checksums of the bytes actually archived.
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "database": connections[using].vendor,
                "rows": counts,
                "storages": sorted(file_storages()),
                "members": members,
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
            archive.add(staging / MANIFEST, arcname=MANIFEST)
        partial.replace(output)  # never a half-written archive under the final name
    return Summary(rows=sum(counts.values()), files=files, path=output)


def _member_in_place(name: str) -> bool:
    """`data/<table>.jsonl` or `files/<storage>/<path>`, never climbing out with `..`."""
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return False
    return (len(parts) == 2 and parts[0] == "data") or (len(parts) >= 3 and parts[0] == "files")


def _unpack(archive_path: Path, target: Path) -> dict:
    """Extract the archive safely and check it whole; returns the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(target, filter="data")  # no absolute paths, links or ../
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive_path} is not a readable backup archive: {error}") from error
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{archive_path} has no readable {MANIFEST}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} is of backup format {manifest.get('format')!r}.")
    present = {
        path.relative_to(target).as_posix()
        for path in target.rglob("*")
        if path.is_file() and path != target / MANIFEST
    }
    if not isinstance(manifest.get("members"), dict) or not isinstance(manifest.get("rows"), dict):
        raise BackupError(f"The {MANIFEST} of {archive_path} lists no members or rows.")
    expected = set(manifest["members"])
    for name in expected:
        if not _member_in_place(name):
            raise BackupError(f"The archive lists a member outside its folders: {name}.")
    unlisted = sorted(f"data/{label}.jsonl" for label in manifest["rows"])
    unlisted = [name for name in unlisted if name not in expected]
    if unlisted:
        raise BackupError(f"The manifest counts rows of a table without a file: {unlisted[0]}.")
    if missing := sorted(expected - present):
        raise BackupError(f"The archive lacks {len(missing)} listed file(s), e.g. {missing[0]}.")
    if extra := sorted(present - expected):
        raise BackupError(f"The archive holds unlisted file(s), e.g. {extra[0]}.")
    for name, facts in manifest["members"].items():
        if _sha256(target / name) != facts["sha256"]:
            raise BackupError(f"Checksum mismatch for {name}: the archive is damaged.")
    known = {_label(model) for model in backed_up_models()}
    if unknown := sorted(set(manifest["rows"]) - known):
        raise BackupError(
            f"The archive holds tables this version does not have ({', '.join(unknown)}): "
            "restore it with the version that made it, or migrate first."
        )
    return manifest


def rows_present(*, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Models holding rows, apart from those `migrate` writes itself."""
    found = {}
    for model in backed_up_models():
        if model in CREATED_BY_MIGRATE:
            continue
        count = model._base_manager.using(using).count()
        if count:
            found[_label(model)] = count
    return found


def empty_database(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete every row of every table (the schema and the migration history stay)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred foreign key checks still pending in this
        # transaction (rows written earlier in it): run those checks now.
        connection.check_constraints()
    tables = [model._meta.db_table for model in backed_up_models()]
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def _insert(model, objs: list, using: str) -> None:
    """Insert rows as they are: raw, like `loaddata`, so `auto_now` and `auto_now_add`
    keep the archived times (bulk_create would stamp the time of the restore)."""
    fields = model._meta.local_concrete_fields
    size = connections[using].ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager.using(using)._insert(objs[start : start + size], fields, raw=True)


def _load_rows(data: Path, label: str, using: str) -> int:
    """Stream one table's rows from the archive into the database, a chunk at a time."""
    model = apps.get_model(label)
    count = 0
    batch = []
    with (data / f"{label}.jsonl").open(encoding="utf-8") as rows:
        for line in rows:
            for item in serializers.deserialize("python", [json.loads(line)], using=using):
                batch.append(item.object)
            if len(batch) >= CHUNK:
                _insert(model, batch, using)
                count += len(batch)
                batch = []
    if batch:
        _insert(model, batch, using)
        count += len(batch)
    return count


def restore_backup(
    archive_path: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS
) -> Summary:
    """Restore rows and files from `archive_path` into an empty, migrated database.

    Raises BackupError, with nothing changed, when the archive is damaged or the database
    holds rows (unless `force`, which deletes them first). Files are written over the
    storages' folders after the rows are committed; files not in the archive stay.
    """
    archive_path = Path(archive_path)
    with tempfile.TemporaryDirectory(prefix="kaimolink-restore-") as tmp:
        unpacked = Path(tmp)
        manifest = _unpack(archive_path, unpacked)
        storages_now = file_storages()
        used = {
            PurePosixPath(name).parts[1] for name in manifest["members"] if name[:6] == "files/"
        }
        if missing := sorted(used - set(storages_now)):
            raise BackupError(
                f"The archive holds files of storage(s) {', '.join(missing)}, which these "
                "settings do not configure."
            )
        connection = connections[using]
        with transaction.atomic(using=using):
            if not force and (present := rows_present(using=using)):
                shown = ", ".join(f"{label} ({n})" for label, n in sorted(present.items())[:5])
                raise BackupError(
                    "The database is not empty: it holds rows of "
                    f"{shown}{' …' if len(present) > 5 else ''}. Restore into a new, "
                    "migrated database, or give --force to delete every row first."
                )
            empty_database(using=using)
            rows = 0
            for label in manifest["rows"]:
                rows += _load_rows(unpacked / "data", label, using)
            connection.check_constraints()
            models = [apps.get_model(label) for label in manifest["rows"]]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
        ContentType.objects.clear_cache()
        files = 0
        for name in manifest["members"]:
            parts = PurePosixPath(name).parts
            if parts[0] != "files":
                continue
            target = storages_now[parts[1]].joinpath(*parts[2:])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked / name, target)
            files += 1
    return Summary(rows=rows, files=files, path=archive_path)

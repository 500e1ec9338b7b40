"""`kaimolink load_settlements FILE`: the address register's settlements into the place list.

The columns read and how a row is matched are in core/settlement_register.py and
docs/settlements.md. Loading the same file again changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kaimolink.core.settlement_register import RegisterFileError, load_register, read_rows

# Names of added and changed settlements are listed up to this many; then only counted.
LISTED = 50


class Command(BaseCommand):
    help = (
        "Load settlements from the address register's CSV (Registrų centras, "
        "gyvenamosios vietovės). Columns read: GYV_KODAS (the key), VARDAS (nominative), "
        "VARDAS_K (genitive, optional), TIPAS or TIPO_SANTRUMPA, SAV_PAVADINIMAS, and "
        "LAT/LON (WGS 84) or X/Y (LKS-94, X = northing). Rows of municipalities that are "
        "not districts of the platform are counted and skipped. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the register's CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, change nothing"
        )

    def handle(self, *args, file, dry_run=False, **options):
        try:
            rows = read_rows(file)
        except RegisterFileError as error:
            raise CommandError(str(error)) from error
        report = load_register(rows, dry_run=dry_run)
        out = self.stdout.write
        if dry_run:
            out(_("Dry run: nothing was saved."))
        for title, names in ((_("Added"), report.added), (_("Changed"), report.changed)):
            out(f"{title}: {len(names)}")
            for name in names[:LISTED]:
                out(f"  {name}")
            if len(names) > LISTED:
                out("  …")
        out(_("Unchanged: %(count)d") % {"count": report.unchanged})
        refused = len(report.refused) + sum(report.unknown_municipalities.values())
        out(_("Refused: %(count)d") % {"count": refused})
        for municipality, count in sorted(report.unknown_municipalities.items()):
            out(
                "  "
                + _("unknown municipality %(name)s: %(count)d rows")
                % {"name": municipality, "count": count}
            )
        for line, reason in report.refused:
            out("  " + _("line %(line)d: %(reason)s") % {"line": line, "reason": reason})

"""A short printed code for every certificate, easy to type from paper (issue 9).

Added empty, filled for the certificates issued so far, then made unique and required in
0004 (a separate migration, so PostgreSQL alters the table in a transaction of its own).
"""

import secrets

from django.db import migrations, models

# Copied from certificates.models: a migration must not change when the model code does.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8


def fill_short_codes(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    used = set(
        Certificate.objects.exclude(short_code=None).values_list("short_code", flat=True)
    )
    for certificate in Certificate.objects.filter(short_code=None).only("pk"):
        code = None
        while code is None or code in used:
            code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        used.add(code)
        certificate.short_code = code
        certificate.save(update_fields=["short_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_holder_may_erase_account"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="short_code",
            field=models.CharField(
                editable=False, max_length=8, null=True, verbose_name="printed code"
            ),
        ),
        migrations.RunPython(fill_short_codes, migrations.RunPython.noop),
    ]

"""Nothing is certified that did not go through the process (issue 11).

Until now `Actor.certification_status` was set by hand in the admin. From here on only
the certification services write it, from the licences (services._sync_actor_status).
This migration applies that rule once to every actor: certified or suspended only with a
licence in that standing today, "none" for everyone else (no licence exists yet, so every
actor becomes "none"). Going back leaves the statuses as they are.
"""

from django.db import migrations
from django.utils import timezone


def derive_from_licences(apps, schema_editor):
    Actor = apps.get_model("actors", "Actor")
    Licence = apps.get_model("certification", "Licence")
    today = timezone.localdate()
    current = Licence.objects.filter(valid_from__lte=today, valid_until__gte=today)
    certified = set(current.filter(status="active").values_list("actor_id", flat=True))
    suspended = set(current.filter(status="suspended").values_list("actor_id", flat=True))
    suspended -= certified
    Actor.objects.exclude(pk__in=certified | suspended).exclude(
        certification_status="none"
    ).update(certification_status="none")
    Actor.objects.filter(pk__in=certified).update(certification_status="certified")
    Actor.objects.filter(pk__in=suspended).update(certification_status="suspended")


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0001_initial"),
        ("actors", "0009_actor_search_stems"),
    ]

    operations = [migrations.RunPython(derive_from_licences, migrations.RunPython.noop)]

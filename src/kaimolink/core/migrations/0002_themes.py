from django.db import migrations


def create_themes(apps, schema_editor):
    from kaimolink.core.themes import THEMES

    Theme = apps.get_model("core", "Theme")
    for position, (slug, kind, name_lt, name_en) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={"kind": kind, "name_lt": name_lt, "name_en": name_en, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]

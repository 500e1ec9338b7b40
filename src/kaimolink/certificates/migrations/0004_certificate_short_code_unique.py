import kaimolink.certificates.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificate_short_code"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="short_code",
            field=models.CharField(
                default=kaimolink.certificates.models.new_short_code,
                editable=False,
                max_length=8,
                unique=True,
                verbose_name="printed code",
            ),
        ),
    ]

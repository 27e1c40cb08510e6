from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_merge_import_note_and_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="dataversion",
            name="scope",
            field=models.JSONField(null=True),
        ),
    ]

"""Content types (and so permissions, group roles, admin log rows and history links)
of the moved models follow them from the events app to the places app."""

from django.db import migrations

MOVED = ["place", "placename", "gazetteerentry", "historicalplace"]


def forwards(apps, schema_editor, old="events", new="places"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MOVED:
        moved = ContentType.objects.filter(app_label=old, model=model).first()
        if moved is None:
            continue
        stale = ContentType.objects.filter(app_label=new, model=model).first()
        if stale is not None:  # created by a post_migrate before this ran: keep ours
            Permission.objects.filter(content_type=stale).delete()
            stale.delete()
        moved.app_label = new
        moved.save(update_fields=["app_label"])


def backwards(apps, schema_editor):
    forwards(apps, schema_editor, old="places", new="events")


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("events", "0007_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]

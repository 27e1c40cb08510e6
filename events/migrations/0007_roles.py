"""Create the four roles as groups: viewer, editor, reviewer, admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["event", "eventsource", "eventactor", "eventrelation", "place", "placename",
          "actor", "source", "correction", "duplicatecandidate", "gazetteerentry",
          "eventtype"]
CURATED = ["event", "eventsource", "eventactor", "eventrelation", "place", "placename",
           "actor", "source"]
ROLES = {
    "Viewer": [f"view_{m}" for m in MODELS],
    "Editor": [f"view_{m}" for m in MODELS]
    + [f"{verb}_{m}" for m in CURATED for verb in ("add", "change")]
    + ["delete_eventsource", "delete_eventactor", "delete_eventrelation",
       "delete_placename"],
    "Reviewer": [f"view_{m}" for m in MODELS]
    + [f"{verb}_{m}" for m in CURATED for verb in ("add", "change")]
    + ["delete_eventsource", "delete_eventactor", "delete_eventrelation",
       "delete_placename", "publish_event", "merge_event", "change_duplicatecandidate",
       "add_correction"],
    "Admin": None,  # every permission of the events app
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    events_perms = Permission.objects.filter(content_type__app_label="events")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = events_perms if codenames is None else events_perms.filter(
            codename__in=codenames
        )
        group.permissions.set(perms)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_history_corrections_duplicates"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, delete_roles)]

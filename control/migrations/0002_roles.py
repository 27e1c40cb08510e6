"""The roles of events 0007 get their rights on control observations: viewers view,
editors draft, reviewers also publish, admins everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ["view_controlobservation"]
DRAFT = VIEW + ["add_controlobservation", "change_controlobservation"]
ROLES = {
    "Viewer": VIEW,
    "Editor": DRAFT,
    "Reviewer": DRAFT + ["publish_controlobservation", "delete_controlobservation"],
    "Admin": None,  # every permission of the control app
}


def grant(apps, schema_editor):
    config = apps.get_app_config("control")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="control")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        chosen = perms if codenames is None else perms.filter(codename__in=codenames)
        group.permissions.add(*chosen)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    perms = Permission.objects.filter(content_type__app_label="control")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("control", "0001_initial"),
        ("events", "0007_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]

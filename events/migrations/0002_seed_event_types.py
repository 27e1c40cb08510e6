"""Seed the event-type taxonomy: ACLED's types and sub-types plus ConflictMap's."""

from django.db import migrations

# (slug, name, colour, [(sub slug, sub name, is_acled), ...]) after ACLED's codebook.
TAXONOMY = [
    ("battles", "Battles", "#d62728", [
        ("armed-clash", "Armed clash", True),
        ("government-regains-territory", "Government regains territory", True),
        ("non-state-actor-overtakes-territory", "Non-state actor overtakes territory", True),
    ]),
    ("explosions-remote-violence", "Explosions/Remote violence", "#ff7f0e", [
        ("air-drone-strike", "Air/drone strike", True),
        ("shelling-artillery-missile-attack", "Shelling/artillery/missile attack", True),
        ("remote-explosive-landmine-ied", "Remote explosive/landmine/IED", True),
        ("suicide-bomb", "Suicide bomb", True),
        ("chemical-weapon", "Chemical weapon", True),
        ("grenade", "Grenade", True),
    ]),
    ("violence-against-civilians", "Violence against civilians", "#9467bd", [
        ("attack", "Attack", True),
        ("abduction-forced-disappearance", "Abduction/forced disappearance", True),
        ("sexual-violence", "Sexual violence", True),
    ]),
    ("protests", "Protests", "#2ca02c", [
        ("peaceful-protest", "Peaceful protest", True),
        ("protest-with-intervention", "Protest with intervention", True),
        ("excessive-force-against-protesters", "Excessive force against protesters", True),
    ]),
    ("riots", "Riots", "#8c564b", [
        ("violent-demonstration", "Violent demonstration", True),
        ("mob-violence", "Mob violence", True),
    ]),
    ("strategic-developments", "Strategic developments", "#1f77b4", [
        ("agreement", "Agreement", True),
        ("arrests", "Arrests", True),
        ("change-to-group-activity", "Change to group/activity", True),
        ("disrupted-weapons-use", "Disrupted weapons use", True),
        ("headquarters-or-base-established", "Headquarters or base established", True),
        ("looting-property-destruction", "Looting/property destruction", True),
        ("non-violent-transfer-of-territory", "Non-violent transfer of territory", True),
        ("other", "Other", True),
        ("offensive-launched", "Offensive launched", False),
        ("displacement", "Displacement", False),
    ]),
]


def seed(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    for order, (slug, name, color, children) in enumerate(TAXONOMY):
        parent, _ = EventType.objects.update_or_create(
            slug=slug, defaults={"name": name, "color": color, "sort_order": order * 100}
        )
        for sub_order, (sub_slug, sub_name, is_acled) in enumerate(children, start=1):
            EventType.objects.update_or_create(
                slug=sub_slug,
                defaults={
                    "name": sub_name,
                    "parent": parent,
                    "color": color,
                    "is_acled": is_acled,
                    "sort_order": order * 100 + sub_order,
                },
            )


def unseed(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    slugs = [s for _, _, _, children in TAXONOMY for s, _, _ in children]
    EventType.objects.filter(slug__in=slugs, events__isnull=True).delete()
    EventType.objects.filter(
        slug__in=[t[0] for t in TAXONOMY], children__isnull=True, events__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

"""ACLED's codebook as the import and the export read it: time and geo precision, the
inter codes of actor kinds, disorder types and the pre-2019 event types."""

from events.models import Actor

TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}


TIME_PRECISION_OUT = {"day": 1, "week": 2, "month": 3, "year": 3}


GEO_PRECISION = {"1": "1", "2": "2", "3": "3"}


# inter1/inter2: ACLED's numeric actor-type codes, or the labels its newer API returns.
# "": the row says nothing about the actor's kind (no second actor, or 0).
K = Actor.Kind


INTER = {
    "": "", "0": "",
    "1": K.STATE_FORCES, "state forces": K.STATE_FORCES,
    "2": K.REBEL_GROUP, "rebel groups": K.REBEL_GROUP, "rebel group": K.REBEL_GROUP,
    "3": K.MILITIA, "political militias": K.MILITIA, "political militia": K.MILITIA,
    "4": K.IDENTITY_MILITIA, "identity militias": K.IDENTITY_MILITIA,
    "identity militia": K.IDENTITY_MILITIA,
    "5": K.RIOTERS, "rioters": K.RIOTERS,
    "6": K.PROTESTERS, "protesters": K.PROTESTERS,
    "7": K.CIVILIANS, "civilians": K.CIVILIANS,
    "8": K.FOREIGN_FORCES, "external/other forces": K.FOREIGN_FORCES,
}  # fmt: skip


INTER_OUT = {
    K.STATE_FORCES: 1, K.STATE: 1, K.REBEL_GROUP: 2, K.REBEL_COALITION: 2,
    K.MILITIA: 3, K.IDENTITY_MILITIA: 4, K.RIOTERS: 5, K.PROTESTERS: 6,
    K.CIVILIANS: 7, K.FOREIGN_FORCES: 8, K.OTHER: None,
}  # fmt: skip


DISORDER = {
    "battles": "Political violence",
    "explosions-remote-violence": "Political violence",
    "violence-against-civilians": "Political violence",
    "protests": "Demonstrations",
    "riots": "Demonstrations",
    "strategic-developments": "Strategic developments",
}


# Pre-2019 event types (one column) -> the taxonomy's slug. "Riots/Protests" is
# Riots when rioters (inter 5) take part, else Protests.
OLD_TYPES = {
    "battle-no change of territory": "armed-clash",
    "battle-government regains territory": "government-regains-territory",
    "battle-non-state actor overtakes territory": "non-state-actor-overtakes-territory",
    "violence against civilians": "violence-against-civilians",
    "remote violence": "explosions-remote-violence",
    "explosions/remote violence": "explosions-remote-violence",
    "strategic development": "strategic-developments",
    "strategic developments": "strategic-developments",
    "headquarters or base established": "headquarters-or-base-established",
    "non-violent transfer of territory": "non-violent-transfer-of-territory",
    "non-violent activity by a conflict actor": "strategic-developments",
    "battles": "battles",
    "protests": "protests",
    "riots": "riots",
}

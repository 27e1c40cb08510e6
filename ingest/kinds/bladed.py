"""Killings by hand (machetes, knives, beheadings): an attack on people, not a remote
strike (ACLED's violence against civilians; issue 13, wars in Africa and Asia)."""

# "hacked to death with machetes", "murdered with machetes", "beheaded four people",
# "burnt alive": how armed men kill villagers in Congo, Mozambique, Nigeria or the
# Sahel. None of these is a weapon of remote violence, so a toll told with one of them
# ("16 people were killed ... murdered with machetes") is the attack, not the generic
# toll that the word "killed" alone gives.
KILLING_BY_HAND = (
    r"hack(?:ed|ing) (?:[\w'’-]+ ){0,3}?to death|behead(?:ed|ing)|decapitat(?:ed|ing)|"
    r"(?:killed|murdered|attacked|slain) (?:[\w'’-]+ ){0,4}?with (?:machetes|knives|"
    r"axes|a machete|a knife)|"
    r"stabb(?:ed|ing) (?:[\w'’-]+ ){0,3}?to death|burn(?:ed|t) alive|"
    r"slit (?:[\w'’-]+ ){0,2}throats?"
)

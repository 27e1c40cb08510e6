"""Who said it: speakers, stances, voices, relays."""

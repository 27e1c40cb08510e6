"""Where an event happened: place names in the text, their spans and points."""

"""Who did it and to whom: actor phrasings, roles, sides."""

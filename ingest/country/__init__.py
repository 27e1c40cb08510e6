"""Which country an article or sentence is about."""

"""What kind of event a sentence reports, and what is not an event (hedges, background)."""

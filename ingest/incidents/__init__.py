"""Grouping sentences into incidents: one event per place and day, twins, duplicates."""

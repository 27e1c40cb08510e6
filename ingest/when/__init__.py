"""When an event happened: dates, weekdays, nights, the news day."""

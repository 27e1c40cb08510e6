"""Article ingest: propose draft events from an article's text, then confirm them."""

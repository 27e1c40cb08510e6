"""Import and export of events as ACLED-style CSV, UCDP GED-style CSV and GeoJSON."""

"""Standalone HTML map exports with folium; the only folium importer (features in, HTML out)."""

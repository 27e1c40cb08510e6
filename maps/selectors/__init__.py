"""Read path of the cluster API and the fast GeoJSON export (numpy index, orjson)."""

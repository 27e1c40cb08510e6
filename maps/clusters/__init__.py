"""Clustering of public events for the map: grids (grid), the index and its queries
(engine, masked), and the process's index with its invalidation (state)."""

"""Clustering of public events for the map: grids (grid), the index and its queries
(engine, masked), the process's index with its invalidation (state, live), and the
machine's one copy of it that every worker maps (store)."""

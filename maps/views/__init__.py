"""HTML views of the public map, one module per page family."""

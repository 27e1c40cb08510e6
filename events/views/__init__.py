"""HTML views, one module per page family; import the submodule you need."""

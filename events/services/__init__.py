"""Write operations (one module per entity); import the submodule you need."""

"""Read-only REST + GeoJSON API under api/v1/; published events only, ever.

Each endpoint's OpenAPI schema sits beside its view, so the schema cannot drift from
the code that answers; the shapes several endpoints document live in maps.api.shared.
"""

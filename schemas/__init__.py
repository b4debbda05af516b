"""The JSON Schemas of the records, shipped with the tool as the package `generator.schemas`.

Editors and CI read the `.schema.json` files here; this file only lets Python find them.
"""

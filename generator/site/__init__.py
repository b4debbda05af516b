"""The public site: validated records -> Vietnamese Markdown pages and open-data downloads.

`render.render_site(result, records_root)` is the pure entry point; `writer` puts the
output on disk; `mkdocs_hooks` adapts MkDocs (URLs, search without diacritics).
"""

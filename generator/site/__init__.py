"""The public site: validated records -> Vietnamese Markdown pages and open-data downloads.

model, totals      the records resolved, indexed and summed (money not reported stays None)
pages/             one module per section of the site, each returning Page objects
formats, collation Vietnamese numbers, money, dates; Vietnamese alphabetical order
escape, html_table record text as text; sortable HTML tables
charts, downloads  inline SVG bar charts; the CSV and JSON downloads (one per dataset, the sources)
datapackage        datapackage.json: descriptions, keys, licence, a version from the data
dictionary         every column of the downloads in Vietnamese and English (page: pages/dictionary)
api, feed          /api/v1/ JSON per record; Atom feeds of the programme, districts and sponsors
offline            the offline copy: links to index.html, the zip, its offer on the open-data page
render             the pure step: validation result -> {path: bytes}
docs_folder        the folder MkDocs builds: the render's files, the hand-written pages
                   (hand_pages) and the search index of both
writer             only changed files rewritten, each whole
search_*          the site's search: the activities' entries (search_entries), the pages'
                   sections (search_pages), the index files (search_index)
lifted_blocks      big generated blocks past Python-Markdown (used by generator/mkdocs_plugin.py)
"""

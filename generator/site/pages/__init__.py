"""One module per section of the site; each returns a list of Page."""

"""Open-data ledger of twinning programmes: records in, validation, a static site and open data out."""

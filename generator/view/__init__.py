"""The ledger as both wings read it: the site (generator/site/) and the import (generator/intake/)."""

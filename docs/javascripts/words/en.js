/* The scripts' own words in one language, written by `make messages` from its catalogue
 * (generator/site/interface.py): edit the catalogue, not this file. */
window.ketnghiaWords = {
 "decimal": ".",
 "dong": [
  "\u0111\u1ed3ng"
 ],
 "group": ",",
 "locale": "en",
 "sort": "Click to sort",
 "table": "Table",
 "table_of": "Table: {heading}"
};

/* The scripts' own words in one language, written by `make messages` from its catalogue
 * (generator/site/interface.py): edit the catalogue, not this file. */
window.ketnghiaWords = {
 "decimal": ",",
 "dong": [
  "\u0111\u1ed3ng"
 ],
 "group": ".",
 "locale": "vi",
 "sort": "B\u1ea5m \u0111\u1ec3 s\u1eafp x\u1ebfp",
 "table": "B\u1ea3ng",
 "table_of": "B\u1ea3ng: {heading}"
};

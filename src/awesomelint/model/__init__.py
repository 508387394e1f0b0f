"""The parsed document and the models built on it: one parse per file (document.py), its links,
entries, headings, table of contents and what the rules share about them."""

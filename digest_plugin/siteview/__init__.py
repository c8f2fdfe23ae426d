"""The site view: what a digest looks like as a web site, given the core's digest.

The generated pages and their template contexts (`pages`), feeds, head metadata (feed links,
JSON-LD, social cards), sitemap dates, `digest.json`, in-body cross-links, which pages an edit
changes (`incremental`), and Pagefind over the built site. The templates and assets it renders
with live beside it (`templates/`, `assets/`). It does not import MkDocs: the MkDocs layer
hands it page URLs taken from MkDocs' own `File` objects.
"""

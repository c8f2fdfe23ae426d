"""The digest's domain, free of MkDocs: articles and how they are read (`ingest`, `articles`),
who and where they are about (`entities`), the digest as a whole (`corpus`), and how stories
relate (`related`). Everything here is plain Python over plain data; the site view renders
what it returns, and the MkDocs layer only calls it. Nothing here imports MkDocs or the speed
package (tests/unit/test_layering.py keeps it so).
"""

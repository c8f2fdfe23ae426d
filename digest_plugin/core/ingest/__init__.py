"""Ingestion: one reader per source kind turns input into `Article`s; the writer stores them as Markdown."""

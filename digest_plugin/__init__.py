"""news-digest: a static site generator for news digests, as a library, a CLI and a MkDocs plugin."""

__version__ = "0.1.0"

"""The MkDocs layer: the `digest` plugin's events, its typed options, and MkDocs' side of dirty
rebuilds. Thin by design: each event calls into the core and the site view, and speed tricks
come in through `digest_plugin.speed` only.
"""

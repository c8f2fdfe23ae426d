def link_first_mentions(md, targets): return md

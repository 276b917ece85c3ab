#!/usr/bin/env python3
"""The same archive as a Hugo site and as a Pelican site, for benchmarks/run.py.

    .venv/bin/python benchmarks/convert.py hugo --content ARCHIVE --out SITE
    .venv/bin/python benchmarks/convert.py pelican --content ARCHIVE --out SITE

Each gets as close to our page set as its model allows:

| ours | Hugo | Pelican |
|---|---|---|
| directive page /YYYY/wNN/slug/ with related links | page in section YYYY/wNN, explicit related (both sides) + `.Related` on documents and topics | article (save_as the same path), related links by a small plugin: explicit (both sides) + shared documents |
| issue page /YYYY/wNN/ | section page | category page (one category per issue) |
| year | section page /YYYY/ | year archive /nam/YYYY/ |
| topic pages + RSS/Atom, paginated | taxonomy `chu-de`, term pages paginated + RSS | tags, paginated + one Atom feed each |
| official, agency pages, paginated | taxonomies `lanh-dao`, `co-quan` | authors (officials); tags (agencies) |
| document pages (number + year), paginated | taxonomy `van-ban`, one term per number and year, titled | tags named `VB <year> <number>` |
| home, archive, site feeds, sitemap | home (paginated) + RSS, sitemap | index (paginated), archives, Atom feed |

The converters only move data; the work each generator does (grouping, pagination,
related pages, feeds, Markdown) is left to that generator. Document identity follows
the contract: the year in the number, else the citation's date, else the directive's year.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from slugify import slugify

from generator.vntext.references import parse_reference

try:
    from yaml import CSafeLoader as Loader
except ImportError:   # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as Loader

HERE = Path(__file__).resolve().parent
HUGO_LAYOUTS = HERE / "sites" / "hugo"
PELICAN_THEME = HERE / "sites" / "pelican"


@dataclass(frozen=True)
class DocKey:
    year: int
    slug: str
    label: str

    @property
    def term(self) -> str:
        return f"{self.year}-{self.slug}"


@dataclass
class Entry:
    key: str                 # "2024/w44/slug"
    meta: dict
    body: str
    documents: list[DocKey] = field(default_factory=list)
    cites: list[DocKey] = field(default_factory=list)
    related: list[str] = field(default_factory=list)   # explicit, both directions

    @property
    def year(self) -> int:
        return int(self.key[:4])


@dataclass
class Issue:
    folder: str              # "2024/w44"
    meta: dict
    entries: list[Entry]


def doc_key(text: str, fallback_year: int, kind: str | None = None, date=None) -> DocKey:
    """A carried document or a citation as (year, slug), read by the generator's own
    reference parser so both sites key documents alike: "Luật Đất đai năm 2024" and
    "Luật Đất đai số 31/2024/QH15" are both the law of 2024."""
    ref = parse_reference(text)
    if kind is not None:
        year = (ref.year if ref else None) or (date.year if date else fallback_year)
        return DocKey(year, slugify(text), f"{kind} số {text}")
    if ref is None:
        return DocKey(fallback_year, slugify(text), text)
    label = f"{ref.kind} {ref.title}" if ref.is_law else ref.label
    return DocKey(ref.year or fallback_year, ref.slug(), label)


def read_archive(content: Path) -> list[Issue]:
    """Every issue of a content tree, directives in the bulletin's order, explicit related
    links made symmetric (our site shows them on both sides)."""
    issues, by_key = [], {}
    for bulletin in sorted(content.glob("[0-9][0-9][0-9][0-9]/w[0-9][0-9]/_bulletin.yaml")):
        folder = bulletin.parent.relative_to(content).as_posix()
        meta = yaml.load(bulletin.read_text(encoding="utf-8"), Loader=Loader) or {}
        entries = {}
        for path in sorted(bulletin.parent.glob("*.md")):
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            d = yaml.load(front, Loader=Loader)
            if d.get("draft"):
                continue
            e = Entry(f"{folder}/{path.stem}", d, body.strip())
            docs = d.get("document") or []
            for doc in docs if isinstance(docs, list) else [docs]:
                e.documents.append(doc_key(str(doc["number"]), d["date"].year, doc.get("type"), doc.get("date")))
            e.cites = [doc_key(c, d["date"].year) for c in d.get("cites") or []]
            entries[path.stem] = by_key[e.key] = e
        order = [s for s in meta.get("order") or [] if s in entries]
        rest = sorted((e for s, e in entries.items() if s not in order), key=lambda e: (e.meta["date"], e.meta["title"]))
        issues.append(Issue(folder, meta, [entries[s] for s in order] + rest))
    for e in by_key.values():
        for target in e.meta.get("related") or []:
            if target in by_key and target != e.key:
                e.related.append(target)
                by_key[target].related.append(e.key)
    return issues


def _names(values) -> list[str]:
    return [v["name"] if isinstance(v, dict) else str(v) for v in values or []]


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


MARKER = ".bench-site"   # marks a folder a converter wrote, so it may replace it next time


def _fresh(out: Path) -> None:
    """Replace `out` only if it is absent, empty, or an earlier converter's output."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise FileExistsError(f"{out} has files this converter did not write; give a new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by benchmarks/convert.py\n", encoding="utf-8")


# --- Hugo ---------------------------------------------------------------------------

TAXONOMY_TITLES = {"chu-de": "Chủ đề", "van-ban": "Văn bản", "lanh-dao": "Lãnh đạo", "co-quan": "Cơ quan"}


def to_hugo(content: Path, out: Path) -> int:
    """Write a Hugo site (config, layouts, content) into `out`; returns the directive count."""
    issues, site, topics = read_archive(content), _settings(content, "site"), _settings(content, "topics")
    _fresh(out)
    shutil.copytree(HUGO_LAYOUTS / "layouts", out / "layouts")
    (out / "hugo.toml").write_text((HUGO_LAYOUTS / "hugo.toml").read_text(encoding="utf-8").format(
        base_url=site["base_url"], title=site["title"].replace('"', '\\"')), encoding="utf-8")
    c = out / "content"
    documents: dict[str, str] = {}
    count = 0
    for year in sorted({i.folder[:4] for i in issues}):
        _write(c / year / "_index.md", _front({"title": f"Năm {year}"}, ""))
    for issue in issues:
        _write(c / issue.folder / "_index.md", _front({"title": issue.meta.get("title", issue.folder),
                                                        "date": issue.meta["period"]["from"]}, issue.meta.get("lead", "")))
        for weight, e in enumerate(issue.entries, 1):
            for k in e.documents + e.cites:
                documents.setdefault(k.term, k.label)
            _write(c / f"{e.key}.md", hugo_page(e, weight))
            count += 1
    for term, label in documents.items():   # document pages carry the document's label, as ours do
        _write(c / "van-ban" / term / "_index.md", _front({"title": label}, ""))
    for key, t in topics.items():
        _write(c / "chu-de" / key / "_index.md", _front({"title": t["name"], "description": t.get("description", "")}, ""))
    for taxonomy, title in TAXONOMY_TITLES.items():
        _write(c / taxonomy / "_index.md", _front({"title": title}, ""))
    return count


def hugo_page(e: Entry, weight: int) -> str:
    """One directive as a Hugo page (content/<key>.md); `weight` is its place in the issue."""
    d = e.meta
    front = {"title": d["title"], "date": d["date"], "weight": weight,
             "chu-de": list(d.get("topics") or []),
             "lanh-dao": _names(d.get("officials")), "co-quan": list(d.get("agencies") or []),
             "van-ban": list(dict.fromkeys(k.term for k in e.documents + e.cites)),
             "carried": [k.label for k in e.documents], "related": ["/" + r for r in e.related]}
    if d.get("deadlines"):
        front["deadlines"] = [{"date": x["date"].isoformat(), "what": x["what"]} for x in d["deadlines"]]
    return _front(front, e.body)


def _front(front: dict, body: str) -> str:
    return f"---\n{_yaml(front)}---\n\n{body}\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _settings(content: Path, name: str) -> dict:
    return yaml.load((content / f"{name}.yaml").read_text(encoding="utf-8"), Loader=Loader)


# --- Pelican ------------------------------------------------------------------------

def to_pelican(content: Path, out: Path) -> int:
    """Write a Pelican project (pelicanconf.py, theme, plugin, content) into `out`."""
    issues, site, topics = read_archive(content), _settings(content, "site"), _settings(content, "topics")
    _fresh(out)
    shutil.copytree(PELICAN_THEME / "theme", out / "theme")
    shutil.copytree(PELICAN_THEME / "plugins", out / "plugins")
    (out / "pelicanconf.py").write_text((PELICAN_THEME / "pelicanconf.py").read_text(encoding="utf-8").replace(
        "@SITENAME@", repr(site["title"])).replace("@SITEURL@", repr(site["base_url"].rstrip("/"))), encoding="utf-8")
    count = 0
    for issue in issues:
        for e in issue.entries:
            _write(out / "content" / f"{e.key}.md", pelican_page(e, topics))
            count += 1
    return count


def pelican_page(e: Entry, topics: dict) -> str:
    """One directive as a Pelican article (content/<key>.md, Markdown metadata lines)."""
    d = e.meta
    tags = [topics[t]["name"] for t in d.get("topics") or []] + list(d.get("agencies") or [])
    tags += [f"VB {k.year} {k.label}" for k in dict.fromkeys(e.documents + e.cites)]
    meta = {
        "Title": d["title"], "Date": d["date"].isoformat(), "Category": e.key[:8].replace("/w", "-W"),
        "Slug": e.key.replace("/", "-"), "Save_as": f"{e.key}/index.html", "Url": f"{e.key}/",
        # Pelican splits tags and authors on commas: keep the names, lose the commas.
        "Tags": ", ".join(t.replace(",", "") for t in tags),
        "Authors": ", ".join(n.replace(",", "") for n in _names(d.get("officials"))) or "UBND tỉnh",
        "Related": " ".join(e.related), "Carried": "; ".join(k.label for k in e.documents),
    }
    head = "".join(f"{k}: {v}\n" for k, v in meta.items() if v)
    return f"{head}\n{e.body}\n"


CONVERTERS = {"hugo": to_hugo, "pelican": to_pelican}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert an archive in the content contract into a Hugo or Pelican site.")
    parser.add_argument("target", choices=sorted(CONVERTERS))
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="the site folder (replaced)")
    args = parser.parse_args(argv)
    try:
        n = CONVERTERS[args.target](args.content, args.out)
    except FileExistsError as e:
        print(f"convert.py: {e}", file=sys.stderr)
        return 2
    print(f"{args.target}: {n} directives in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

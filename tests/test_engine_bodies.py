"""Body HTML kept apart in the build cache (generator/engine/bodies.py): a rebuild
fetches it only for pages it renders again, and never shows a body it cannot vouch for."""
from __future__ import annotations

import ctypes
import shutil

from conftest import CONTENT, REPO
from generator import pipeline
from generator.engine.bodies import HTML, StoredHTML, prepare_bodies
from generator.engine.cache import BuildCache, cache_folder, generator_key
from generator.engine import pool
from generator.engine.pool import release_freed_memory
from generator.render.site import make_kit
from helpers import snapshot


def _edit_directive_template(templates):
    page = templates / "directive.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ body_html | safe }}", "{{ body_html | safe }}<!-- sửa -->", 1),
                    encoding="utf-8")


def test_pages_rendered_again_show_their_stored_bodies(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    out = tmp_path / "out"
    assert pipeline.build(CONTENT, out, templates).ok
    tables = sorted(p.name for p in cache_folder(out).glob(f"{HTML}.*.pickle"))
    assert tables == [f"{HTML}.2024.pickle"], "one table per year of directives"
    _edit_directive_template(templates)        # every directive page is rendered again, bodies from the table
    again = pipeline.build(CONTENT, out, templates)
    assert again.ok and again.rendered >= 23
    assert pipeline.build(CONTENT, tmp_path / "clean", templates, cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_lost_or_stale_table_costs_time_not_correctness(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    out = tmp_path / "out"
    assert pipeline.build(CONTENT, out, templates).ok
    (cache_folder(out) / f"{HTML}.2024.pickle").unlink()
    _edit_directive_template(templates)
    assert pipeline.build(CONTENT, out, templates).ok
    assert pipeline.build(CONTENT, tmp_path / "clean", templates, cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_stored_html_answers_only_for_the_very_body(tmp_path):
    store = BuildCache(tmp_path / ".out.cache", generator_key())
    store.save(f"{HTML}.2024", {"2024/w44/a": (b"token", "<p>Một</p>")})
    stored = StoredHTML(store)
    assert stored("2024/w44/a", b"token") == "<p>Một</p>"
    assert stored("2024/w44/a", b"other") is None, "another text or other look-up answers: render it again"
    assert stored("2023/w01/b", b"token") is None


def test_a_first_build_keeps_the_bodies_html_in_the_store_not_in_memory(tmp_path):
    site = pipeline.check(CONTENT).site
    store = BuildCache(tmp_path / ".out.cache", generator_key())
    kit, in_memory = make_kit(site), make_kit(site)
    entries, changed = prepare_bodies(site, kit, None, store)
    prepare_bodies(site, in_memory, None, None)             # no cache (--no-cache): all in memory
    assert changed and entries.keys() == site.directives.keys()
    assert all(entry[1] is None for entry in entries.values()), "the HTML went to the store"
    assert store.load(f"{HTML}.2024").keys() == site.directives.keys()
    for d in site.directives.values():
        assert kit.html(d) == in_memory.html(d), d.key


def test_releasing_freed_memory_is_harmless_where_there_is_no_glibc(monkeypatch):
    release_freed_memory()

    def no_libc(*args, **kwargs):
        raise OSError("no libc here")
    monkeypatch.setattr(ctypes, "CDLL", no_libc)
    pool._malloc_trim.cache_clear()          # looked up once per process: look again, without libc
    try:
        release_freed_memory()
    finally:
        pool._malloc_trim.cache_clear()


def test_a_body_is_keyed_by_all_of_its_directive_that_its_look_ups_read():
    """A law named without year in a body links the one law of that name its directive
    cites (LinkGraph.resolve_reference): so the documents it carries and cites are part
    of its key, as its text, URL and date are."""
    import dataclasses
    from generator.engine.bodies import body_key

    site = pipeline.check(CONTENT).site
    d = next(d for d in site.directives.values() if d.cites)
    assert body_key(dataclasses.replace(d, cites=d.cites[1:])) != body_key(d)
    assert body_key(dataclasses.replace(d, title="Một tiêu đề khác")) == body_key(d)


def test_the_look_ups_token_names_what_a_look_up_reads(tmp_path):
    """Alike after a title or topic edit; not after a new document."""
    from generator.engine.bodies import lookups_token

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    before = lookups_token(pipeline.check(content).site.links)
    first = sorted(content.glob("*/w*/*.md"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("title: ", "title: Sửa lại ", 1), encoding="utf-8")
    assert lookups_token(pipeline.check(content).site.links) == before
    (first.parent / "quyet-dinh-moi.md").write_text(
        "---\ntitle: Ban hành Quyết định mới\ndate: 2024-10-29\n"
        "document: {type: Quyết định, number: 998/2024/QĐ-UBND, date: 2024-10-29}\n---\nNội dung.\n",
        encoding="utf-8")
    assert lookups_token(pipeline.check(content).site.links) != before


def test_a_body_kept_beside_the_same_digest_is_not_keyed_again(tmp_path, monkeypatch):
    from dataclasses import replace
    from generator.engine import bodies
    from generator.engine.fingerprint import Fingerprints

    def digests_of(site):
        return dict(zip(site.directives, (digest for _, digest in Fingerprints(b"").model_digests(site))))

    site = pipeline.check(CONTENT).site
    store = BuildCache(tmp_path / ".out.cache", generator_key())
    digests = digests_of(site)
    first, _ = prepare_bodies(site, make_kit(site), None, store, digests=digests)
    assert all(entry[5] == digests[key] for key, entry in first.items()), "each entry knows its directive's digest"

    keyed = []
    real = bodies.body_key
    monkeypatch.setattr(bodies, "body_key", lambda d: keyed.append(d.key) or real(d))
    retitled = sorted(site.directives)[0]          # a title edited: a new digest, the same body key
    site.directives[retitled] = replace(site.directives[retitled], title="Tiêu đề mới")
    now = digests_of(site)
    again, changed = prepare_bodies(site, make_kit(site), first, store, answered=True, digests=now)
    assert keyed == [retitled], "only the directive whose digest changed is keyed again"
    assert again[retitled][:5] == first[retitled][:5] and again[retitled][5] == now[retitled]
    assert all(again[key] is first[key] for key in first if key != retitled)
    assert changed, "the new digest is kept"

    keyed.clear()
    d = site.directives[retitled]                  # its body edited: a new key, rendered again
    site.directives[retitled] = replace(d, body=d.body + "\n\nMột câu thêm.")
    kit = make_kit(site)
    third, _ = prepare_bodies(site, kit, again, store, answered=True, digests=digests_of(site))
    assert keyed[0] == retitled and third[retitled][0] == real(site.directives[retitled]) != again[retitled][0]
    assert "Một câu thêm." in kit.html(site.directives[retitled])
    unknown, _ = prepare_bodies(site, make_kit(site), third, store, answered=True)    # digests not known yet
    assert unknown == third, "without digests the body keys are compared, and the entries kept as they are"

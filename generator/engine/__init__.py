"""The build engine: what makes a rebuild cheap without making it different.

- cache.py       the build cache beside the output folder, keyed by the generator's own version
- reading.py     each source file's record and diagnostics, reused while its bytes are unchanged
- kept_model.py  the last full check's model, kept: after an edit of what directives only show
                  (or of a template), the edited files are put in instead of checking all again
                  (serve holds it in memory between saves: ModelInMemory)
- signature.py   the whole input (content, templates, generator) in one digest: the no-change rebuild
- fingerprint.py a digest of everything a page shows, to render only pages whose inputs changed
- dependencies.py which pages show which directives: after an edit of what a directive only
                  shows (its body ...), only the pages that show it are planned at all
- bodies.py      Markdown bodies, rendered once and reused while their inputs are unchanged
- pool.py        work spread over every core (forked workers; in-process for small jobs)
- render.py      the site into a staging folder: changed pages rendered, the others linked

The staging folder itself (generator/write/atomic.py) starts from the previous site,
which the last swap kept in the cache (`spare/`), so a rebuild touches on disk only
the files that differ.

An incremental build gives the same bytes as a clean one (tests/test_incremental.py)."""

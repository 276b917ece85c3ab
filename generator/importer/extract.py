"""Front matter read out of a section's free text.

- carrying document(s): references in the first paragraph written right after "(" or
  after "tại" ("(Công văn số 5902/VP-NC, ngày 28/10/2024)", "tại Công văn số 1605/...");
  failing that, a provincial document (UBND, VP, BCĐ issuer) dated within the issue,
  reported as a guess. A meeting carries none.
- date: the carrying document's date, else the first date of the first paragraph, else the
  issue's first day (reported).
- officials who directed (attendees left out), agencies, cites (every other reference,
  one per document however written), effective date, deadlines, topics.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from generator.content.directive import PERIOD_SLACK
from generator.importer.deadlines import Deadline, effective_date, effective_from_signing, find_deadlines, period_only
from generator.importer.notes import Note
from generator.importer.period import Period
from generator.importer.split import Section
from generator.importer.topics import Topics, suggest
from generator.vntext.agencies import find_agencies
from generator.vntext.dates import find_dates
from generator.vntext.officials import Official, find_officials, merge_officials
from generator.vntext.references import Reference, find_malformed, find_references
from generator.messages import Key

_LAWS = ("Luật", "Bộ luật")
_PROVINCIAL = re.compile(r"UBND|VP|BCĐ|BCĐ|TU\b")
_ATTENDING_SENTENCE = re.compile(r"^(?:Dự |Tham dự |Cùng dự |Có sự tham dự )")
QUARTER = "quý"   # a deadline written as a quarter ("trong quý IV"), not a month
_SENTENCE_RE = re.compile(r"\S.*?(?:(?<=\.)(?=\s)|$)")  # sentences end at "." + space, as split before


@dataclass
class Directive:
    section: Section
    title: str
    date: dt.date
    date_source: str  # "document", "text" or "issue"
    documents: list[Reference] = field(default_factory=list)
    documents_guessed: bool = False
    officials: list[Official] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    cites: list[Reference] = field(default_factory=list)
    effective: dt.date | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what an editor should check
    byline: list[str] = field(default_factory=list)  # the writer(s), as the web page prints them
    images: list[dict] = field(default_factory=list)  # [{file, caption}] as the web page prints them


# The words right before a carrying document when it is not in parentheses: "tại Công văn số",
# "vừa ký Quyết định số", "ban hành Kế hoạch số", "UBND tỉnh có Công văn số", "ký các Quyết định số".
_CARRIER_RE = re.compile(r"(?:^|\W)(?:tại|ký|ký ban hành|ban hành|có)(?:\s+các)?$")
# Between two numbers of one group: "Quyết định số 1/QĐ-UBND, 2/QĐ-UBND và 3/QĐ-UBND ngày ...".
_GROUP_GAP_RE = re.compile(r"^\s*(?:,|;|và|,\s*và)\s*(?:(?:các\s+)?(?:Quyết định|Kế hoạch|Công văn|Thông báo|Chỉ thị)\s+)?(?:số\s+)?$")


def _in_group(text: str, ref: Reference) -> bool:
    """Is `ref` written as the carrying document: "(Công văn số ...", "tại Công văn số ...",
    "ban hành Kế hoạch số ..."?"""
    before = text[: ref.start].rstrip()
    if before.endswith("(") or _CARRIER_RE.search(before):
        return True
    opened = before.rfind("(")  # a second number in "(Quyết định số 1, số 2 ngày ...)"
    return opened > before.rfind(")") and opened != -1 and bool(find_references(text[opened + 1: ref.start]))


def _with_listed(text: str, refs: list[Reference], chosen: list[Reference]) -> list[Reference]:
    """Add the numbers listed right after a carrying one: "ký các Quyết định số A, B và C ngày ..."."""
    out = []
    for ref in refs:
        if ref in chosen or (out and out[-1] is not None and _GROUP_GAP_RE.match(text[out[-1].end: ref.start])
                             and out[-1].date is None):
            out.append(ref)
        elif out and out[-1] is not None:
            out.append(None)
    return [r for r in out if r is not None]


def carrying_documents(first: str, period: Period) -> tuple[list[Reference], bool]:
    # A law is cited, never carried by a provincial directive ("quy định tại Luật Đất đai số ...").
    refs = [r for r in find_references(first, period.end.year) if r.number and not r.is_law and r.kind not in _LAWS]
    chosen = [r for r in refs if _in_group(first, r)]
    if chosen:
        return _fill_group(_with_listed(first, refs, chosen)), False
    guessed = [r for r in refs if _PROVINCIAL.search(r.number or "") and r.date
               and period.start - dt.timedelta(days=14) <= r.date <= period.end]
    return guessed[:1], bool(guessed)


def _fill_group(refs: list[Reference]) -> list[Reference]:
    """In "(Quyết định số 1/QĐ-UBND, 2/QĐ-UBND ngày 30/10/2024)" each number takes the type of
    the one before it and the date of the group's next dated number."""
    out, kind = [], None
    for ref in refs:
        kind = ref.kind or kind
        out.append(replace(ref, kind=kind))
    date = None
    for i in range(len(out) - 1, -1, -1):
        date = out[i].date or date
        if out[i].date is None and date:
            out[i] = replace(out[i], date=date, year=out[i].year or date.year)
    return out


def merge_references(refs: list[Reference]) -> list[Reference]:
    """One reference per document, in order of first appearance, with the type, date and year
    of whichever mention gives them. Numbers that restart each year are kept apart when their
    years differ."""
    merged: dict[tuple[str, int | None], Reference] = {}
    by_identity: dict[str, list[tuple[str, int | None]]] = {}
    # "Luật Đất đai số 31/2024/QH15" and a later "31/2024/QH15" or "Luật số 31/2024/QH15": one law.
    law_of = {r.number.upper(): r.identity() for r in refs if r.is_law and r.number}
    for ref in refs:
        group = ref.identity() if ref.is_law else law_of.get(ref.identity(), ref.identity())
        keys = by_identity.setdefault(group, [])
        key = next((k for k in keys if k[1] is None or ref.year is None or k[1] == ref.year), None)
        if key is None:
            key = (ref.identity(), ref.year)
            keys.append(key)
            merged[key] = ref
            continue
        old = merged[key]
        base, other = (ref, old) if ref.is_law and not old.is_law else (old, ref)   # the law's name is kept
        merged[key] = replace(base, kind=base.kind or other.kind, date=base.date or other.date,
                              year=base.year or other.year)
    return list(merged.values())


def _agencies(paragraphs: list[str]) -> list[str]:
    """Agencies in order of first mention, leaving out sentences that list attendees."""
    names = []
    for p in paragraphs:
        skipped = [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(p) if _ATTENDING_SENTENCE.match(m.group(0))]
        names += [name for pos, name in find_agencies(p) if not any(a <= pos < b for a, b in skipped)]
    return list(dict.fromkeys(names))


def extract(section: Section, period: Period, topics: Topics) -> Directive:
    year = period.end.year
    paragraphs = [p.text for p in section.paragraphs]
    first = paragraphs[0]
    documents, guessed = carrying_documents(first, period)
    notes = []
    if documents:
        date, source = documents[0].date, "document"
    else:
        date, source = None, ""
    if date is None:
        found = find_dates(first, year)
        date, source = (found[0].date, "text") if found else (period.start, "issue")
    if guessed:
        notes.append(Note("N-IMPORT-DOCUMENT-GUESSED", document=documents[0].label))
    for doc in documents:
        if doc.date is None:
            notes.append(Note("N-IMPORT-DOCUMENT-UNDATED", document=doc.label))
    if source == "issue":
        notes.append(Note("N-IMPORT-DATE-FROM-ISSUE"))
    elif not (period.start - PERIOD_SLACK <= date <= period.end + PERIOD_SLACK):
        # The checker refuses a directive dated more than PERIOD_SLACK outside its issue: date
        # it by the issue (the week it was reported) and keep the document's own date.
        notes.append(Note("N-IMPORT-DATE-OUTSIDE", date=f"{date:%d/%m/%Y}", source=Key(f"import.source.{source}"),
                          days=PERIOD_SLACK.days, start=f"{period.start:%d/%m/%Y}"))
        date, source = period.start, "issue"
    elif not (period.start - dt.timedelta(days=7) <= date <= period.end + dt.timedelta(days=7)):
        notes.append(Note("N-IMPORT-DATE-FAR", date=f"{date:%d/%m/%Y}"))

    carried = {(d.identity(), d.year) for d in documents}
    all_refs = [r for text in [section.title, *paragraphs] for r in find_references(text, year)]
    cites = [r for r in merge_references(all_refs) if (r.identity(), r.year) not in carried
             and not any(r.identity() == i and r.year is None for i, _ in carried)]
    for text in [section.title, *paragraphs]:
        for bad in find_malformed(text):
            notes.append(Note("N-IMPORT-MALFORMED-NUMBER", text=bad.text))
    for ref in cites:
        if ref.number and ref.year is None:
            notes.append(Note("N-IMPORT-CITE-UNDATED", document=ref.label))

    officials = merge_officials([o for p in paragraphs for o in find_officials(p) if not o.attending])
    effective = next((d for p in paragraphs if (d := effective_date(p, year))), None)
    if effective is None and any(effective_from_signing(p) for p in paragraphs):
        signed = next((doc for doc in documents if doc.date), None)
        if signed:
            effective = signed.date
            notes.append(Note("N-IMPORT-EFFECTIVE-SIGNED", document=signed.label, date=f"{signed.date:%d/%m/%Y}"))
        else:
            notes.append(Note("N-IMPORT-EFFECTIVE-UNKNOWN"))
    deadlines = [d for p in paragraphs for d in find_deadlines(p, year)]
    for words, what in (pair for p in paragraphs for pair in period_only(p)):
        unit = Key("import.unit.quarter" if QUARTER in words.casefold() else "import.unit.month")
        notes.append(Note("N-IMPORT-PERIOD-ONLY", words=words, unit=unit, what=what))
    return Directive(
        section=section, title=_title(section.title), date=date, date_source=source,
        documents=documents, documents_guessed=guessed, officials=officials,
        agencies=_agencies(paragraphs), topics=suggest(topics, section.title, "\n".join(paragraphs)),
        cites=cites, effective=effective, deadlines=deadlines, notes=notes,
    )


def _title(heading: str) -> str:
    """The heading without a final full stop ("... nhà ở xã hội." -> "... nhà ở xã hội")."""
    return heading[:-1].rstrip() if heading.endswith(".") and not heading.endswith("..") else heading


_ROLE_ONLY = re.compile(r"^(?:Đồng chí )?(?P<role>(?:Phó )?Chủ tịch(?: Thường trực)? (?:UBND|Ủy ban nhân dân) tỉnh)"
                        r" (?:chỉ đạo|ký|yêu cầu|giao|ban hành|phê duyệt)")


def fill_unnamed_officials(directives: list[Directive]) -> None:
    """"Chủ tịch UBND tỉnh chỉ đạo ..." without a name: when exactly one person of the issue
    holds that role elsewhere, name him, and say so (it is a guess from another section)."""
    holders: dict[str, set[str]] = {}
    for d in directives:
        for o in d.officials:
            for role in o.roles:
                holders.setdefault(role, set()).add(o.name)
    for d in directives:
        m = _ROLE_ONLY.match(d.section.paragraphs[0].text)
        if d.officials or not m or len(holders.get(m.group("role"), ())) != 1:
            continue
        (name,) = holders[m.group("role")]
        d.officials = [Official(name, (m.group("role"),))]
        d.notes.append(Note("N-IMPORT-OFFICIAL-INFERRED", name=name, role=m.group("role")))

"""The summary printed after an import: what was written, filled, guessed, and to review."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.importer.extract import Directive

# Front-matter key -> how the summary names it for the editors.
FIELDS = {
    "document": "văn bản",
    "officials": "người chỉ đạo",
    "agencies": "cơ quan",
    "topics": "chủ đề",
    "cites": "văn bản dẫn chiếu",
    "effective": "ngày hiệu lực",
    "deadlines": "thời hạn",
}


@dataclass
class Report:
    folder: str
    directives: list[tuple[str, Directive]]  # (slug, directive)
    warnings: list[str] = field(default_factory=list)  # issue-wide
    review: dict[str, list[str]] = field(default_factory=dict)  # slug -> notes
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, text): web page chrome, not imported

    def render(self) -> str:
        n = len(self.directives)
        lines = [f"{n} chỉ đạo trong {self.folder}/ (kèm _bulletin.yaml)"]
        width = max(len(f"{label} ({key})") for key, label in FIELDS.items())
        for key, label in FIELDS.items():
            filled = sum(1 for _, d in self.directives if _filled(d, key))
            lines.append(f"  {f'{label} ({key})':<{width}}  có ở {filled}/{n}")
        dated = {"document": 0, "text": 0, "issue": 0}
        for _, d in self.directives:
            dated[d.date_source] = dated.get(d.date_source, 0) + 1
        lines.append(f"  {'ngày (date)':<{width}}  lấy từ văn bản: {dated['document']}, từ nội dung bài: {dated['text']}, "
                     f"ngày đầu kỳ (phỏng đoán): {dated['issue']}")
        empty = [slug for slug, d in self.directives if not d.documents]
        if empty:
            lines.append(f"Không có văn bản kèm theo (có thể là phiên họp): {', '.join(empty)}")
        kept = [(slug, d) for slug, d in self.directives if d.byline or d.images]
        if kept:
            lines.append(f"Người viết (byline) và ảnh (images) của bản trên trang web: giữ ở {len(kept)} chỉ đạo")
        if self.dropped:
            lines.append(f"Đã bỏ {len(self.dropped)} dòng không thuộc bản tin (phần khung của trang web):")
            lines.extend(f"  - dòng {no}: “{text[:90]}”" for no, text in self.dropped)
        if self.warnings:
            lines.append("Cảnh báo:")
            lines.extend(f"  - {w}" for w in self.warnings)
        todo = {slug: notes for slug, notes in self.review.items() if notes}
        lines.append(f"Cần kiểm tra ({len(todo)} tệp; cũng được ghi '# kiểm tra:' trong phần đầu của tệp):"
                     if todo else "Không có gì cần kiểm tra.")
        for slug, notes in todo.items():
            lines.append(f"  {slug}.md")
            lines.extend(f"    - {note}" for note in notes)
        return "\n".join(lines)


def _filled(d: Directive, name: str) -> bool:
    return bool(getattr(d, "documents" if name == "document" else name))

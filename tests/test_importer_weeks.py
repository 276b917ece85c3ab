"""Weeks the importer has never seen: other editors' habits, checked against hand-written tables.

Each fixture under fixtures/importer/weeks/ is a whole week written the way another editor
of the series writes it (see the docstring of each table). For each one: import it with the
real command into a fresh content folder, prove that no paragraph was lost (Python-Markdown
renders each body back to its source paragraphs, each in exactly one directive), load it
with the real checker (no errors), compare the metadata with the table, and build the site.
"""
from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.cli import main
from generator.importer.mdescape import rendered_paragraphs
from generator.importer.source import decode, read_lines
from generator.importer.verify import body_of

REPO = Path(__file__).resolve().parent.parent
WEEKS = REPO / "tests/fixtures/importer/weeks"
D = dt.date
HTT = "Hồ Tiến Thiệu"
LTQ = ("Lương Trọng Quỳnh", "Phó Chủ tịch UBND tỉnh")
DXH = ("Dương Xuân Huyên", "Phó Chủ tịch Thường trực UBND tỉnh")
NN = "Sở Nông nghiệp và Phát triển nông thôn"
TNMT = "Sở Tài nguyên và Môi trường"
HUYEN = "UBND các huyện, thành phố"


def row(date, document=None, officials=(), agencies=(), cites=(), effective=None, deadlines=(), review=()):
    """One directive: `document` is (type, number, date) or a list of them; `deadlines` are
    dates; `review` are pieces of text that must appear in its '# kiểm tra:' comments."""
    return dict(date=date, document=document, officials=list(officials), agencies=list(agencies),
                cites=list(cites), effective=effective, deadlines=list(deadlines), review=list(review))


# Year end (ISO 2025-W01 starts on 30/12/2024). CRLF, NBSPs, trailing spaces, smart quotes; a
# lead with trailing periods, odd spacing around ";", an item reworded and one missing;
# "(QĐ số ...)", "ký Công văn số 12/UBND-NC ngày 3/1/2025" (no zero padding), "Kế hoạch số
# 01/KH-UBND, ngày 02 tháng 01 năm 2025", a decision dated the week before the period, an
# undated "Thông báo số 5/TB-UBND" in a one-line section, "Đồng chí X - Phó Chủ tịch", bullets
# "- " and "+ ", deadlines "trước ngày", "chậm nhất ngày", "xong trước 31/12/2024" and a
# month-only "trong tháng 01/2025" (reported, no day invented).
YEAR_END = ("2025-w01-year-end.txt", "2025/w01", (D(2024, 12, 30), D(2025, 1, 5)), {
    "ban-hanh-quy-dinh-phan-cap-quan-ly-nha-nuoc-ve-an-toan-thuc": row(
        D(2025, 1, 2), ("Quyết định", "12/2025/QĐ-UBND", D(2025, 1, 2)),
        agencies=["Sở Y tế", NN, "Sở Công Thương", HUYEN, "UBND các xã, phường, thị trấn"],
        cites=["Quyết định số 25/2019/QĐ-UBND ngày 12/6/2019", "Luật An toàn thực phẩm", "Nghị định số 15/2018/NĐ-CP"],
        effective=D(2025, 1, 15)),
    "tang-cuong-bao-dam-trat-tu-an-toan-giao-thong-dip-tet-duong": row(
        D(2025, 1, 3), ("Công văn", "12/UBND-NC", D(2025, 1, 3)),
        officials=[("Đoàn Thanh Sơn", "Phó Chủ tịch UBND tỉnh, Trưởng Ban An toàn giao thông tỉnh")],
        agencies=[HUYEN, "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Văn phòng UBND tỉnh", "Sở Giao thông vận tải"],
        cites=["Chỉ thị số 01/CT-UBND ngày 2/1/2025"], deadlines=[D(2025, 1, 15), D(2025, 1, 20)],
        review=["tiêu đề khác với mục tương ứng trong phần dẫn"]),
    "ke-hoach-to-chuc-cac-hoat-dong-mung-dang-mung-xuan-at-ty-nam": row(
        D(2025, 1, 2), ("Kế hoạch", "01/KH-UBND", D(2025, 1, 2)),
        agencies=["Sở Văn hóa, Thể thao và Du lịch", "UBND thành phố Lạng Sơn", HUYEN],
        deadlines=[D(2025, 2, 20)], review=["“trong tháng 01/2025”"]),
    "dieu-chinh-ke-hoach-von-dau-tu-cong-nguon-ngan-sach-dia": row(
        D(2024, 12, 23), ("Quyết định", "2315/QĐ-UBND", D(2024, 12, 23)), officials=[DXH],
        agencies=["Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh"], deadlines=[D(2024, 12, 31)]),
    "thong-bao-lich-nghi-tet-nguyen-dan-at-ty-nam-2025": row(
        D(2024, 12, 30), ("Thông báo", "5/TB-UBND", None),
        review=["nhận ra theo hình thức", "không có ngày ban hành", "đã lấy ngày đầu của kỳ bản tin"]),
})

# No lead at all (every heading found by its shape), a title whose parenthesis is never
# closed, first paragraphs opening "Phó Chủ tịch UBND tỉnh X vừa ký", "Chủ tịch UBND tỉnh ký
# các Quyết định số A, B và C ngày ..." (three documents), "Sáng ngày ...", "Thực hiện ý kiến
# chỉ đạo của đồng chí X, Chủ tịch UBND tỉnh, Văn phòng UBND tỉnh có Công văn ..."; a woman
# official who is "Ủy viên Ban Thường vụ Tỉnh ủy"; an attendee who did not direct; "UBND huyện
# Cao Lộc", "UBND thành phố Lạng Sơn"; "Luật Quy hoạch đô thị", "Nghị định 37/2010/NĐ-CP"
# without "số"; a URL with "&" and "?".
NO_LEAD = ("2024-w45-no-lead.txt", "2024/w45", (D(2024, 11, 4), D(2024, 11, 10)), {
    "phe-duyet-do-an-quy-hoach-chi-tiet-xay-dung-ty-le-1-500-khu": row(
        D(2024, 11, 5), ("Quyết định", "2001/QĐ-UBND", D(2024, 11, 5)), officials=[LTQ],
        agencies=["Sở Xây dựng", "UBND thành phố Lạng Sơn"],
        cites=["Luật Quy hoạch đô thị", "Nghị định số 37/2010/NĐ-CP"], deadlines=[D(2024, 11, 20)],
        review=["nhận ra theo hình thức"]),
    "cong-nhan-cac-xa-dat-chuan-nong-thon-moi-nam-2024": row(
        D(2024, 11, 6), [("Quyết định", n, D(2024, 11, 6)) for n in ("2010/QĐ-UBND", "2011/QĐ-UBND", "2012/QĐ-UBND")],
        officials=[(HTT, "Chủ tịch UBND tỉnh")], agencies=["UBND huyện Cao Lộc", "UBND huyện Hữu Lũng"],
        review=["suy ra từ chỉ đạo khác", "“trong tháng 12/2024”"]),
    "ubnd-tinh-lam-viec-voi-ban-quan-ly-khu-kinh-te-cua-khau-dong": row(
        D(2024, 11, 7), officials=[(HTT, "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")],
        agencies=["Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "Cục Hải quan tỉnh",
                  "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"], deadlines=[D(2024, 11, 30)]),
    "chi-dao-tang-cuong-cong-tac-phong-chay-chua-chay-trong-mua": row(
        D(2024, 11, 8), ("Chỉ thị", "18/CT-UBND", D(2024, 11, 8)),
        officials=[("Nguyễn Thị Hằng", "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh")],
        agencies=["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", NN, HUYEN], deadlines=[D(2024, 11, 25)]),
    "day-nhanh-tien-do-giai-phong-mat-bang-du-an-duong-cao-toc": row(
        D(2024, 11, 8), ("Công văn", "6120/VP-KT", D(2024, 11, 8)), officials=[(HTT, "Chủ tịch UBND tỉnh")],
        agencies=["Văn phòng UBND tỉnh", "UBND huyện Tràng Định", "UBND huyện Cao Lộc", TNMT, "Sở Tài chính"],
        cites=["Luật Đất đai năm 2024", "Nghị định số 88/2024/NĐ-CP ngày 15/7/2024"], deadlines=[D(2024, 12, 15)]),
})

# Title in capitals; a heading that ends with a period, one reworded from the lead, one
# section printed twice (and listed twice in the lead), a one-line section; numbered and
# "* " bullets, "(*)", "BM_01_ATGT", "SBD_TenMon", "<50%"; "UBND tỉnh có Công văn số ...";
# "Nghị định 100/2024/NĐ-CP" and "Nghị định số 100/2024/NĐ-CP" as one document; laws with
# and without a year; "Thông tư số 10/2024/TT-BTC"; an exam window that is not a deadline.
MARKDOWN_AND_LAWS = ("2024-w47-markdown-and-laws.txt", "2024/w47", (D(2024, 11, 18), D(2024, 11, 24)), {
    "trien-khai-thi-hanh-nghi-dinh-so-100-2024-nd-cp-cua-chinh": row(
        D(2024, 11, 19), ("Công văn", "6310/VP-KT", D(2024, 11, 19)),
        officials=[("Đoàn Thanh Sơn", "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh")],
        agencies=["Sở Xây dựng", HUYEN],
        cites=["Nghị định số 100/2024/NĐ-CP ngày 26/7/2024", "Luật Nhà ở năm 2023"], deadlines=[D(2024, 11, 30)]),
    "huong-dan-quan-ly-su-dung-kinh-phi-bao-dam-trat-tu-an-toan": row(
        D(2024, 11, 18), ("Công văn", "1702/UBND-KT", D(2024, 11, 18)),
        agencies=["Sở Tài chính", "Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh"],
        cites=["Thông tư số 10/2024/TT-BTC ngày 23/2/2024"], deadlines=[D(2024, 12, 5)]),
    "chi-dao-tang-cuong-cong-tac-quan-ly-trat-tu-xay-dung-tren": row(
        D(2024, 11, 20), ("Công văn", "1720/UBND-KT", D(2024, 11, 20)),
        agencies=["UBND huyện Cao Lộc", "Sở Xây dựng", TNMT], cites=["Luật Xây dựng", "Luật Đất đai năm 2024"],
        deadlines=[D(2024, 12, 15)], review=["tiêu đề khác với mục tương ứng trong phần dẫn"]),
    "to-chuc-ky-thi-chon-hoc-sinh-gioi-cap-tinh-lop-12-nam-hoc": row(
        D(2024, 11, 21), ("Kế hoạch", "260/KH-UBND", D(2024, 11, 21)),
        agencies=["Sở Giáo dục và Đào tạo"], deadlines=[D(2024, 12, 25)]),
    "don-doc-quyet-toan-du-an-hoan-thanh-su-dung-von-nha-nuoc": row(
        D(2024, 11, 22), ("Công văn", "1725/UBND-KT", D(2024, 11, 22)), agencies=["Sở Tài chính"],
        cites=["Nghị định số 99/2021/NĐ-CP"], deadlines=[D(2024, 12, 31)], review=["in mục này hai lần"]),
    "to-chuc-ngay-phap-luat-nuoc-cong-hoa-xa-hoi-chu-nghia-viet": row(
        D(2024, 11, 18), ("Kế hoạch", "258/KH-UBND", D(2024, 11, 18))),
})

# "Có hiệu lực từ ngày ký" (effective = the decision's date, flagged), a decision reported
# 24 days after it was signed (beyond the checker's 14 days: the directive is dated the
# issue's first day and flagged, the document keeps its own date), "có hiệu lực kể từ ngày
# 01 tháng 01 năm 2025", "Đồng chí X - Phó Chủ tịch Thường trực UBND tỉnh, Chủ tịch Hội đồng
# ...", an attendee, "trong tháng 12/2024", a lead whose items all end in ".;", one reworded
# item, a heading missing from the lead, a tab-only line, NBSPs, "Luật Giá năm 2023".
EFFECTIVE_AND_STALE = ("2024-w50-effective-and-stale.txt", "2024/w50", (D(2024, 12, 9), D(2024, 12, 15)), {
    "ban-hanh-quy-che-phoi-hop-quan-ly-cum-cong-nghiep-tren-dia": row(
        D(2024, 12, 10), ("Quyết định", "2250/QĐ-UBND", D(2024, 12, 10)),
        agencies=["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng", TNMT],
        cites=["Nghị định số 32/2024/NĐ-CP ngày 15/3/2024"], effective=D(2024, 12, 10), review=["hiệu lực từ ngày ký”"]),
    "quy-dinh-gia-cu-the-san-pham-dich-vu-cong-ich-thuy-loi-tren": row(
        D(2024, 12, 9), ("Quyết định", "48/2024/QĐ-UBND", D(2024, 11, 15)), agencies=[NN],
        cites=["Luật Thủy lợi", "Luật Giá năm 2023", "Thông tư số 73/2018/TT-BTC"], effective=D(2025, 1, 1),
        review=["15/11/2024", "ngày đầu của kỳ bản tin"]),
    "chuan-bi-to-chuc-le-giao-nhan-quan-nam-2025": row(
        D(2024, 12, 11), ("Công văn", "6555/VP-NC", D(2024, 12, 11)),
        officials=[("Dương Xuân Huyên", "Phó Chủ tịch Thường trực UBND tỉnh, Chủ tịch Hội đồng Nghĩa vụ quân sự tỉnh")],
        agencies=["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Sở Y tế", HUYEN, "UBND thành phố Lạng Sơn",
                  "UBND huyện Cao Lộc"], deadlines=[D(2025, 1, 20)], review=["tiêu đề khác với mục tương ứng"]),
    "hoi-nghi-doi-thoai-voi-doanh-nghiep-nha-dau-tu-cuoi-nam-2024": row(
        D(2024, 12, 12), officials=[LTQ],
        agencies=["Cục Thuế tỉnh", "Kho bạc Nhà nước tỉnh", "Sở Kế hoạch và Đầu tư", "Hiệp hội Doanh nghiệp tỉnh"],
        review=["“trong tháng 12/2024”"]),
    "tang-cuong-quan-ly-bao-ve-rung-cuoi-nam": row(
        D(2024, 12, 12), ("Công văn", "6570/VP-KT", D(2024, 12, 12)), officials=[LTQ], agencies=[NN, HUYEN],
        review=["nhận ra theo hình thức"]),
})

WEEKS_TABLES = [YEAR_END, NO_LEAD, MARKDOWN_AND_LAWS, EFFECTIVE_AND_STALE]
IDS = [w[0].removesuffix(".txt") for w in WEEKS_TABLES]


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def review_of(text: str) -> list[str]:
    return [ln for ln in text.split("\n---\n")[0].splitlines() if ln.startswith("# kiểm tra:")]


@pytest.fixture(scope="module", params=WEEKS_TABLES, ids=IDS)
def imported(request, tmp_path_factory):
    name, folder, period, table = request.param
    content = tmp_path_factory.mktemp("weeks") / "content"
    content.mkdir()
    for f in ("site.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / f, content / f)
    assert main(["import", str(WEEKS / name), "--content", str(content)]) == 0
    return name, folder, period, table, content


def test_files_are_the_table(imported):
    name, folder, period, table, content = imported
    bulletin = yaml.safe_load((content / folder / "_bulletin.yaml").read_text(encoding="utf-8"))
    assert (bulletin["period"]["from"], bulletin["period"]["to"]) == period
    assert bulletin["order"] == list(table)
    assert sorted(p.name for p in (content / folder).iterdir()) == sorted(["_bulletin.yaml", *(f"{s}.md" for s in table)])


def test_nothing_lost(imported):
    """Every source paragraph comes back verbatim from exactly one rendered body."""
    name, folder, period, table, content = imported
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (content / folder).glob("*.md")}
    titles = {front(t)["title"].rstrip(".") for t in texts.values()}
    lines = read_lines(decode((WEEKS / name).read_bytes()))
    lead = 2 if ";" in lines[1].text else 1
    source = Counter(ln.text for ln in lines[lead:] if ln.text.rstrip(".") not in titles)
    where: dict[str, list[str]] = {}
    for slug, text in texts.items():
        got = rendered_paragraphs(body_of(text))
        for p in got:
            assert p in source, f"{slug}: rendered text not in the source: {p[:80]}"
        for p in set(got):
            where.setdefault(p, []).append(slug)
    for p in source:
        assert len(where.get(p, [])) == 1, f"paragraph in {where.get(p)} instead of one directive: {p[:80]}"


def test_checker_accepts_it_and_the_site_builds(imported, tmp_path):
    name, folder, period, table, content = imported
    checked = pipeline.check(content)
    assert not checked.diagnostics.errors, [d.format() for d in checked.diagnostics.errors]
    built = pipeline.build(content, tmp_path / "out")
    assert built.ok, [d.format() for d in built.diagnostics.errors]
    for slug in table:
        assert (tmp_path / "out" / folder / slug / "index.html").is_file()


def test_metadata_matches_hand_written_table(imported):
    name, folder, period, table, content = imported
    for slug, want in table.items():
        text = (content / folder / f"{slug}.md").read_text(encoding="utf-8")
        meta = front(text)
        doc = meta.get("document")
        docs = doc if isinstance(doc, list) else [doc] if doc else []
        got_docs = [(d.get("type"), d["number"], d.get("date")) for d in docs]
        want_docs = want["document"] if isinstance(want["document"], list) else [want["document"]] if want["document"] else []
        got = dict(
            date=meta["date"], document=got_docs,
            officials=[(o["name"], o["role"]) for o in meta.get("officials", [])],
            agencies=meta.get("agencies", []), cites=meta.get("cites", []), effective=meta.get("effective"),
            deadlines=[d["date"] for d in meta.get("deadlines", [])])
        expected = dict(want, document=want_docs)
        expected.pop("review")
        assert got == expected, slug
        notes = "\n".join(review_of(text))
        for piece in want["review"]:
            assert piece in notes, f"{slug}: no review note with {piece!r} in:\n{notes}"
        for d in meta.get("deadlines", []):
            assert d["what"] and d["what"] in " ".join(body_of(text).split()).replace("\\", ""), (slug, d["what"])

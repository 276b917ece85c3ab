"""The seed week against a table checked by hand, line by line, from the published text."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.importer import run_import
from generator.importer.mdescape import rendered_paragraphs
from generator.importer.source import read_lines
from generator.importer.verify import body_of
from conftest import seed_text

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
D = dt.date
HTT = "Hồ Tiến Thiệu"
LTQ = ("Lương Trọng Quỳnh", "Phó Chủ tịch UBND tỉnh")
DXH = ("Dương Xuân Huyên", "Phó Chủ tịch Thường trực UBND tỉnh")

# slug: (source line of the heading, document (type, number, date) or None, officials (name, role),
#        cites, effective)
EXPECTED = {
    "hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3": (
        3, None, [(HTT, "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")], [], None),
    "ubnd-tinh-hop-phien-thuong-ky-thang-10-2024-ky-4": (  # Đoàn Thị Hậu attended, did not direct
        9, None, [(HTT, "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")], [], None),
    "chu-tich-ubnd-tinh-chi-dao-don-doc-trien-khai-so-suc-khoe": (
        20, ("Công văn", "5902/VP-NC", D(2024, 10, 28)),
        [(HTT, "Chủ tịch UBND tỉnh, Tổ trưởng Tổ công tác triển khai Đề án 06 tỉnh")], [], None),
    "ke-hoach-xet-tang-danh-hieu-nghe-nhan-nhan-dan-nghe-nhan-uu": (
        24, ("Kế hoạch", "242/KH-UBND", D(2024, 10, 29)), [], ["Nghị định số 93/2023/NĐ-CP"], None),
    "ubnd-tinh-chi-dao-tang-cuong-thuc-hien-cong-tac-bao-ton-ton": (
        31, ("Công văn", "1605/UBND-KGVX", D(2024, 10, 29)), [],
        ["Quyết định số 855/QĐ-UBND ngày 22/4/2021"], None),
    "ke-hoach-trien-khai-cung-cap-sua-thuc-hien-chuong-trinh-suc": (
        36, ("Kế hoạch", "243/KH-UBND", D(2024, 10, 30)), [], [], None),
    "quy-dinh-dien-tich-dat-nong-nghiep-de-xay-dung-cong-trinh": (
        42, ("Quyết định", "45/2024/QĐ-UBND", D(2024, 10, 30)), [], [], D(2024, 11, 11)),
    "chi-dao-trien-khai-nghi-quyet-cua-ban-thuong-vu-tinh-uy-ve": (
        47, ("Công văn", "5975/VP-KT", D(2024, 10, 30)), [LTQ], [], None),
    "ubnd-tinh-chi-dao-tang-cuong-lanh-dao-chi-dao-thuc-hien": (  # "Luật BHYT"
        51, ("Công văn", "1619/UBND-KGVX", D(2024, 10, 30)), [], ["Luật Bảo hiểm y tế"], None),
    "ubnd-tinh-chi-dao-tang-cuong-lanh-dao-chi-dao-thuc-hien-2": (
        57, ("Công văn", "1619/UBND-KGVX", D(2024, 10, 30)), [], [], None),
    "phe-duyet-danh-muc-nhiem-vu-khoa-hoc-va-cong-nghe-dat-hang": (
        64, ("Quyết định", "1890/QĐ-UBND", D(2024, 10, 30)), [], [], None),
    "thuc-hien-nghi-quyet-so-132-2024-qh15-cua-quoc-hoi-ve-bo": (
        69, ("Công văn", "1630/UBND-KT", D(2024, 10, 31)), [],
        ["Nghị quyết số 132/2024/QH15", "Chỉ thị số 22/CT-TTg ngày 23/6/2023",
         "Công văn số 949/UBND-KT ngày 20/7/2023", "Luật Ngân sách nhà nước"], None),
    "thuc-hien-chuong-trinh-bao-ton-va-phat-trien-lang-nghe-tren": (
        74, ("Kế hoạch", "244/KH-UBND", D(2024, 10, 30)), [], [], None),
    "quy-dinh-han-muc-dat-giao-cho-to-chuc-ton-giao-to-chuc-ton": (
        81, ("Quyết định", "46/2024/QĐ-UBND", D(2024, 10, 30)), [], ["Luật Đất đai năm 2024"], D(2024, 11, 11)),
    "chi-dao-ra-soat-day-nhanh-tien-do-xay-dung-cac-van-ban-quy": (  # printed again at line 94
        87, ("Công văn", "5990/VP-KT", D(2024, 10, 31)), [LTQ], ["Luật Đất đai"], None),
    "chi-dao-thuc-hien-ket-luan-so-94-kl-tw-ngay-13-thang-09-nam": (  # name inferred, flagged
        91, ("Công văn", "1634/UBND-KT", D(2024, 10, 31)), [(HTT, "Chủ tịch UBND tỉnh")],
        ["Kết luận số 94-KL/TW ngày 13/9/2024"], None),
    "chi-dao-khan-truong-day-nhanh-tien-do-thuc-hien-chuong-trinh": (
        98, ("Công văn", "175/BCĐ-NTM", D(2024, 10, 31)),
        [(LTQ[0], "Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban Chỉ đạo (BCĐ) các Chương trình mục tiêu quốc gia (MTQG) tỉnh")],
        ["Kế hoạch số 15/KH-UBND ngày 18/1/2024"], None),
    "day-manh-thu-hoi-so-tien-huong-sai-che-do-uu-dai-nguoi-co": (
        104, ("Công văn", "5986/VP-KGVX", D(2024, 10, 31)), [DXH],
        ["Công văn số 5429/BLĐTBXH-TTr ngày 29/10/2024", "Nghị quyết số 119/NQ-CP ngày 9/9/2018"], None),
    "trien-khai-thang-hanh-dong-quoc-gia-phong-chong-hiv-aids-nam": (
        109, ("Công văn", "5988/VP-KGVX", D(2024, 10, 31)), [DXH],
        ["Công văn số 6678/BYT-UBQG50 ngày 30/10/2024"], None),
    "chi-dao-trien-khai-thuc-hien-nghi-quyet-so-13-2024-nq-hdnd": (
        115, ("Công văn", "1636/UBND-KT", D(2024, 10, 31)), [],
        ["Nghị quyết số 13/2024/NQ-HĐND ngày 30/9/2024"], None),
    "don-doc-khan-truong-ho-tro-nguoi-dan-khac-phuc-hau-qua-con": (
        119, ("Công văn", "1639/UBND-KT", D(2024, 10, 31)), [], [], None),
    "chi-dao-thuc-hien-ket-luan-cua-thu-tuong-chinh-phu-tai-buoi": (
        124, ("Công văn", "6006/VP-KT", D(2024, 10, 31)), [("Đoàn Thanh Sơn", "Phó Chủ tịch UBND tỉnh")], [], None),
    "ke-hoach-to-chuc-cac-hoat-dong-chao-mung-ngay-di-san-van-hoa": (
        128, ("Kế hoạch", "245/KH-UBND", D(2024, 11, 2)), [],
        ["Nghị quyết số 33-NQ/TW ngày 9/6/2014", "Kết luận số 28-KL/TU ngày 31/12/2020"], None),
}


@pytest.fixture(scope="module")
def result(seed_import):
    return seed_import


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_one_file_per_directive_in_source_order(result):
    assert result.folder == "2024/w44"
    bulletin = yaml.safe_load(result.files["2024/w44/_bulletin.yaml"])
    lines = seed_text().splitlines()
    assert bulletin["title"] == lines[0] and bulletin["lead"] == lines[1]
    assert bulletin["period"] == {"from": D(2024, 10, 28), "to": D(2024, 11, 3)}
    assert bulletin["order"] == list(EXPECTED)
    assert sorted(result.files) == sorted(["2024/w44/_bulletin.yaml", *(f"2024/w44/{s}.md" for s in EXPECTED)])


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_metadata_matches_hand_checked_table(result, slug):
    line, document, officials, cites, effective = EXPECTED[slug]
    meta = front(result.files[f"2024/w44/{slug}.md"])
    assert meta["title"] == seed_text().splitlines()[line - 1]
    doc = meta.get("document")
    assert (doc and (doc["type"], doc["number"], doc["date"])) == (document or None)
    assert meta["date"] == (document[2] if document else meta["date"])
    assert [(o["name"], o["role"]) for o in meta.get("officials", [])] == officials
    assert meta.get("cites", []) == cites
    assert meta.get("effective") == effective
    assert set(meta) <= {"title", "date", "document", "officials", "agencies", "topics", "cites",
                         "effective", "deadlines"}


def test_meeting_dates_come_from_the_text(result):
    assert front(result.files["2024/w44/hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3.md"])["date"] == D(2024, 10, 29)
    assert front(result.files["2024/w44/ubnd-tinh-hop-phien-thuong-ky-thang-10-2024-ky-4.md"])["date"] == D(2024, 10, 31)


def test_every_paragraph_lands_once_verbatim(result):
    """Render every body with Python-Markdown: the text must be the source paragraphs."""
    lines = read_lines(seed_text())
    headings = {yaml.safe_load(t.split("---\n")[1])["title"] for p, t in result.files.items() if p.endswith(".md")}
    got = []
    for path, text in result.files.items():
        if path.endswith(".md"):
            got += rendered_paragraphs(body_of(text))
    source = [ln.text for ln in lines[2:] if ln.text not in headings]
    for repeated in (ln for ln in lines if 95 <= ln.no <= 97):  # 94-97 repeat 87-90, imported once
        source.remove(repeated.text)
    assert sorted(got) == sorted(source)
    assert all(typo in "".join(got) for typo in ("thường tú", "khẩn trưởng", "ttự nguyện"))


def test_directive_layout(result):
    for path, text in result.files.items():
        if path.endswith(".md"):
            head, sep, body = text.partition("\n---\n\n")
            assert text.startswith("---\n") and sep and body.endswith("\n") and not body.endswith("\n\n")
            assert "&id" not in head and "*id" not in head


def test_duplicates_are_reported(result):
    report = result.report.render()
    assert "các dòng 94-97 lặp lại nguyên văn các dòng 87-90" in report
    assert report.count("cũng mang Công văn số 1619/UBND-KGVX (giữ cả hai, liên kết qua văn bản)") == 2


def test_reimport_is_byte_identical(result):
    topics = yaml.safe_load((REPO / "content/topics.yaml").read_text(encoding="utf-8"))
    assert run_import(seed_text(), topics).files == result.files

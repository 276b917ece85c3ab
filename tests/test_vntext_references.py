import datetime as dt

import pytest

from generator.vntext import find_references, parse_reference


@pytest.mark.parametrize("text, kind, number, date, year", [
    ("Nghị định số 93/2023/NĐ-CP", "Nghị định", "93/2023/NĐ-CP", None, 2023),
    ("Nghị định 93/2023/NĐ-CP", "Nghị định", "93/2023/NĐ-CP", None, 2023),
    ("93/2023/NĐ-CP", None, "93/2023/NĐ-CP", None, 2023),
    ("93/2023/nđ-cp", None, "93/2023/NĐ-CP", None, 2023),
    ("Kết luận số 94-KL/TW ngày 13 tháng 09 năm 2024", "Kết luận", "94-KL/TW", dt.date(2024, 9, 13), 2024),
    ("Kết luận số 94-KL/TW ngày 13/9/2024", "Kết luận", "94-KL/TW", dt.date(2024, 9, 13), 2024),
    ("nghị quyết số 119/NQ-CP ngày 09/9/2018", "Nghị quyết", "119/NQ-CP", dt.date(2018, 9, 9), 2018),
    ("Công văn số 5902/VP-NC, ngày 28/10/2024", "Công văn", "5902/VP-NC", dt.date(2024, 10, 28), 2024),
    ("Quyết định số 1890/QĐ-UBND ngày 30/10/2024", "Quyết định", "1890/QĐ-UBND", dt.date(2024, 10, 30), 2024),
    ("Chỉ thị số 22/CT-TTg ngày 23/6/2023", "Chỉ thị", "22/CT-TTg", dt.date(2023, 6, 23), 2023),
    ("Nghị quyết số 132/2024/QH15", "Nghị quyết", "132/2024/QH15", None, 2024),
    ("Công văn số 5429/BLĐTBXH-TTr", "Công văn", "5429/BLĐTBXH-TTr", None, None),
    ("QĐ số 45/2024/QĐ-UBND", "Quyết định", "45/2024/QĐ-UBND", None, 2024),
])
def test_parse_numbered_references(text, kind, number, date, year):
    ref = parse_reference(text)
    assert (ref.kind, ref.number, ref.title, ref.date, ref.year) == (kind, number, None, date, year)


@pytest.mark.parametrize("text, title, year", [
    ("Luật Đất đai năm 2024", "Đất đai", 2024),
    ("Luật Đất đai 2024", "Đất đai", 2024),
    ("Luật Đất đai", "Đất đai", None),
    ("Luật Ngân sách nhà nước", "Ngân sách nhà nước", None),
    ("Luật BHYT", "Bảo hiểm y tế", None),
    ("luật giá", "Giá", None),
])
def test_parse_laws(text, title, year):
    ref = parse_reference(text)
    assert (ref.kind, ref.number, ref.title, ref.year) == ("Luật", None, title, year)
    assert ref.label == f"Luật {title}"


@pytest.mark.parametrize("text", ["hello", "14/18", "2021-2030", "Đề án 06", ""])
def test_not_references(text):
    assert parse_reference(text) is None


def test_same_document_written_two_ways_has_one_identity():
    a = parse_reference("Kết luận số 94-KL/TW ngày 13 tháng 09 năm 2024")
    b = parse_reference("Kết luận số 94-KL/TW ngày 13/9/2024")
    assert a.identity() == b.identity() and a.citation() == b.citation() == "Kết luận số 94-KL/TW ngày 13/9/2024"
    ids = {parse_reference(t).identity() for t in ("93/2023/NĐ-CP", "93/2023/nđ-cp", "Nghị định 93/2023/NĐ-CP")}
    assert len(ids) == 1
    assert parse_reference("Luật Đất đai năm 2024").identity() == parse_reference("Luật Đất đai").identity()


def test_labels_slugs_citations():
    assert parse_reference("Nghị định 93/2023/NĐ-CP").label == "Nghị định số 93/2023/NĐ-CP"
    assert parse_reference("Công văn số 5902/VP-NC").slug() == "5902-vp-nc"
    assert parse_reference("93/2023/NĐ-CP").slug() == "93-2023-nd-cp"
    assert parse_reference("Luật Đất đai năm 2024").slug() == "luat-dat-dai"
    assert parse_reference("Luật Đất đai năm 2024").citation() == "Luật Đất đai năm 2024"


def test_citation_strings_parse_back():
    for text in ("Kết luận số 94-KL/TW ngày 13/9/2024", "Luật Đất đai năm 2024", "Nghị định số 93/2023/NĐ-CP"):
        assert parse_reference(text).citation() == text


def test_find_references_in_running_text():
    text = (
        "UBND tỉnh chỉ đạo thực hiện Kết luận số 94-KL/TW ngày 13/9/2024 của Bộ Chính trị, tại Công văn "
        "số 1634/UBND-KT, ngày 31/10/2024; theo quy định tại khoản 3 Điều 145 Luật Đất đai năm 2024 và "
        "pháp luật về đất đai năm 2013, các Nghị định hướng dẫn thi hành Luật Đất đai. Đạt 14/18 chỉ tiêu "
        "giai đoạn 2021-2030, Đề án 06; Công văn 5429/BLĐTBXH-TTr; Luật Ngân sách nhà nước;…"
    )
    refs = find_references(text)
    assert [r.text for r in refs] == [
        "Kết luận số 94-KL/TW ngày 13/9/2024",
        "Công văn số 1634/UBND-KT, ngày 31/10/2024",
        "Luật Đất đai năm 2024",
        "Luật Đất đai",
        "Công văn 5429/BLĐTBXH-TTr",
        "Luật Ngân sách nhà nước",
    ]
    assert all(text[r.start:r.end] == r.text for r in refs)


def test_law_name_stops_at_function_words():
    refs = find_references("thực hiện nghiêm Luật BHYT, phấn đấu; quy định của Luật Đất đai theo hướng")
    assert [r.title for r in refs] == ["Bảo hiểm y tế", "Đất đai"]

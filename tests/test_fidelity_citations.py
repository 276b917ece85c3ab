"""Issue 12, item 1-2: every citation form of real administrative text resolves to the right
document page, in `cites` and in body text; one law in three spellings is one page; a law
named without year or number gets no year (its own page says so) and `check`, not `build`,
says once that it may be the same law as one written with its year."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.vntext.references import find_malformed, find_references, parse_reference
from tests.conftest import build_into
from tests.helpers import page, text_of

SMALL = Path(__file__).parent / "fixtures" / "small"

# (citation as written, the document page it must resolve to)
FORMS = [
    ("Luật Đất đai năm 2024", "/van-ban/2024/luat-dat-dai/"),
    ("Luật Đất đai 2024", "/van-ban/2024/luat-dat-dai/"),
    ("Luật Đất đai số 31/2024/QH15", "/van-ban/2024/luat-dat-dai/"),
    ("Luật số 31/2024/QH15", "/van-ban/2024/luat-dat-dai/"),       # by number alone: the same law
    ("Luật số 43/2024/QH15", "/van-ban/2024/43-2024-qh15/"),
    ("Bộ luật Lao động năm 2019", "/van-ban/2019/bo-luat-lao-dong/"),
    ("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch năm 2018",
     "/van-ban/2018/luat-sua-doi-bo-sung-mot-so-dieu-cua-luat-quy-hoach/"),
    ("Luật Ngân sách nhà nước", "/van-ban/khong-ro-nam/luat-ngan-sach-nha-nuoc/"),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", "/van-ban/2024/57-nq-tw/"),
    ("Chỉ thị số 05-CT/TW ngày 15/5/2016", "/van-ban/2016/05-ct-tw/"),
    ("Kết luận số 94-KL/TW ngày 13/9/2024", "/van-ban/2024/94-kl-tw/"),
    ("Kế hoạch số 119-KH/TU ngày 2/3/2023", "/van-ban/2023/119-kh-tu/"),
    ("Quy định số 144-QĐ/TW ngày 9/5/2024", "/van-ban/2024/144-qd-tw/"),
    ("Thông tư số 12/2024/TT-BKHCN", "/van-ban/2024/12-2024-tt-bkhcn/"),
    ("Thông tư liên tịch số 01/2015/TTLT-BTC-BNV", "/van-ban/2015/01-2015-ttlt-btc-bnv/"),
    ("Quyết định số 1055/QĐ-TTg ngày 12/9/2024 của Thủ tướng Chính phủ", "/van-ban/2024/1055-qd-ttg/"),
    ("Công văn số 6296/VPCP-KSTT ngày 1/11/2024", "/van-ban/2024/6296-vpcp-kstt/"),
]


@pytest.mark.parametrize("text, url", FORMS)
def test_each_form_parses_whole(text, url):
    ref = parse_reference(text)
    assert ref is not None, text
    assert ref.end == len(text)


@pytest.mark.parametrize("text, kind, number, day", [
    ("Quyết định số 1055/QĐ-TTg của Thủ tướng Chính phủ ngày 12/9/2024", "Quyết định", "1055/QĐ-TTg", "2024-09-12"),
    ("Quyết định số 1055/QĐ-TTg ngày 12/9/2024 của Thủ tướng Chính phủ", "Quyết định", "1055/QĐ-TTg", "2024-09-12"),
    ("Công văn ngày 28/10/2024 số 5902/VP-NC", "Công văn", "5902/VP-NC", "2024-10-28"),
    ("Quyết định số: 1890/QĐ-UBND ngày 30/10/2024", "Quyết định", "1890/QĐ-UBND", "2024-10-30"),
])
def test_number_date_and_issuer_in_any_order(text, kind, number, day):
    ref = parse_reference(text)
    assert (ref.kind, ref.number, ref.date.isoformat()) == (kind, number, day)


def test_issuer_is_read_only_where_the_name_clearly_ends():
    (ref,) = find_references("theo Quyết định số 855/QĐ-UBND của UBND tỉnh Lạng Sơn khẩn trương rà soát")
    assert ref.text == "Quyết định số 855/QĐ-UBND" and ref.issuer is None
    assert parse_reference("Thông tư số 12/2024/TT-BKHCN của Bộ Khoa học và Công nghệ").issuer == "Bộ Khoa học và Công nghệ"


def test_a_malformed_reference_is_not_guessed():
    text = "thực hiện Quyết định số: 280/31/01/2019 của UBND tỉnh"
    assert find_references(text) == []
    assert [m.text for m in find_malformed(text)] == ["Quyết định số: 280/31/01/2019"]
    assert parse_reference("Quyết định số: 280/31/01/2019") is None


def test_amending_law_is_its_own_document_not_the_law_it_amends():
    (ref,) = find_references("thi hành Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở và "
                             "Luật Kinh doanh bất động sản; tiếp theo")
    assert ref.title == "sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở và Luật Kinh doanh bất động sản"


def test_law_without_year_keeps_none():
    ref = parse_reference("Luật Ngân sách nhà nước")
    assert ref.year is None and ref.citation() == "Luật Ngân sách nhà nước"


def _directive(slug: str, date: str, cites: list[str], body: str) -> str:
    listed = "".join(f"  - {c}\n" for c in cites)
    return f"---\ntitle: Chỉ đạo {slug}\ndate: {date}\ncites:\n{listed}---\n\n{body}\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    content = tmp_path_factory.mktemp("cites") / "content"
    shutil.copytree(SMALL, content)
    week = content / "2024" / "w45"
    for i, (text, _) in enumerate(FORMS):
        (week / f"dan-{i}.md").write_text(_directive(f"dan-{i}", "2024-11-05", [text], f"Căn cứ {text}, UBND tỉnh chỉ đạo."),
                                          encoding="utf-8")
    # "Luật Đất đai" with no year, in cites and in text; and in a body only, next to a dated mention.
    (week / "khong-nam.md").write_text(_directive("khong-nam", "2024-11-06", ["Luật Đất đai"],
                                                  "Thi hành Luật Đất đai và Luật Ngân sách nhà nước."), encoding="utf-8")
    (week / "cung-bai.md").write_text(_directive("cung-bai", "2024-11-06", ["Luật Đất đai năm 2024"],
                                                 "Theo Luật Đất đai năm 2024; các điều của Luật Đất đai."), encoding="utf-8")
    out = content.parent / "out"
    result = build_into(content, out)
    return content, out, result


@pytest.mark.parametrize("i", range(len(FORMS)))
def test_each_form_in_cites_and_in_text_links_its_page(built, i):
    _, out, _ = built
    text, url = FORMS[i]
    doc = page(out / "2024" / "w45" / f"dan-{i}" / "index.html")
    body_links = {a.get("href") for a in doc.xpath("//main//a[@class='doc-ref']")}
    target = "../../.." + url
    assert target in body_links, (text, body_links)
    assert target in {a.get("href") for a in doc.xpath("//main//a")}
    assert (out / url.strip("/") / "index.html").is_file()


def test_one_law_three_spellings_one_page(built):
    _, out, result = built
    pages = [e for e in result.site.links.documents.values() if e.key.slug == "luat-dat-dai"]
    assert sorted(str(e.key.year) for e in pages) == ["2024", "None"]
    law = page(out / "van-ban/2024/luat-dat-dai/index.html")
    assert text_of(law.xpath("//h1")[0]) == "Luật Đất đai số 31/2024/QH15"
    cited = {a.get("href") for a in law.xpath("//main//a")}
    for i in range(4):                                    # năm 2024, 2024, số 31/2024/QH15, Luật số 31/2024/QH15
        assert f"../../../2024/w45/dan-{i}/" in cited
    assert not (out / "van-ban/2024/31-2024-qh15").exists()


def test_law_without_year_gets_a_page_that_says_so(built):
    _, out, _ = built
    law = page(out / "van-ban/khong-ro-nam/luat-dat-dai/index.html")
    facts = text_of(law.xpath("//dl")[0])
    assert "Năm" in facts and "không rõ" in facts and "2024" not in facts
    assert "../../../2024/w45/khong-nam/" in {a.get("href") for a in law.xpath("//main//a")}
    budget = page(out / "van-ban/khong-ro-nam/luat-ngan-sach-nha-nuoc/index.html")
    assert "không rõ" in text_of(budget.xpath("//dl")[0])
    index = text_of(page(out / "van-ban/index.html").xpath("//main")[0])
    assert "không rõ" in index
    # every mention links to it; where the same article names the law with its year, that one
    mine = page(out / "2024/w45/khong-nam/index.html")
    assert {a.get("href") for a in mine.xpath("//main//a[@class='doc-ref']")} >= {
        "../../../van-ban/khong-ro-nam/luat-dat-dai/", "../../../van-ban/khong-ro-nam/luat-ngan-sach-nha-nuoc/"}
    same = page(out / "2024/w45/cung-bai/index.html")
    assert [a.get("href") for a in same.xpath("//main//a[@class='doc-ref']")] == [
        "../../../van-ban/2024/luat-dat-dai/", "../../../van-ban/2024/luat-dat-dai/"]


def test_no_year_is_invented_and_build_does_not_nag(built):
    _, _, result = built
    assert not [d for d in result.diagnostics.items if "không ghi năm" in d.message]


def test_check_notes_the_possible_same_law_once(built, capsys):
    content, _, _ = built
    assert main(["check", "--content", str(content), "--output", str(content.parent / "none")]) == 0
    err = capsys.readouterr().err
    notes = [line for line in err.splitlines() if "ghi chú" in line]
    assert len(notes) == 1, err
    assert "khong-nam.md" in notes[0] and "'Luật Đất đai' không ghi năm" in notes[0] and "có thể là một văn bản" in notes[0]
    result = pipeline.build(content, content.parent / "out2")
    assert not any("có thể là một văn bản" in d.message for d in result.diagnostics.items)


def test_a_synthetic_year_of_every_citation_form_checks_clean(tmp_path):
    """52 weekly issues, every form above in `cites` and in bodies, in rotation: no error, and
    no warning but the contract's listed year guesses (here none: every form gives its year)."""
    import datetime as dt

    content = tmp_path / "content"
    shutil.copytree(SMALL, content, ignore=shutil.ignore_patterns("2024"))
    forms = [text for text, _ in FORMS]
    for week in range(1, 53):
        monday = dt.date.fromisocalendar(2025, week, 1)
        folder = content / "2025" / f"w{week:02d}"
        folder.mkdir(parents=True)
        sunday = monday + dt.timedelta(days=6)
        (folder / "_bulletin.yaml").write_text(
            f"title: Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (từ ngày {monday:%d/%m} đến hết ngày "
            f"{sunday:%d/%m/%Y})\nperiod: {{from: {monday}, to: {sunday}}}\n", encoding="utf-8")
        for i in range(3):
            cited = [forms[(week * 3 + i + k) % len(forms)] for k in range(3)]
            body = " ".join(f"Thực hiện {c}." for c in reversed(cited))
            (folder / f"chi-dao-{i}.md").write_text(_directive(f"{week}-{i}", str(monday + dt.timedelta(days=i)),
                                                               cited, body), encoding="utf-8")
    result = pipeline.check(content)
    assert not result.diagnostics.errors, [d.format() for d in result.diagnostics.errors[:5]]
    assert not result.diagnostics.warnings, [d.format() for d in result.diagnostics.warnings[:5]]
    land = [k for k in result.site.links.documents if k.slug == "luat-dat-dai"]
    assert [k.year for k in land] == [2024]          # four spellings, one page
    print(f"\nsynthetic year: {len(result.site.directives)} directives, {len(result.site.links.documents)} documents, "
          f"0 errors, 0 warnings")


def test_importer_keeps_one_cite_per_law_and_never_carries_a_law():
    import datetime as dt

    from generator.importer.extract import carrying_documents, merge_references
    from generator.importer.period import Period

    text = "Theo 31/2024/QH15 và quy định tại Luật Đất đai số 31/2024/QH15, Luật số 31/2024/QH15; Luật Đất đai năm 2024."
    assert [r.citation() for r in merge_references(find_references(text, 2024))] == ["Luật Đất đai số 31/2024/QH15"]
    period = Period(dt.date(2024, 10, 28), dt.date(2024, 11, 3))
    docs, _ = carrying_documents("UBND tỉnh chỉ đạo thực hiện quy định tại Luật Đất đai số 31/2024/QH15 "
                                 "(Công văn số 1/UBND-KT ngày 30/10/2024).", period)
    assert [d.number for d in docs] == ["1/UBND-KT"]

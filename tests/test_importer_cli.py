"""The `import` command end to end: fixtures for the ways real input goes wrong."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from generator.cli import main
from generator.importer import run_import
from generator.importer.mdescape import escape_paragraph, rendered_paragraphs

FIX = Path(__file__).resolve().parent / "fixtures/importer"
REPO = Path(__file__).resolve().parent.parent


def content_dir(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REPO / "content/topics.yaml", content / "topics.yaml")
    return content


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_import_writes_refuses_overwrite_and_forces(tmp_path, capsys):
    content = content_dir(tmp_path)
    seed = str(FIX / "bulletin-2024-w44.txt")
    assert main(["import", seed, "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "23 chỉ đạo trong 2024/w44/" in out and "Cần kiểm tra" in out and "Đã ghi 25 tệp" in out  # + site.yaml from the starter
    files = {p: p.read_bytes() for p in (content / "2024/w44").iterdir()}
    assert len(files) == 24
    assert main(["import", seed, "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "thêm --force để ghi đè" in err and "Chưa ghi tệp nào." in err
    assert main(["import", seed, "--content", str(content), "--force"]) == 0
    assert {p: p.read_bytes() for p in (content / "2024/w44").iterdir()} == files  # byte-identical


def test_dry_run_writes_nothing(tmp_path, capsys):
    content = content_dir(tmp_path)
    assert main(["import", str(FIX / "bulletin-2024-w44.txt"), "--content", str(content), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "_bulletin.yaml" in out and "chưa ghi tệp nào" in out
    assert not (content / "2024").exists()


def test_no_structure_is_a_clear_error(tmp_path, capsys):
    content = content_dir(tmp_path)
    assert main(["import", str(FIX / "no-structure.txt"), "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "no-structure.txt:2" in err and "không tìm thấy tiêu đề mục nào" in err and "Chưa ghi tệp nào." in err
    assert list(content.iterdir()) == [content / "topics.yaml"]


def test_missing_file_and_bad_week(tmp_path, capsys):
    content = content_dir(tmp_path)
    assert main(["import", str(tmp_path / "nope.txt"), "--content", str(content)]) == 1
    assert main(["import", str(FIX / "duplicates.txt"), "--content", str(content), "--week", "W44"]) == 1
    err = capsys.readouterr().err
    assert "không đọc được tệp" in err and "không phải một tuần ISO; hãy viết như 2024-W44" in err


def test_crlf_bom_nbsp_trailing_spaces(tmp_path):
    content = content_dir(tmp_path)
    assert main(["import", str(FIX / "crlf-bom.txt"), "--content", str(content)]) == 0
    week = content / "2024/w44"
    meeting = (week / "hop-thuong-ky.md").read_text(encoding="utf-8")
    assert "\r" not in meeting and "\ufeff" not in meeting and "\u00a0" not in meeting
    assert meeting.endswith("chủ trì phiên họp.\n\nPhiên họp cho ý kiến 05 nội dung.\n")
    assert front(week / "hop-thuong-ky.md")["officials"] == [
        {"name": "Hồ Tiến Thiệu", "role": "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"}]
    decision = front(week / "quyet-dinh-ve-gia.md")
    assert decision["document"]["number"] == "47/2024/QĐ-UBND"
    assert str(decision["effective"]) == "2024-11-11"
    assert yaml.safe_load((week / "_bulletin.yaml").read_text(encoding="utf-8"))["title"].endswith("03/11/2024)")


def test_headings_missing_from_lead_and_lead_with_periods():
    result = run_import((FIX / "lead-missing-headings.txt").read_text(encoding="utf-8"), {}, None)
    assert result.folder == "2024/w45"
    slugs = [s for s, _ in result.report.directives]
    assert slugs == ["ke-hoach-so-mot", "quyet-dinh-so-hai", "chi-dao-ve-mot-viec-khong-co-trong-phan-dan"]
    guessed = result.report.review["chi-dao-ve-mot-viec-khong-co-trong-phan-dan"]
    assert any("nhận ra theo hình thức (không có trong phần dẫn)" in n for n in guessed)
    assert any("12/BYT-KCB mà không ghi ngày" in n for n in guessed)
    text = result.files["2024/w45/ke-hoach-so-mot.md"]
    assert "1\\. Mục tiêu: tăng cường \\*quản lý\\* nhà nước." in text
    d = yaml.safe_load(result.files["2024/w45/chi-dao-ve-mot-viec-khong-co-trong-phan-dan.md"].split("---\n")[1])
    assert d["agencies"] == ["Sở Y tế", "Sở Tư pháp"] and d["cites"][0] == "Nghị định số 93/2023/NĐ-CP"
    assert str(d["date"]) == "2024-11-07"
    q = yaml.safe_load(result.files["2024/w45/quyet-dinh-so-hai.md"].split("---\n")[1])
    print(q)
    assert q["deadlines"] == [{"date": dt.date(2024, 11, 30), "what": "Giao Sở Tài chính hoàn thành"}]


def test_lead_not_matching_any_heading_is_reported():
    text = ("Chỉ đạo (từ ngày 28/10 đến hết ngày 03/11/2024)\nMột việc đã sửa tên; Hai\n"
            "Một việc đã đổi tên\nNgày 29/10/2024, UBND tỉnh chỉ đạo.\n")
    result = run_import(text, {}, None)
    assert any("không có tiêu đề nào khớp đúng" in w for w in result.report.warnings)


def test_duplicates_fold_identical_and_flag_shared_documents():
    result = run_import((FIX / "duplicates.txt").read_text(encoding="utf-8"), {}, None)
    assert [s for s, _ in result.report.directives] == ["viec-a", "viec-b", "viec-b-2"]
    assert any("lặp lại nguyên văn các dòng 3-5" in w for w in result.report.warnings)
    for slug, other in (("viec-b", "viec-b-2"), ("viec-b-2", "viec-b")):
        meta = yaml.safe_load(result.files[f"2024/w44/{slug}.md"].split("---\n")[1])
        assert meta["document"]["number"] == "1620/UBND-KT"
        assert (f"# kiểm tra: chỉ đạo {other} cũng mang Công văn số 1620/UBND-KT (giữ cả hai, liên kết qua văn bản)\n"
                in result.files[f"2024/w44/{slug}.md"])


def test_markdown_escaping_round_trips():
    for text in ["1. Mục tiêu", "- gạch đầu dòng", "# số", "> trích", "* sao", "+ cộng", "a *b* c",
                 "x_y_z và _nghiêng_", "x < y & z &amp; w", "dấu \\ và `mã`", "[liên kết](u)", "---",
                 "2024) năm", "Bình thường, không cần thoát."]:
        assert rendered_paragraphs(escape_paragraph(text)) == [text]
    assert escape_paragraph("Bình thường, không cần thoát.") == "Bình thường, không cần thoát."


def test_import_into_an_empty_folder_then_build(tmp_path, capsys):
    """The issue's 'done when': import into a new folder, then build it, as is."""
    from generator import pipeline
    content = tmp_path / "x"
    assert main(["import", str(FIX / "bulletin-2024-w44.txt"), "--content", str(content)]) == 0
    assert "tạo" in capsys.readouterr().out
    result = pipeline.build(content, tmp_path / "out")
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    assert (tmp_path / "out/2024/w44/index.html").is_file()
    for path in (content / "2024/w44").iterdir():
        assert path.read_bytes() == (REPO / "content/2024/w44" / path.name).read_bytes(), path.name

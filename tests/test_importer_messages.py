"""What the importer tells editors (summary, `# kiểm tra:` comments, errors) is Vietnamese."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.importer import ImportError_, run_import

FIX = Path(__file__).resolve().parent / "fixtures/importer"
REPO = Path(__file__).resolve().parent.parent
# Words of the former English messages; none may come back in what editors read.
ENGLISH = re.compile(r"\b(?:directives?|review|guessed|inferred|document|lines?|warnings?|filled|heading|lead|"
                     r"paragraph|nothing|written|without|another|kept|printed|issue|official|found|the)\b")


def seed():
    topics = yaml.safe_load((REPO / "content/topics.yaml").read_text(encoding="utf-8"))
    return run_import((FIX / "bulletin-2024-w44.txt").read_text(encoding="utf-8"), topics)


def comments(result) -> list[str]:
    return [line for text in result.files.values() for line in text.splitlines() if line.startswith("# ")]


def test_seed_comments_and_summary_are_vietnamese():
    result = seed()
    assert comments(result) == [
        "# kiểm tra: thời hạn “trong tháng 11/2024” chỉ ghi tháng, không ghi ngày: chưa đưa vào deadlines, "
        "điền ngày nếu văn bản có (hoàn chỉnh dự thảo báo cáo)",
        "# kiểm tra: chỉ đạo ubnd-tinh-chi-dao-tang-cuong-lanh-dao-chi-dao-thuc-hien-2 cũng mang Công văn số "
        "1619/UBND-KGVX (giữ cả hai, liên kết qua văn bản)",
        "# kiểm tra: chỉ đạo ubnd-tinh-chi-dao-tang-cuong-lanh-dao-chi-dao-thuc-hien cũng mang Công văn số "
        "1619/UBND-KGVX (giữ cả hai, liên kết qua văn bản)",
        "# kiểm tra: bản gốc in mục này hai lần (dòng 87 và dòng 94); chỉ nhập một lần",
        "# kiểm tra: người chỉ đạo Hồ Tiến Thiệu là suy ra từ chỉ đạo khác trong kỳ: bài chỉ ghi “Chủ tịch UBND tỉnh”",
    ]
    summary = result.report.render()
    assert summary.splitlines()[0] == "23 chỉ đạo trong 2024/w44/ (kèm _bulletin.yaml)"
    assert "  thời hạn (deadlines)       có ở 6/23" in summary
    assert "Cần kiểm tra (5 tệp; cũng được ghi '# kiểm tra:' trong phần đầu của tệp):" in summary
    # the English words may only appear as front-matter keys in parentheses
    assert not ENGLISH.search(re.sub(r"\((?:document|officials|agencies|topics|cites|effective|deadlines|date)\)", "",
                                     summary))


def test_fixture_notes_and_warnings_are_vietnamese():
    for name in ("lead-missing-headings.txt", "duplicates.txt"):
        result = run_import((FIX / name).read_text(encoding="utf-8"), {}, None)
        for text in [*comments(result), *result.report.warnings]:
            assert not ENGLISH.search(text.replace("--week", "")), text


@pytest.mark.parametrize("text, message", [
    ("Một dòng\n", "văn bản quá ngắn để là một bản tin"),
    ("Tiêu đề (từ ngày 28/10 đến hết ngày 03/11/2024)\nmột đoạn văn thường.\nmột đoạn nữa.\n",
     "không tìm thấy tiêu đề mục nào"),
    ("Tiêu đề không có thời gian\nViệc một; Việc hai\nViệc một\nNgày 29/10/2024, UBND tỉnh chỉ đạo.\n",
     "tiêu đề không ghi thời gian của kỳ"),
])
def test_errors_are_vietnamese(text, message):
    with pytest.raises(ImportError_) as info:
        run_import(text, {}, None)
    assert message in info.value.message and not ENGLISH.search(info.value.message)
    if info.value.line:
        assert str(info.value).startswith(f"dòng {info.value.line}: ")

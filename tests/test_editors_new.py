"""`new-week` and `new` end to end on a temporary content tree: the files they write,
what `check` says about an untouched template, and that a filled one builds."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.cli import main
from generator.content import directive
from generator.content import format as fmt
from generator.commands.new import TIMEZONE, current_week, issue_title, unique_slug
from generator.importer.period import period_from_week

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture()
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    for name in ("site.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / name, root / name)
    return root


def test_new_week_writes_period_and_title_and_refuses_to_overwrite(content, capsys):
    assert main(["new-week", "2024-W45", "--content", str(content)]) == 0
    path = content / "2024/w45/_bulletin.yaml"
    assert f"Đã tạo {path}" in capsys.readouterr().out
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["period"] == {"from": dt.date(2024, 11, 4), "to": dt.date(2024, 11, 10)}
    assert data["title"] == ("Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần "
                             "(từ ngày 04/11 đến hết ngày 10/11/2024)")
    before = path.read_bytes()
    assert main(["new-week", "2024-W45", "--content", str(content)]) == 1
    assert "đã có sẵn: không ghi đè" in capsys.readouterr().err
    assert path.read_bytes() == before
    # An issue with no directive yet is valid content.
    assert pipeline.check(content).ok


def test_new_week_defaults_to_this_week_in_vietnam(content, capsys):
    assert main(["new-week", "--content", str(content)]) == 0
    year, week = current_week().split("-W")
    assert (content / year / f"w{week}" / "_bulletin.yaml").is_file()
    # Sunday 23:30 in Hà Nội is still that week, though it is Sunday 16:30 UTC.
    late = dt.datetime(2024, 11, 10, 23, 30, tzinfo=TIMEZONE)
    assert current_week(late) == "2024-W45"
    assert current_week(dt.datetime(2024, 11, 10, 17, 30, tzinfo=dt.timezone.utc)) == "2024-W46"


def test_title_across_new_year():
    assert issue_title(period_from_week("2025-W01")).endswith("(từ ngày 30/12/2024 đến hết ngày 05/01/2025)")


def test_bad_week_is_a_clear_error(content, capsys):
    assert main(["new-week", "2024-W99", "--content", str(content)]) == 1
    assert "tuần '2024-W99'" in capsys.readouterr().err
    assert main(["new", "Tiêu đề", "--week", "2024-W46", "--content", str(content)]) == 1
    assert "build.py new-week 2024-W46" in capsys.readouterr().err


def test_slug_is_folded_vietnamese_and_unique_in_its_week(content, capsys):
    main(["new-week", "2024-W45", "--content", str(content)])
    title = "Đẩy nhanh tiến độ đường Đồng Đăng – \"Lạng Sơn\": ưu tiên"
    assert main(["new", title, "--week", "2024-W45", "--content", str(content)]) == 0
    assert main(["new", title, "--week", "2024-W45", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    first = content / "2024/w45/day-nhanh-tien-do-duong-dong-dang-lang-son-uu-tien.md"
    second = first.with_name(first.stem + "-2.md")
    assert f"Đã tạo {first}" in out and f"Đã tạo {second}" in out
    assert yaml.safe_load(first.read_text(encoding="utf-8").split("---\n")[1])["title"] == title
    assert unique_slug("Đất đai", {"dat-dai", "dat-dai-2"}) == "dat-dai-3"


def test_untouched_template_gives_clear_errors_then_builds_once_filled(content, tmp_path, capsys):
    main(["new-week", "2024-W45", "--content", str(content)])
    main(["new", "Sở Y tế triển khai tiêm chủng", "--week", "2024-W45", "--content", str(content)])
    path = content / "2024/w45/so-y-te-trien-khai-tiem-chung.md"
    capsys.readouterr()
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index("date:") + 1
    assert f"so-y-te-trien-khai-tiem-chung.md:{line}:6: lỗi [E-REQUIRED-EMPTY]: trường bắt buộc 'date' đang để trống" in err
    assert "chỉ thị không có nội dung" in err and "Traceback" not in err

    text = path.read_text(encoding="utf-8").replace("\ndate:\n", "\ndate: 2024-11-05\n")
    path.write_text(text + "Sở Y tế chủ trì triển khai.\n", encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 0
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out/2024/w45/so-y-te-trien-khai-tiem-chung/index.html").is_file()


def test_every_commented_field_of_the_template_is_valid(content, capsys):
    """Uncommenting every field of the template still passes `check`: the notes teach valid content."""
    shutil.copytree(REPO / "content/2024/w44", content / "2024/w44")   # the example `related` target
    main(["new-week", "2024-W45", "--content", str(content)])
    main(["new", "Kế hoạch phòng, chống HIV/AIDS", "--week", "2024-W45", "--content", str(content)])
    path = content / "2024/w45/ke-hoach-phong-chong-hiv-aids.md"
    text = path.read_text(encoding="utf-8").replace("\ndate:\n", "\ndate: 2024-11-04\n")
    text = _uncommented(text) + "Nội dung.\n"
    path.write_text(text, encoding="utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    assert set(data) == set(directive.FIELDS)            # every field the loader knows, none it does not
    result = pipeline.check(content)
    assert result.ok, "\n".join(d.format() for d in result.diagnostics.errors)


def test_new_appends_to_an_existing_order_and_leaves_the_rest_alone(content, tmp_path, capsys):
    shutil.copytree(REPO / "content/2024/w44", content / "2024/w44")
    bulletin = content / "2024/w44/_bulletin.yaml"
    before = bulletin.read_text(encoding="utf-8")
    assert main(["new", "Chỉ đạo bổ sung", "--week", "2024-W44", "--content", str(content)]) == 0
    assert f"Đã thêm tên tệp vào cuối order trong {bulletin}" in capsys.readouterr().out
    after = bulletin.read_text(encoding="utf-8")
    assert after == before + "- chi-dao-bo-sung\n"                 # one line added, nothing else touched
    assert yaml.safe_load(after)["order"][-1] == "chi-dao-bo-sung"
    # A new issue has no order (the default order applies): its file is left as written.
    main(["new-week", "2024-W45", "--content", str(content)])
    fresh = (content / "2024/w45/_bulletin.yaml").read_bytes()
    main(["new", "Một chỉ đạo", "--week", "2024-W45", "--content", str(content)])
    assert (content / "2024/w45/_bulletin.yaml").read_bytes() == fresh


# --- the template is the content format's own (generator/content/format.py) ---------------------

def _new_file(content: Path, title: str, *extra: str) -> Path:
    main(["new-week", "2024-W45", "--content", str(content)])
    assert main(["new", title, "--week", "2024-W45", "--content", str(content), *extra]) == 0
    (path,) = (content / "2024/w45").glob("*.md")
    return path


def _uncommented(text: str) -> str:
    return re.sub(r"(?m)^# (?=[a-z_]+:|  |- )", "", text)


def test_template_fields_are_the_declarations_fields_with_their_notes(content, capsys):
    path = _new_file(content, "Sở Y tế triển khai tiêm chủng")
    text = path.read_text(encoding="utf-8")
    head = text.split("---\n")[1]
    keys = re.findall(r"(?m)^(?:# )?([a-z_]+):", head)
    assert keys == list(fmt.DIRECTIVE.names())                       # every field, in the declared order
    for field in fmt.DIRECTIVE.fields:
        assert f"# {field.description} [" in head, field.name         # its Vietnamese note, from the declaration
    data = yaml.safe_load(head)
    assert data == {"title": "Sở Y tế triển khai tiêm chủng", "date": None, "draft": False}
    assert "ví dụ 2024-11-04" in head and "/2024/w45/ten-cu/" in head   # examples from this week
    # Filled in (date and body), the file passes `check` as written.
    path.write_text(text.replace("\ndate:\n", "\ndate: 2024-11-05\n") + "Nội dung.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--content", str(content)]) == 0, capsys.readouterr().err
    # No hand-written template is left beside the declaration.
    assert "new_directive_template" not in (REPO / "generator/locale/vi.yaml").read_text(encoding="utf-8")


def test_a_field_added_to_the_declaration_appears_in_new(content, monkeypatch, capsys):
    extra = fmt.Field("priority", fmt.TEXT, "Mức độ ưu tiên của chỉ đạo.", "cao")
    monkeypatch.setattr(fmt, "DIRECTIVE", dataclasses.replace(fmt.DIRECTIVE, fields=(*fmt.DIRECTIVE.fields, extra)))
    text = _new_file(content, "Chỉ đạo có mức ưu tiên").read_text(encoding="utf-8")
    assert "# Mức độ ưu tiên của chỉ đạo. [không bắt buộc; chữ]\n# priority: cao\n" in text
    assert yaml.safe_load(_uncommented(text).split("---\n")[1])["priority"] == "cao"

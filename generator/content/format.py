"""The content format, declared once.

Every field an editor may write in a directive's front matter, `_bulletin.yaml`,
`site.yaml` and `topics.yaml`: its name, kind, whether it is required, what it
means (in Vietnamese, for editors) and an example. The loader's field lists, the
importer's key order, `new`'s template, the JSON Schema files (`build.py schema`)
and the field tables in docs/content-format.md all come from here; a test keeps
them in agreement.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

# Kinds of values. Each maps to one validator in fields.py and one JSON Schema fragment.
TEXT = "text"
DATE = "date"              # YYYY-MM-DD
BOOLEAN = "boolean"
INTEGER = "integer"
WEB_ADDRESS = "web-address"   # http:// or https://
SLUG = "slug"              # lowercase ASCII, digits and hyphens (a file name or topic key)
DIRECTIVE_PATH = "directive-path"   # YYYY/wNN/<slug>
SITE_PATH = "site-path"    # an old directive URL inside the site, e.g. /2024/w44/ten-cu/
TIMEZONE = "timezone"      # an IANA time zone name
MAPPING = "mapping"        # named sub-fields

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DIRECTIVE_PATH_PATTERN = r"^/?[0-9]{4}/w[0-9]{2}/[a-z0-9]+(?:-[a-z0-9]+)*/?$"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str           # Vietnamese, shown to editors (docs, schema hover, template comments)
    example: Any = None        # a value as an editor writes it
    required: bool = False
    many: bool = False         # a list; a single value is read as a one-item list
    fields: tuple["Field", ...] = ()   # the sub-fields of a MAPPING
    shorthand: bool = False    # a MAPPING that may also be written as plain text (its first field)
    minimum: int | None = None  # for INTEGER
    default: Any = None        # what an absent optional field means
    nullable: bool = True      # an optional field may be left empty (`lead:`), meaning absent
    any_of: tuple[str, ...] = ()   # a MAPPING needs at least one of these sub-fields

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> "Field":
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class FileFormat:
    """One kind of content file. `entry` is set for a file that maps keys to entries (topics.yaml)."""
    name: str                  # schema file stem, e.g. "directive"
    path: str                  # where the file lives, as the docs show it
    title: str                 # Vietnamese
    description: str           # Vietnamese
    fields: tuple[Field, ...] = ()
    entry: Field | None = None
    key_pattern: str | None = None
    key_example: str = ""

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


DOCUMENT = Field(
    "document", MAPPING, "Văn bản ban hành chỉ đạo này (không có khi là một phiên họp). "
    "Nhiều văn bản ban hành cùng lúc thì viết thành danh sách.",
    many=True,
    fields=(
        Field("type", TEXT, "Loại văn bản: Quyết định, Kế hoạch, Công văn, Nghị quyết, Kết luận, Chỉ thị, Thông báo ...",
              "Công văn"),
        Field("number", TEXT, "Số hiệu như trên văn bản.", "5902/VP-NC", required=True),
        Field("date", DATE, "Ngày ban hành văn bản (YYYY-MM-DD).", dt.date(2024, 10, 28)),
        Field("issuer", TEXT, "Cơ quan ban hành.", "Văn phòng UBND tỉnh"),
        Field("url", WEB_ADDRESS, "Địa chỉ toàn văn chính thức (bắt đầu bằng https://).",
              "https://vanban.langson.gov.vn/5902-vp-nc"),
    ),
)

OFFICIAL = Field(
    "officials", MAPPING, "Người chỉ đạo: tên và chức vụ; chưa rõ chức vụ thì chỉ ghi tên.",
    many=True, shorthand=True,
    fields=(
        Field("name", TEXT, "Họ và tên.", "Hồ Tiến Thiệu", required=True),
        Field("role", TEXT, "Chức vụ khi chỉ đạo.", "Chủ tịch UBND tỉnh"),
    ),
)

DEADLINE = Field(
    "deadlines", MAPPING, "Thời hạn thực hiện nêu trong chỉ đạo.", many=True,
    fields=(
        Field("date", DATE, "Hạn chót (YYYY-MM-DD).", dt.date(2024, 10, 30), required=True),
        Field("what", TEXT, "Việc phải xong trước hạn.", "Sở Tài nguyên và Môi trường hoàn thiện dự thảo",
              required=True),
    ),
)

IMAGE = Field(
    "images", MAPPING, "Ảnh trang web đã đăng kèm bài: tên tệp và/hoặc chú thích (tệp ảnh không nằm trong nội dung).",
    many=True, any_of=("file", "caption"),
    fields=(
        Field("file", TEXT, "Tên tệp ảnh như trang web ghi.", "anh-1.png"),
        Field("caption", TEXT, "Chú thích ảnh như đã đăng.", "Ảnh minh họa (Nguồn: baolangson.vn)"),
    ),
)

DIRECTIVE = FileFormat(
    "directive", "content/YYYY/wNN/<slug>.md",
    "Chỉ đạo (phần đầu YAML của tệp .md)",
    "Phần đầu YAML giữa hai dòng '---' của một tệp chỉ đạo; nội dung Markdown viết bên dưới.",
    fields=(
        Field("title", TEXT, "Tiêu đề chỉ đạo.",
              "Chủ tịch UBND tỉnh chỉ đạo đôn đốc triển khai sổ sức khỏe điện tử", required=True),
        Field("date", DATE, "Ngày chỉ đạo (YYYY-MM-DD), trong kỳ bản tin.", dt.date(2024, 10, 28), required=True),
        DOCUMENT,
        OFFICIAL,
        Field("agencies", TEXT, "Cơ quan, đơn vị được giao thực hiện.", ["Công an tỉnh", "Sở Y tế"], many=True),
        Field("topics", SLUG, "Chủ đề: các khóa trong topics.yaml.", ["chuyen-doi-so", "y-te"], many=True),
        Field("cites", TEXT, "Văn bản khác mà chỉ đạo dựa vào hoặc triển khai: loại, số hiệu, ngày nếu có.",
              ["Nghị định số 93/2023/NĐ-CP", "Kết luận số 94-KL/TW ngày 13/9/2024"], many=True),
        Field("effective", DATE, "Ngày quyết định có hiệu lực (YYYY-MM-DD).", dt.date(2024, 11, 11)),
        DEADLINE,
        Field("related", DIRECTIVE_PATH, "Chỉ đạo liên quan trực tiếp: năm/tuần/tên-tệp.",
              ["2024/w44/hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3"], many=True),
        Field("aliases", SITE_PATH, "Địa chỉ cũ của trang này (/năm/wtuần/tên-tệp-cũ/, khi đổi tên tệp) để liên kết cũ "
              "vẫn dùng được.",
              ["/2024/w44/ten-cu/"], many=True),
        Field("draft", BOOLEAN, "Bản nháp: được kiểm tra nhưng chưa đăng; xem trước bằng lệnh serve --drafts.", False, default=False),
        Field("summary", TEXT, "Tóm tắt một, hai câu cho danh sách và bộ đọc tin; mặc định là đoạn đầu của nội dung.",
              "UBND tỉnh yêu cầu các sở triển khai sổ sức khỏe điện tử trên VNeID."),
        Field("byline", TEXT, "Người viết, như trang web của tỉnh ghi cuối bài.", "Thùy Linh", many=True),
        IMAGE,
    ),
)

BULLETIN = FileFormat(
    "bulletin", "content/YYYY/wNN/_bulletin.yaml",
    "Kỳ bản tin (_bulletin.yaml)",
    "Thông tin của một kỳ bản tin hằng tuần; thư mục NĂM/wTUẦN là năm và tuần ISO của kỳ.",
    fields=(
        Field("title", TEXT, "Tiêu đề kỳ bản tin như khi phát hành.",
              "Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (từ ngày 28/10 đến hết ngày 03/11/2024)",
              required=True),
        Field("period", MAPPING, "Thời gian của kỳ: từ ngày, đến ngày.", required=True, fields=(
            Field("from", DATE, "Ngày đầu kỳ (YYYY-MM-DD), trong tuần của thư mục.", dt.date(2024, 10, 28),
                  required=True),
            Field("to", DATE, "Ngày cuối kỳ (YYYY-MM-DD).", dt.date(2024, 11, 3), required=True),
        )),
        Field("lead", TEXT, "Đoạn tóm tắt người đọc thấy đầu tiên.",
              "Họp thường kỳ UBND tỉnh tháng 10 năm 2024 (kỳ 3); ..."),
        Field("order", SLUG, "Thứ tự các chỉ đạo (tên tệp, không có .md); mặc định theo ngày rồi tiêu đề.",
              ["hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3"], many=True),
    ),
)

SITE = FileFormat(
    "site", "content/site.yaml",
    "Trang bản tin (site.yaml)",
    "Thông tin chung của trang bản tin.",
    fields=(
        Field("title", TEXT, "Tên trang.", "Chỉ đạo, điều hành của UBND tỉnh Lạng Sơn", required=True),
        Field("publisher", TEXT, "Cơ quan phát hành.", "Ủy ban nhân dân tỉnh Lạng Sơn", required=True),
        Field("base_url", WEB_ADDRESS, "Địa chỉ đầy đủ của trang khi đăng, dùng trong bộ đọc tin và sơ đồ trang.",
              "https://example.org/ban-tin/", required=True),
        Field("language", TEXT, "Ngôn ngữ của trang.", "vi", default="vi", nullable=False),
        Field("description", TEXT, "Giới thiệu ngắn về bản tin.",
              "Bản tin hằng tuần về các chỉ đạo, điều hành nổi bật của UBND tỉnh."),
        Field("timezone", TIMEZONE, "Múi giờ của giờ trong bộ đọc tin và lịch.", "Asia/Ho_Chi_Minh",
              default="Asia/Ho_Chi_Minh", nullable=False),
        Field("per_page", INTEGER, "Số mục mỗi trang của các danh sách dài (từ 5 trở lên).", 30,
              minimum=5, default=30, nullable=False),
    ),
)

TOPIC = Field(
    "topic", MAPPING, "Một chủ đề.", fields=(
        Field("name", TEXT, "Tên chủ đề.", "Đất đai", required=True),
        Field("description", TEXT, "Chủ đề gồm những gì.", "Quản lý và giao đất, hạn mức đất, thi hành Luật Đất đai."),
        Field("keywords", TEXT, "Từ khóa để lệnh import gợi ý chủ đề (không phân biệt hoa thường).",
              ["đất đai", "hạn mức đất"], many=True),
    ),
)

TOPICS = FileFormat(
    "topics", "content/topics.yaml",
    "Các chủ đề (topics.yaml)",
    "Danh sách chủ đề: mỗi khóa (chữ thường không dấu, gạch ngang) là địa chỉ /chu-de/<khóa>/ "
    "và là giá trị dùng trong topics: của chỉ đạo.",
    entry=TOPIC, key_pattern=SLUG_PATTERN, key_example="dat-dai",
)

FORMATS = (DIRECTIVE, BULLETIN, SITE, TOPICS)


# --- Writing YAML the way the format shows it -------------------------------------------------

def dump_value(value: Any) -> str:
    """A value as one line of YAML (flow style): `[a, b]`, `2024-10-28`, `{name: x}`."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False)
    return text.removesuffix("\n...\n").strip()


def example_entry(field: Field) -> Any:
    """The field's example value, built from its sub-fields for a mapping."""
    if field.kind == MAPPING and field.example is None:
        value = {f.name: example_entry(f) for f in field.fields}
        return [value] if field.many else value
    return field.example


_KIND_VI = {
    TEXT: "chữ", DATE: "ngày YYYY-MM-DD", BOOLEAN: "true hoặc false", INTEGER: "số nguyên",
    WEB_ADDRESS: "địa chỉ https://", SLUG: "chữ thường không dấu, gạch ngang",
    DIRECTIVE_PATH: "năm/tuần/tên-tệp", SITE_PATH: "đường dẫn trong trang", TIMEZONE: "múi giờ",
    MAPPING: "các trường con",
}


def kind_label_vi(field: Field) -> str:
    label = _KIND_VI[field.kind]
    return f"danh sách, mỗi mục: {label}" if field.many else label


# The first lines of `new`'s template: how to read the notes below them.
TEMPLATE_PREFACE = (
    "Dòng bắt đầu bằng # là ghi chú, không được dùng. Muốn dùng một trường đang tắt:",
    "bỏ dấu # ở đầu các dòng của trường đó. Ngày luôn viết NĂM-THÁNG-NGÀY, ví dụ {example_date}.",
)


def front_matter_template(values: dict[str, Any] | None = None, active: tuple[str, ...] = (),
                          examples: dict[str, Any] | None = None, preface: tuple[str, ...] = ()) -> str:
    """A directive's front matter with every field, commented in Vietnamese, for `new`.

    Fields given in `values` are written with that value (None leaves it blank, e.g.
    `date:` for the editor to fill); required fields and those named in `active` get
    their example (`examples` replaces the declared one, e.g. the site's own topics);
    the other optional fields are commented out with an example, for the editor to
    uncomment. `preface` lines open the template as comments. Returns the text from the
    opening to the closing `---` line.
    """
    values, examples = values or {}, examples or {}
    lines = ["---", *(f"# {line}" for line in preface)]
    for field in DIRECTIVE.fields:
        need = "bắt buộc" if field.required else "không bắt buộc"
        lines.append(f"# {field.description} [{need}; {kind_label_vi(field)}]")
        value = values.get(field.name, examples.get(field.name, example_entry(field)))
        if value is None:
            block = [f"{field.name}:"]
        else:
            block = yaml.safe_dump({field.name: value}, allow_unicode=True, sort_keys=False,
                                   width=10**6, default_flow_style=False).rstrip("\n").split("\n")
        if not (field.required or field.name in values or field.name in active):
            block = ["# " + line for line in block]
        lines.extend(block)
    lines.append("---")
    return "\n".join(lines) + "\n"

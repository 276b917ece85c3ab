"""Deadline phrases: short, complete and verbatim, taken from the clause that holds the date
(they become the calendar entries officials subscribe to)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator.importer.deadlines import MAX_WORDS, find_deadlines
from generator.vntext.agencies import name_spans
from conftest import seed_text

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
D = dt.date

# Checked by hand against the published text: (slug, date, what) in file order.
SEED_DEADLINES = [
    ("hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3", D(2024, 10, 30),
     "Sở Tài nguyên và Môi trường tiếp thu chỉnh sửa, hoàn thiện dự thảo trình UBND tỉnh"),
    ("hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3", D(2024, 10, 31),
     "cơ quan soạn thảo tiếp thu các ý kiến tại phiên họp, hoàn thiện dự thảo"),
    ("ubnd-tinh-hop-phien-thuong-ky-thang-10-2024-ky-4", D(2024, 11, 5),
     "cơ quan soạn thảo hoàn chỉnh dự thảo"),
    ("ke-hoach-xet-tang-danh-hieu-nghe-nhan-nhan-dan-nghe-nhan-uu", D(2025, 1, 6),
     "Thời gian nộp chậm nhất ngày 06/01/2025"),
    ("ke-hoach-xet-tang-danh-hieu-nghe-nhan-nhan-dan-nghe-nhan-uu", D(2025, 1, 13),
     "bộ phận tiếp nhận hướng dẫn cá nhân hoàn thiện hồ sơ"),
    ("ke-hoach-xet-tang-danh-hieu-nghe-nhan-nhan-dan-nghe-nhan-uu", D(2025, 1, 29),
     "đăng tải công khai trên Cổng thông tin điện tử của UBND tỉnh để lấy ý kiến của Nhân dân"),
    ("ke-hoach-xet-tang-danh-hieu-nghe-nhan-nhan-dan-nghe-nhan-uu", D(2025, 2, 13),
     "Tiếp nhận, xử lý các kiến nghị của Nhân dân"),
    ("ke-hoach-xet-tang-danh-hieu-nghe-nhan-nhan-dan-nghe-nhan-uu", D(2025, 2, 13),
     "Tổ chức lấy ý kiến của cộng đồng dân cư"),
    ("day-manh-thu-hoi-so-tien-huong-sai-che-do-uu-dai-nguoi-co", D(2025, 1, 31),
     "báo cáo kết quả thực hiện đến hết ngày 31/12/2024 về Bộ Lao động - Thương binh và Xã hội"),
    # "Tháng hành động ... từ ngày 10/11 đến ngày 10/12/2024" is the campaign's period: no deadline.
    ("don-doc-khan-truong-ho-tro-nguoi-dan-khac-phuc-hau-qua-con", D(2024, 11, 15),
     "khẩn trương đốn đốc các xã, phường, thị trấn, cơ quan chuyên môn hoàn thiện hồ sơ"),
    ("don-doc-khan-truong-ho-tro-nguoi-dan-khac-phuc-hau-qua-con", D(2024, 12, 31),
     "khẩn trương hỗ trợ các hộ dân bị sập đổ nhà ở để xây dựng lại nhà"),
    ("ke-hoach-to-chuc-cac-hoat-dong-chao-mung-ngay-di-san-van-hoa", D(2024, 11, 24),
     "đẩy mạnh tuyên truyền với nhiều hình thức, tập trung cao điểm"),
]


@pytest.fixture(scope="module")
def seed(seed_import):
    return seed_import


def squash(text: str) -> str:
    return " ".join(text.split())


def whats(text: str, year: int = 2024) -> list[tuple[dt.date, str]]:
    return [(d.date, d.what) for d in find_deadlines(text, year)]


def assert_clean_cut(what: str, paragraph: str) -> None:
    """Verbatim, and neither end falls inside a quotation, a parenthesis or a name."""
    assert squash(what) in squash(paragraph), what
    assert what.count("“") == what.count("”") and what.count("(") == what.count(")"), what
    start = paragraph.index(what)
    end = start + len(what)
    for a, b in name_spans(paragraph):
        assert not (a < start < b or a < end < b), (what, paragraph[a:b])


def test_seed_deadlines_match_the_hand_checked_list(seed):
    got = []
    for path, text in seed.files.items():
        if path.endswith(".md"):
            slug = path.rsplit("/", 1)[1][:-3]
            meta = yaml.safe_load(text.split("---\n")[1])
            got += [(slug, d["date"], d["what"]) for d in meta.get("deadlines", [])]
    order = [s for s, _ in seed.report.directives]
    assert sorted(got, key=lambda t: order.index(t[0])) == SEED_DEADLINES


def test_every_seed_deadline_is_a_verbatim_phrase_of_its_directive(seed):
    """Never a word invented: each phrase is a substring of the source (modulo whitespace),
    of the very directive it is filed under, short, and cut cleanly."""
    source = squash(seed_text())
    count = 0
    for _, d in seed.report.directives:
        for deadline in d.deadlines:
            count += 1
            assert squash(deadline.what) in source
            holder = [p.text for p in d.section.paragraphs if squash(deadline.what) in squash(p.text)]
            assert holder, deadline
            assert_clean_cut(deadline.what, holder[0])
            assert len(deadline.what.split()) <= MAX_WORDS
            assert not re.search(r"\s(?:để|và|của|về|bảo đảm|đảm bảo|hoàn thành)$", deadline.what), deadline
    assert count == len(SEED_DEADLINES)


def test_a_campaign_period_is_not_a_deadline():
    hiv = ("Uỷ ban Quốc gia phòng, chống AIDS, ma tuý, mại dâm phát động trong cả nước Tháng hành động quốc gia "
           "phòng, chống HIV/AIDS năm 2024 từ ngày 10/11 đến ngày 10/12/2024 với chủ đề “Công bằng, bình đẳng”.")
    assert whats(hiv) == []
    assert whats("Chiến dịch tiêm chủng diễn ra từ ngày 01/12/2024 đến ngày 15/12/2024.") == []
    assert whats("Tháng cao điểm an toàn thực phẩm từ ngày 15/12/2024 - 15/01/2025 trên toàn tỉnh.") == []
    # ... unless something is due in it
    assert whats("Các huyện hoàn thành tuyên truyền về Tháng hành động vì trẻ em từ ngày 01/6/2025 đến ngày 30/6/2025.") == [
        (D(2025, 6, 30), "Các huyện hoàn thành tuyên truyền về Tháng hành động vì trẻ em")]


def test_a_window_says_what_happens_in_it_and_is_dated_at_its_end():
    text = ("Các nội dung hoạt động: đẩy mạnh tuyên truyền với nhiều hình thức, tập trung cao điểm từ ngày "
            "18/11/2024 đến 24/11/2024; tổ chức chương trình gặp mặt văn nghệ sĩ.")
    assert whats(text) == [(D(2024, 11, 24), "đẩy mạnh tuyên truyền với nhiều hình thức, tập trung cao điểm")]
    text = "Tiếp nhận, xử lý các kiến nghị của Nhân dân (trong thời gian 15 ngày, từ ngày 30/01/2025-13/02/2025)."
    assert whats(text) == [(D(2025, 2, 13), "Tiếp nhận, xử lý các kiến nghị của Nhân dân")]
    text = "Các huyện tổ chức kiểm tra từ ngày 01/11 đến ngày 15/11/2024 và báo cáo kết quả về Sở Y tế."
    assert whats(text) == [(D(2024, 11, 15), "Các huyện tổ chức kiểm tra")]


def test_never_cut_inside_a_quotation():
    text = ("Danh sách cá nhân đề nghị xét tặng danh hiệu “Nghệ nhân nhân dân”, “Nghệ nhân ưu tú” trong lĩnh vực "
            "di sản văn hóa phi vật thể được đăng tải công khai trên Cổng thông tin điện tử của UBND tỉnh để lấy "
            "ý kiến của Nhân dân (trong thời gian 15 ngày, từ ngày 15/01/2025 - 29/01/2025).")
    # the subject is 28 words long: the passive's predicate says what happens in the window
    assert whats(text) == [(D(2025, 1, 29), "đăng tải công khai trên Cổng thông tin điện tử của UBND tỉnh để lấy ý kiến của Nhân dân")]
    text = "Sở Văn hóa, Thể thao và Du lịch trình danh sách “Nghệ nhân nhân dân”, “Nghệ nhân ưu tú” chậm nhất ngày 20/12/2024."
    assert whats(text) == [(D(2024, 12, 20), "Sở Văn hóa, Thể thao và Du lịch trình danh sách “Nghệ nhân nhân dân”, “Nghệ nhân ưu tú”")]


def test_never_cut_inside_an_agency_or_ministry_name():
    text = ("Bộ Lao động - Thương binh và Xã hội đề nghị Chủ tịch UBND các tỉnh, thành phố trực thuộc Trung ương xây "
            "dựng kế hoạch và có phương án cụ thể thu hồi dứt điểm số tiền đối với từng đối tượng hưởng sai chế độ "
            "để nộp trả ngân sách nhà nước theo quy định của pháp luật, báo cáo kết quả thực hiện đến hết ngày "
            "31/12/2024 về Bộ Lao động - Thương binh và Xã hội (qua Thanh tra) trước ngày 31/01/2025.")
    # "đến hết ngày 31/12/2024" is the period the report covers, not a deadline of its own
    assert whats(text) == [(D(2025, 1, 31), "báo cáo kết quả thực hiện đến hết ngày 31/12/2024 về Bộ Lao động - Thương binh và Xã hội")]
    assert whats("Giao Sở Văn hóa, Thể thao và Du lịch hoàn thành trước ngày 15/12/2024.") == [
        (D(2024, 12, 15), "Giao Sở Văn hóa, Thể thao và Du lịch hoàn thành")]
    assert whats("Số liệu tính đến hết ngày 30/11/2024.") == []


def test_the_one_who_asks_and_a_leading_adverbial_are_dropped():
    text = ("Đồng chí Chủ tịch UBND tỉnh yêu cầu cơ quan soạn thảo hoàn chỉnh dự thảo trước ngày 5/11/2024 để lãnh "
            "đạo UBND tỉnh xem xét.")
    assert whats(text) == [(D(2024, 11, 5), "cơ quan soạn thảo hoàn chỉnh dự thảo")]
    text = ("Trên cơ sở các ý kiến thảo luận, kết luận tại phiên họp, Sở Tài nguyên và Môi trường tiếp thu chỉnh sửa, "
            "hoàn thiện dự thảo trình UBND tỉnh chậm nhất ngày 30/10/2024.")
    assert whats(text) == [(D(2024, 10, 30), "Sở Tài nguyên và Môi trường tiếp thu chỉnh sửa, hoàn thiện dự thảo trình UBND tỉnh")]
    text = ("Trường hợp hồ sơ cần chỉnh sửa, bổ sung, bộ phận tiếp nhận hướng dẫn cá nhân hoàn thiện hồ sơ "
            "(từ ngày 06/01/2025 - 13/01/2025).")
    assert whats(text) == [(D(2025, 1, 13), "bộ phận tiếp nhận hướng dẫn cá nhân hoàn thiện hồ sơ")]
    assert whats("Theo đó, UBND các huyện, thành phố rà soát nhu cầu, báo cáo UBND tỉnh trước ngày 20/11.") == [
        (D(2024, 11, 20), "UBND các huyện, thành phố rà soát nhu cầu, báo cáo UBND tỉnh")]


def test_a_long_clause_keeps_its_head_up_to_a_comma_not_a_list_item():
    text = ("UBND các huyện, thành phố nghiêm túc rút kinh nghiệm; khẩn trương đốn đốc các xã, phường, thị trấn, cơ "
            "quan chuyên môn hoàn thiện hồ sơ, thực hiện giải ngân hết các nguồn kinh phí đã được phân bổ (nguồn Quỹ "
            "cứu trợ tỉnh đợt 1, các nguồn vốn hợp pháp khác), hoàn thành trước ngày 15/11/2024; khẩn trương hỗ trợ "
            "các hộ dân bị sập đổ nhà ở để xây dựng lại nhà bảo đảm hoàn thành trước ngày 31/12/2024; chỉ đạo kiểm tra.")
    assert whats(text) == [
        (D(2024, 11, 15), "khẩn trương đốn đốc các xã, phường, thị trấn, cơ quan chuyên môn hoàn thiện hồ sơ"),
        (D(2024, 12, 31), "khẩn trương hỗ trợ các hộ dân bị sập đổ nhà ở để xây dựng lại nhà"),
    ]


def test_a_bare_label_runs_on_through_its_date():
    text = "Thời gian nộp chậm nhất ngày 06/01/2025 (hồ sơ nộp sau thời hạn trên xem như không hợp lệ)."
    assert whats(text) == [(D(2025, 1, 6), "Thời gian nộp chậm nhất ngày 06/01/2025")]
    assert whats("Hạn chót ngày 31/10.") == [(D(2024, 10, 31), "Hạn chót ngày 31/10")]
    assert whats("Giao Sở Tài chính hoàn thành trước ngày 30/11/2024.") == [(D(2024, 11, 30), "Giao Sở Tài chính hoàn thành")]


@pytest.mark.parametrize("text", [
    "Sở Y tế chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ, Sở Tư pháp, Công an tỉnh, BHXH tỉnh và UBND các huyện, "
    "thành phố rà soát toàn bộ hồ sơ, báo cáo UBND tỉnh trước ngày 10/12/2024.",
    "Đề nghị Ủy ban MTTQ Việt Nam tỉnh chỉ đạo Ủy ban Mặt trận Tổ quốc các huyện, thành phố giám sát việc hỗ trợ "
    "bảo đảm đúng đối tượng, công khai, minh bạch, hoàn thành trước ngày 30/11/2024.",
    "Cá nhân gửi hồ sơ đề nghị xét tặng danh hiệu “Nghệ nhân nhân dân”, “Nghệ nhân ưu tú” trong lĩnh vực di sản "
    "văn hóa phi vật thể về Sở Văn hóa, Thể thao và Du lịch tỉnh Lạng Sơn chậm nhất ngày 06/01/2025.",
    "Các sở, ban, ngành tập trung triển khai các nhiệm vụ được giao tại Kế hoạch số 15/KH-UBND ngày 18/1/2024 của "
    "UBND tỉnh về thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024 trên địa bàn tỉnh, "
    "phấn đấu hoàn thành trước ngày 31/12/2024.",
])
def test_phrases_are_verbatim_short_and_cleanly_cut(text):
    found = find_deadlines(text, 2024)
    assert len(found) == 1
    what = found[0].what
    assert_clean_cut(what, text)
    assert 4 <= len(what.split()) <= MAX_WORDS
    assert not re.search(r"\s(?:để|và|của|về|bảo đảm|đảm bảo|phấn đấu|hoàn thành)$", what), what

from generator.vntext.agencies import agencies_in
from generator.vntext.officials import find_officials, merge_officials
from generator.vntext.text import fold


def test_official_with_uy_spellings_is_one_person():
    text = ("Ngày 29/10/2024, đồng chí Hồ Tiến Thiệu, Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh chủ trì phiên họp. "
            "Đồng chí Hồ Tiến Thiệu, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì.")
    merged = merge_officials(find_officials(text))
    assert [(o.name, o.role) for o in merged] == [("Hồ Tiến Thiệu", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")]


def test_roles_end_at_verb_or_reference_and_keep_parentheses():
    text = ("Đồng chí Lương Trọng Quỳnh, Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban Chỉ đạo (BCĐ) các Chương trình "
            "mục tiêu quốc gia (MTQG) tỉnh chỉ đạo (Công văn số 175/BCĐ-NTM, ngày 31/10/2024) khẩn trương")
    (o,) = find_officials(text)
    assert o.roles == ("Phó Chủ tịch UBND tỉnh",
                       "Phó Trưởng Ban Chỉ đạo (BCĐ) các Chương trình mục tiêu quốc gia (MTQG) tỉnh")
    (o,) = find_officials("Đồng chí Đoàn Thanh Sơn, Phó Chủ tịch UBND tỉnh (Công văn số 6006/VP-KT) thực hiện")
    assert o.roles == ("Phó Chủ tịch UBND tỉnh",)


def test_role_first_and_attendees():
    (o,) = find_officials("Phó Chủ tịch UBND tỉnh Lương Trọng Quỳnh chỉ đạo. Chủ tịch UBND tỉnh Lạng Sơn yêu cầu")
    assert (o.name, o.role) == ("Lương Trọng Quỳnh", "Phó Chủ tịch UBND tỉnh")
    (o,) = find_officials("Dự phiên họp có đồng chí Đoàn Thị Hậu, Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch HĐND tỉnh; lãnh đạo")
    assert o.attending and o.role == "Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch HĐND tỉnh"


def test_nameless_comrade_is_not_an_official():
    assert find_officials("đồng chí Chủ tịch UBND tỉnh yêu cầu, Đồng chí Giám đốc Công an tỉnh, Tổ phó") == []


def test_agencies_canonical_and_lists():
    text = ("Giám đốc các Sở: Y tế, Tư pháp theo lĩnh vực; Công an tỉnh chủ trì, Sở Văn hoá, Thể thao và Du lịch; "
            "Bảo hiểm xã hội tỉnh và BHXH tỉnh; Ủy ban nhân dân các huyện, thành phố, UBND các huyện, thành phố; "
            "Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh, Ủy ban MTTQ Việt Nam; Ủy ban Mặt trận Tổ quốc Việt Nam các cấp; "
            "các Sở: Tài nguyên và Môi trường, Kế hoạch và Đầu tư, Nông nghiệp và Phát triển nông thôn, Tài chính rà soát; "
            "Bộ Y tế")
    assert agencies_in(text) == [
        "Sở Y tế", "Sở Tư pháp", "Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch", "BHXH tỉnh",
        "UBND các huyện, thành phố", "Ủy ban MTTQ Việt Nam tỉnh", "Sở Tài nguyên và Môi trường",
        "Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính",
    ]


def test_fold_is_a_comparison_key():
    assert fold("Quy định hạn mức đất giao cho tổ chức tôn giáo.") == fold("quy  định hạn mức đất giao cho tổ chức tôn giáo")
    assert fold("Tỉnh uỷ") == fold("Tỉnh ủy")

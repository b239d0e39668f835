"""Issue 16, round 23: a list whose bullets the source lost, counted and listed; items numbered afresh after an
announcement; the body whose heading a task stands under; the days from a document to the decision approving it,
and from a cited document to a deadline when a scan lost the plan's own number; a venue or a person asked that the
passage does not give; "bao nhiêu người" answered by "học viên"; a short question after others kept on the
conversation's document. Literal strings worded like the development documents, and small documents the tests
write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.answerer import Answerer
from assistant.answering.place_gate import names_none
from assistant.qa.rates import average_of, unit_product
from assistant.qa.spans import dated_neighbour
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex


def _answerer(tmp_path: Path, *docs: tuple[str, str]) -> tuple[Answerer, list[str]]:
    parsed = []
    for name, text in docs:
        (tmp_path / name).write_text(text, encoding="utf-8")
        parsed.append(parse_path(tmp_path / name).document)
    return Answerer(FakeIndex([u for d in parsed for u in d.units], parsed)), [d.doc for d in parsed]


DECREE = """<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>
<p><b>Điều 4. Đối tượng áp dụng</b></p>
<p>1. Trẻ em nhà trẻ bán trú:</p>
<p>a) Trẻ em nhà trẻ thường trú tại xã, thôn đặc biệt khó khăn đang học tại cơ sở giáo dục mầm non công lập;</p>
<p>b) Trẻ em nhà trẻ người dân tộc thiểu số thường trú tại xã khu vực II, khu vực I vùng đồng bào dân tộc thiểu số
và miền núi đang học tại cơ sở giáo dục mầm non công lập thuộc một trong các trường hợp sau:</p>
<p>Trẻ em thuộc hộ nghèo theo chuẩn nghèo đa chiều theo quy định của Chính phủ;</p>
<p>Trẻ em không có nguồn nuôi dưỡng được quy định tại khoản 1 Điều 5 Nghị định số 20/2021/NĐ-CP;</p>
<p>Trẻ em là con liệt sĩ, con thương binh, con người hưởng chính sách như thương binh;</p>
<p>Trẻ em khuyết tật học hòa nhập.</p>
<p>2. Học sinh bán trú là học sinh tiểu học và trung học cơ sở ở xa trường.</p>
</body></html>
"""


def test_a_list_without_bullets_counted_and_listed(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("nghi-dinh-chinh-sach.html", DECREE))
    r = answerer.ask("Trẻ nhà trẻ người dân tộc thiểu số thường trú ở xã khu vực II, khu vực I muốn hưởng chính sách "
                     "nhà trẻ bán trú thì phải thuộc một trong mấy trường hợp? Kể ra.", filters={"doc": doc})
    assert not r.abstained
    for item in ("hộ nghèo", "không có nguồn nuôi dưỡng", "con liệt sĩ", "khuyết tật học hòa nhập"):
        assert item in r.answer, (item, r.answer)
    assert "đếm được: 4 mục" in r.answer, r.answer
    assert "Học sinh bán trú là học sinh tiểu học" not in r.answer  # the next point is no item of the list


TENDER = """# YÊU CẦU KỸ THUẬT

## 4. Giải pháp và phương pháp luận

Nhà thầu chuẩn bị đề xuất giải pháp, phương pháp luận tổng quát thực hiện dịch vụ theo các nội dung quy định tại \
Chương này, gồm các phần như sau:

1. Giải pháp và phương pháp luận;

2. Kế hoạch công tác.

## 5. Quy định về kiểm tra, nghiệm thu sản phẩm

- Lập hồ sơ kiểm tra, nghiệm thu.
"""


def test_items_numbered_afresh_after_an_announcement(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("hsmt-yeu-cau-ky-thuat.md", TENDER))
    r = answerer.ask("Đề xuất giải pháp, phương pháp luận của nhà thầu gồm các phần gì?", filters={"doc": doc})
    assert "gồm các phần như sau:" in r.answer and "2. Kế hoạch công tác." in r.answer, r.answer
    assert "Lập hồ sơ kiểm tra" not in r.answer


JOINT_PLAN = """# KẾ HOẠCH LIÊN TỊCH

Số: 90/KHLT-SGDĐT-TCGD

Thành phố Hồ Chí Minh, ngày 03 tháng 10 năm 2025

## III. TỔ CHỨC THỰC HIỆN

### 3.1. Sở Giáo dục và Đào tạo

Chịu trách nhiệm chỉ đạo các trường THPT, trung tâm GDTX phối hợp thực hiện kế hoạch liên tịch.

### 3.2. Tạp chí Giáo dục TP.HCM

Là cơ quan thường trực, đầu mối triển khai thực hiện kế hoạch; đăng tải thông tin cho người học.

Chủ trì thực hiện báo cáo, tổ chức sơ kết, tổng kết và đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất sắc.

## IV. LỊCH THỰC HIỆN

Tháng 7/2026: Tổ chức Hội nghị tổng kết.

Tháng 3/2026: Tổ chức Ngày hội tư vấn tại Hội trường Nhà Văn hóa Thanh niên.

## V. BAN TỔ CHỨC

Ông Nguyễn Thanh Tú, Tổng Biên tập Tạp chí Giáo dục TP.HCM, Trưởng ban.

Trung tâm Quản lý chất lượng là đầu mối theo dõi, tổng hợp kết quả thực hiện.

Tập huấn giáo viên, CBQL: Đơn giá 1.500.000 đồng/học viên (Quy mô lớp học 70 học viên/lớp).
"""


def test_the_body_a_task_stands_under_answers_which_body(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("ke-hoach-lien-tich.md", JOINT_PLAN))
    r = answerer.ask("Đơn vị nào chịu trách nhiệm đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất sắc?",
                     filters={"doc": doc})
    assert r.answer.startswith("Tạp chí Giáo dục TP.HCM: Chủ trì thực hiện báo cáo"), r.answer


def test_a_venue_or_a_person_the_passage_does_not_give(tmp_path: Path) -> None:
    venue = fold("Hội nghị tổng kết vào tháng 7/2026 sẽ tổ chức tại địa điểm nào?")
    assert names_none(venue, "Tháng 7/2026: Tổ chức Hội nghị tổng kết. [1]")
    assert not names_none(venue, "Tháng 7/2026: Tổ chức Hội nghị tổng kết tại Hội trường Sở. [1]")
    person = fold("giam doc Trung tam Quan ly chat luong, don vi dau moi khao sat hai long 2026, ten la gi?")
    assert names_none(person, "Trung tâm Quản lý chất lượng là đầu mối theo dõi, đôn đốc, tổng hợp kết quả. [1]")
    assert not names_none(person, "ThS. Vũ Đình Lê, Phó Giám đốc Trung tâm Tư vấn Tuyển sinh [1]")
    assert not names_none(fold("Đơn vị nào chịu trách nhiệm tổ chức?"), "Trung tâm Quản lý chất lượng. [1]")
    answerer, (doc,) = _answerer(tmp_path, ("ke-hoach-lien-tich.md", JOINT_PLAN))
    r = answerer.ask("Hội nghị tổng kết tháng 7/2026 sẽ tổ chức tại địa điểm nào?", filters={"doc": doc})
    assert r.abstained, r.answer
    r = answerer.ask("Ngày hội tư vấn tháng 3/2026 tổ chức ở đâu?", filters={"doc": doc})
    assert not r.abstained and "Hội trường Nhà Văn hóa Thanh niên" in r.answer, r.answer
    r = answerer.ask("Giám đốc Trung tâm Quản lý chất lượng, đơn vị đầu mối theo dõi, tên là gì?", filters={"doc": doc})
    assert r.abstained, r.answer
    r = answerer.ask("Trưởng ban Ban tổ chức là ai?", filters={"doc": doc})
    assert not r.abstained and "Nguyễn Thanh Tú" in r.answer, r.answer


def test_how_many_people_answered_by_another_word_for_them(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("ke-hoach-lien-tich.md", JOINT_PLAN))
    r = answerer.ask("Tập huấn giáo viên, CBQL: mỗi lớp bao nhiêu người?", filters={"doc": doc})
    assert not r.abstained and "70 học viên/lớp" in r.answer, r.answer


PLAN_2024 = """# KẾ HOẠCH

Số: 120/KH-SGDĐT

Đồng Tháp, ngày 15 tháng 3 năm 2024

## Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023

Thực hiện Kế hoạch số 70/KH-SGDĐT ngày 29 tháng 05 năm 2023 của Sở Giáo dục và Đào tạo về Triển khai Đề án chuyển \
đổi số năm 2023 được Ủy ban nhân dân tỉnh phê duyệt tại Quyết định số 622/QĐ-UBND-HC ngày 07 tháng 6 năm 2023, \
Sở đã triển khai thực hiện và đạt được các kết quả:

## Phụ lục

| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp |
|---|---|---|---|
| 1 | Xây dựng nền tảng dạy - học trực tuyến | Phòng GDTrH&TX | Phòng KHTC, Văn phòng Sở |
"""


def test_days_from_a_plan_to_the_decision_approving_it(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("kh-chuyen-doi-so.md", PLAN_2024))
    r = answerer.ask("Kế hoạch 70/KH-SGDĐT được UBND tỉnh phê duyệt sau bao nhiêu ngày kể từ ngày Sở ban hành?",
                     filters={"doc": doc})
    assert "cách nhau 9 ngày, từ 29/05/2023 đến 07/06/2023" in r.answer, r.answer
    line = "Quyết định số 622/QĐ-UBND-HC ngày 07 tháng 6 năm 2023 sửa đổi Quyết định số 500/QĐ-UBND ngày 02/5/2023"
    assert dated_neighbour(f"Kế hoạch số 70/KH-SGDĐT ngày 29/05/2023; {line}", "70") is None  # another sentence
    assert dated_neighbour(f"Kế hoạch số 70/KH-SGDĐT ngày 29/05/2023 theo {line}", "70") is None  # two others
    assert dated_neighbour(f"Kế hoạch số 70/KH-SGDĐT ngày 29/05/2023 theo {line[:55]}", "70") == date(2023, 6, 7)


SCAN_LETTER = """# CÔNG VĂN

Số: 54/UBND-KSTTHC

V/v xây dựng kế hoạch rà soát quy định, thủ tục hành chính

## Căn cứ

Văn bản số 348/KSTT-VP ngày 28/11/2011 của Cục Kiểm soát thủ tục hành chính về việc hướng dẫn nghiệp vụ.

Văn bản số 4532/UBND-KSTTHC, ngày 07/12/2011 của UBND tỉnh về việc xây dựng kế hoạch rà soát.

## Thời hạn

Giao các sở, ban, ngành xây dựng Kế hoạch rà soát quy định, thủ tục hành chính được giao quản lý; tính toán chi phí \
tuân thủ thủ tục hành chính.

Kế hoạch rà soát của các cơ quan, đơn vị gửi về UBND tỉnh (qua Văn phòng UBND tỉnh) trước ngày 05/01/2012 để tổng hợp.
"""


def test_days_to_a_deadline_from_a_cited_document_when_the_scan_lost_the_own_number(tmp_path: Path) -> None:
    # the header's "Số: 54/…" is what a scan's text kept of 4532, which the file name still carries
    answerer, (doc,) = _answerer(tmp_path, ("cv-4532-ra-soat-thu-tuc.md", SCAN_LETTER))
    r = answerer.ask("Tính từ ngày Cục Kiểm soát thủ tục hành chính ban hành văn bản 348/KSTT-VP đến hạn các sở gửi "
                     "kế hoạch rà soát theo công văn 4532 thì được bao nhiêu ngày?", filters={"doc": doc})
    assert "cách nhau 38 ngày, từ 28/11/2011 đến 05/01/2012" in r.answer, r.answer
    r = answerer.ask("Tính từ ngày UBND tỉnh ban hành công văn 4532 đến hạn gửi kế hoạch rà soát thì các sở có bao "
                     "nhiêu ngày?", filters={"doc": doc})
    assert "cách nhau 29 ngày, từ 07/12/2011 đến 05/01/2012" in r.answer, r.answer


def test_a_short_question_after_others_stays_on_the_conversations_document(tmp_path: Path) -> None:
    answerer, (plan, _) = _answerer(tmp_path, ("kh-chuyen-doi-so.md", PLAN_2024),
                                    ("ke-hoach-lien-tich.md", JOINT_PLAN + "\nĐơn vị phối hợp: Liên đoàn Vovinam.\n"))
    history = [("user", "Ai chủ trì nhiệm vụ xây dựng nền tảng dạy - học trực tuyến?"),
               ("assistant", "Đơn vị chủ trì là Phòng GDTrH&TX [1].")]
    r = answerer.ask("Những đơn vị nào phối hợp?", history=history)
    assert r.citations and r.citations[0].doc == plan, r.answer
    assert "Phòng KHTC, Văn phòng Sở" in r.answer and "Vovinam" not in r.answer


LETTER = """# CÔNG VĂN

Số: 79/TTTT-CTGD

Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025

V/v lịch bồi dưỡng các lớp STEM tháng 12/2025

Căn cứ Công văn số 1557/SGDĐT-GDPT ngày 19 tháng 8 năm 2025 về hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông;

Căn cứ Thông tư số 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 của Bộ Tài chính về kinh phí đào tạo, bồi dưỡng;

Căn cứ Công văn số 1910/SGDĐT-GDTH ngày 24 tháng 4 năm 2023 về hướng dẫn tổ chức hoạt động giáo dục STEM;

## Học phí và hình thức thanh toán

Học phí: 500.000 đồng/học viên. Các trường chuyển khoản đủ số tiền học phí theo số lượng đăng ký.
"""


def test_the_earliest_and_the_latest_document_cited(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("cong-van-lich-stem.md", LETTER))
    r = answerer.ask("Trong các văn bản làm căn cứ của công văn lịch bồi dưỡng STEM, văn bản nào ban hành sớm nhất?",
                     filters={"doc": doc})
    assert r.answer.startswith("Trong các văn bản được nêu, văn bản ban hành sớm nhất"), r.answer
    assert "Thông tư số 36/2018/TT-BTC" in r.answer.split("\n")[0]
    r = answerer.ask("Trong các văn bản làm căn cứ, văn bản nào được ban hành gần nhất với thời điểm ra công văn?",
                     filters={"doc": doc})
    assert "Công văn số 1557/SGDĐT-GDPT" in r.answer.split("\n")[0], r.answer


def test_the_askers_money_is_no_word_the_document_must_hold(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("cong-van-lich-stem.md", LETTER))
    r = answerer.ask("Trường tôi đã chuyển 4.000.000 đồng học phí lớp STEM. Số tiền đó đủ cho bao nhiêu học viên?",
                     filters={"doc": doc})
    assert not r.abstained and "4.000.000 đồng : 500.000 đồng = 8" in r.answer, r.answer


def test_a_count_times_what_each_takes_in_the_unit_asked() -> None:
    line = ("Kế hoạch giáo dục của nhà trường được xây dựng đảm bảo tổ chức dạy học 2 buổi/ngày, mỗi ngày bố trí không "
            "quá 7 tiết học, mỗi tiết 35 phút; tối thiểu là 9 buổi/tuần với 32 tiết/tuần.")
    day = fold("Lớp học 2 buổi/ngày được xếp tối đa bao nhiêu tiết mỗi ngày; tính ra một ngày học tối đa bao nhiêu phút?")
    assert unit_product(line, day) == "(tính từ các số nêu trên: 7 × 35 phút = 245 phút)"
    week = fold("Lớp học tối thiểu 32 tiết/tuần, mỗi tiết 35 phút. Vậy mỗi tuần học sinh học tối thiểu bao nhiêu phút?")
    assert unit_product(line, week) == "(tính từ các số nêu trên: 32 × 35 phút = 1.120 phút)"
    assert unit_product(line, fold("Mỗi tiết học bao nhiêu phút?")) is None  # the rate itself is asked
    assert unit_product(line, fold("Học bao nhiêu phút?")) is None  # 7 or 32 tiết: the question names no period
    rice = "Mỗi học sinh được hỗ trợ mỗi tháng 15 kg gạo và được hưởng không quá 9 tháng/năm học."
    assert unit_product(rice, fold("Vậy cả năm học một em được tối đa bao nhiêu kg gạo?")) == \
        "(tính từ các số nêu trên: 9 × 15 kg = 135 kg)"


def test_an_even_share_of_a_total_among_a_count() -> None:
    q = fold("Nếu chia đều số học sinh dự kiến tham dự cho số đơn vị tổ chức thì bình quân mỗi đơn vị có khoảng bao "
             "nhiêu học sinh?")
    lines = ["Số lượng học sinh tham dự: dự kiến khoảng 150.000 học sinh.",
             "Số lượng đơn vị tổ chức: 220 đơn vị (theo danh sách đính kèm)."]
    assert average_of(lines, q) == "(chia đều: 150.000 học sinh : 220 = 681,8 học sinh mỗi phần)"
    row = ("TT: 3; Hạng mục đầu tư: Thiết bị phòng chức năng phục vụ dạy học STEM/STEAM; Mô tả: Đầu tư mua sắm thiết "
           "bị cho 36 cơ sở giáo dục; Khái toán kinh phí (triệu đồng): 18.000; Nguồn vốn: Đầu tư phát triển")
    q = fold("Nếu chia đều kinh phí thiết bị phòng STEM cho các cơ sở được đầu tư thì bình quân mỗi cơ sở được bao nhiêu?")
    assert average_of([row], q) == "(chia đều: 18.000 triệu đồng : 36 = 500 triệu đồng mỗi phần)"
    assert average_of([row, row.replace("18.000", "9.000")], q) is None  # two totals: which is shared is unsaid
    assert average_of(lines, fold("Mỗi đơn vị có bao nhiêu học sinh?")) is None  # no share asked


def test_two_cited_documents_singled_out_by_kind_dated_apart(tmp_path: Path) -> None:
    answerer, (doc,) = _answerer(tmp_path, ("cong-van-lich-stem.md", LETTER))
    r = answerer.ask("Công văn lịch bồi dưỡng STEM căn cứ hai công văn; hai công văn đó ban hành cách nhau khoảng bao lâu?",
                     filters={"doc": doc})
    assert "cách nhau 848 ngày, khoảng 2 năm 3 tháng, từ 24/04/2023 đến 19/08/2025" in r.answer, r.answer

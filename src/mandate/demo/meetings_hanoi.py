"""Seed 000 as a meeting: the 2nd conference of the Executive Committee of the Hanoi Party Committee, 18th term
(daibieunhandan.vn).

From the seed: Nguyễn Duy Ngọc chairing; the drafts before the conference — the working regulation of the 18th
Executive Committee (prepared under the Central Committee's rules and the Capital Law 2024; the delegates asked to
look at decentralization, powers and the division of responsibilities in the Standing Committee and the Standing
Board, periodic review and evaluation, and the fight against corruption, waste and negativity), the full-term action
program and the 2026 program (each content with its six clears), the 2026 inspection and supervision program (from
inspection and handling to regular and early supervision), and the decentralization of infrastructure, socio-economic
fields, revenues, spending and powers to communes and wards; the Office of the City Party Committee preparing them.

The demo's: the drafts' wording, the groups, who said which opinion, the names of the members who are not users
(marked in their position), attendance, and each response. The program (hn-ctr) is issued by the seed documents,
so the conference is not concluded here.
"""
from mandate.demo import seeds
from mandate.demo.meetings import (
    DelegateFact, GroupFact, ItemFact, MeetingFact, OpinionFact, ResponseFact, RevisionFact, guest,
)
from mandate.meetings.models import Attendance, DelegateRole, Disposition, OpinionKind

ACCEPTED, EXPLAINED, NOT_ACCEPTED = Disposition.ACCEPTED, Disposition.EXPLAINED, Disposition.NOT_ACCEPTED
AMEND, ADD, QUESTION = OpinionKind.AMEND, OpinionKind.ADD, OpinionKind.QUESTION

OFFICE = "Chánh Văn phòng Thành ủy Hà Nội"
INSPECTION = "Chủ nhiệm Ủy ban Kiểm tra Thành ủy Hà Nội"
CITY_PARTY_UBND = "Bí thư Đảng ủy Ủy ban nhân dân thành phố Hà Nội"

REGULATION = """QUY CHẾ LÀM VIỆC
của Ban Chấp hành Đảng bộ thành phố Hà Nội khóa XVIII, nhiệm kỳ 2025–2030
(Dự thảo trình Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố)

Chương I. NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
1. Quy chế này quy định trách nhiệm, quyền hạn, chế độ làm việc và mối quan hệ công tác của Ban Chấp hành, Ban Thường vụ, Thường trực Thành ủy, Bí thư, các Phó Bí thư và Ủy viên Ban Chấp hành Đảng bộ thành phố khóa XVIII.
2. Các cơ quan tham mưu, giúp việc của Thành ủy, các đảng ủy trực thuộc và cán bộ, đảng viên có liên quan thực hiện Quy chế này.
Điều 2. Nguyên tắc làm việc
1. Bảo đảm sự lãnh đạo toàn diện của Đảng; thực hiện nghiêm nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách.
2. Tuân thủ Điều lệ Đảng, các quy định của Trung ương, pháp luật của Nhà nước và Luật Thủ đô năm 2024.
3. Mỗi việc chỉ giao một cơ quan, một người chủ trì và chịu trách nhiệm chính; bảo đảm rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền.

Chương II. TRÁCH NHIỆM, QUYỀN HẠN
Điều 3. Ban Chấp hành Đảng bộ thành phố
1. Lãnh đạo thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố lần thứ XVIII và các nghị quyết, chỉ thị, kết luận của Trung ương.
2. Quyết định chương trình làm việc toàn khóa, hằng năm; cho ý kiến các vấn đề quan trọng về kinh tế – xã hội, quốc phòng, an ninh, xây dựng Đảng và hệ thống chính trị của Thủ đô.
Điều 4. Ban Thường vụ Thành ủy
1. Lãnh đạo, chỉ đạo thực hiện nghị quyết của Ban Chấp hành giữa hai kỳ hội nghị.
2. Quyết định những vấn đề về tổ chức, cán bộ theo phân cấp quản lý cán bộ.
Điều 5. Thường trực Thành ủy
1. Chủ trì chuẩn bị nội dung các hội nghị Ban Chấp hành, Ban Thường vụ.
2. Phân công các đồng chí Thường trực Thành ủy phụ trách lĩnh vực, địa bàn:
a) Bí thư Thành ủy phụ trách chung, trực tiếp phụ trách công tác tổ chức, cán bộ, quốc phòng, an ninh;
b) Phó Bí thư Thường trực Thành ủy giúp Bí thư điều hành công việc hằng ngày của Thành ủy;
c) Các Phó Bí thư phụ trách các lĩnh vực theo phân công của Bí thư.
Điều 6. Ủy viên Ban Chấp hành Đảng bộ thành phố
1. Chấp hành nghiêm các nghị quyết của Ban Chấp hành; tham gia đầy đủ các hội nghị.
2. Chịu trách nhiệm trước Ban Chấp hành về lĩnh vực, địa bàn được phân công.

Chương III. CHẾ ĐỘ LÀM VIỆC
Điều 7. Chương trình công tác
Ban Chấp hành, Ban Thường vụ làm việc theo chương trình toàn khóa, hằng năm, hằng quý; mỗi nội dung giao rõ cơ quan chủ trì, thời hạn và sản phẩm.
Điều 8. Hội nghị Ban Chấp hành
1. Ban Chấp hành họp thường lệ ba tháng một lần; họp bất thường khi cần.
2. Tài liệu hội nghị gửi đến Ủy viên Ban Chấp hành chậm nhất năm ngày làm việc trước ngày khai mạc.
Điều 9. Phân cấp, ủy quyền
1. Ban Thường vụ phân cấp cho Thường trực Thành ủy giải quyết những việc thường xuyên giữa hai kỳ họp Ban Thường vụ.
2. Thường trực Thành ủy báo cáo Ban Thường vụ tại phiên họp gần nhất những việc đã giải quyết theo phân cấp.
Điều 10. Kiểm điểm, đánh giá định kỳ
1. Ban Chấp hành, Ban Thường vụ kiểm điểm việc thực hiện Quy chế định kỳ 6 tháng và hằng năm.
2. Kết quả thực hiện nhiệm vụ được theo dõi, tổng hợp trên hệ thống theo dõi nhiệm vụ theo nguyên tắc sáu rõ, làm căn cứ đánh giá tập thể và cá nhân.
Điều 11. Phòng, chống tham nhũng, lãng phí, tiêu cực
Ủy viên Ban Chấp hành gương mẫu thực hiện các quy định về phòng, chống tham nhũng, lãng phí, tiêu cực; chịu trách nhiệm người đứng đầu khi để xảy ra vi phạm trong lĩnh vực, địa bàn được phân công.

Chương IV. ĐIỀU KHOẢN THI HÀNH
Điều 12. Hiệu lực thi hành
Quy chế này có hiệu lực kể từ ngày ký; Văn phòng Thành ủy theo dõi, kiểm tra việc thực hiện, báo cáo Ban Thường vụ.
"""

PROGRAM = """CHƯƠNG TRÌNH LÀM VIỆC
toàn khóa và năm 2026 của Ban Chấp hành Đảng bộ thành phố Hà Nội khóa XVIII
(Dự thảo trình Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố)

I. MỤC ĐÍCH, YÊU CẦU
1. Cụ thể hóa Nghị quyết Đại hội đại biểu Đảng bộ thành phố lần thứ XVIII và các nghị quyết chiến lược của Bộ Chính trị thành các nhiệm vụ có lộ trình.
2. Mỗi nội dung giao rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền; làm căn cứ kiểm điểm, đánh giá định kỳ.

II. CHƯƠNG TRÌNH LÀM VIỆC TOÀN KHÓA
1. Xây dựng Đảng và hệ thống chính trị: nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức đảng; hoàn thiện tổ chức bộ máy chính quyền địa phương hai cấp.
2. Phát triển kinh tế – xã hội: thực hiện các đột phá chiến lược về thể chế, hạ tầng, nhân lực; phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.
3. Văn hóa, xã hội: xây dựng người Hà Nội thanh lịch, văn minh; bảo tồn, phát huy giá trị di sản Thăng Long – Hà Nội.
4. Quốc phòng, an ninh: xây dựng khu vực phòng thủ thành phố vững chắc; giữ vững an ninh chính trị, trật tự an toàn xã hội.

III. CHƯƠNG TRÌNH LÀM VIỆC NĂM 2026
1. Quý I
a) Ban hành kế hoạch thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng;
b) Sơ kết việc thực hiện phân cấp cho xã, phường.
2. Quý II
a) Chuyên đề về phát triển hạ tầng giao thông đô thị;
b) Sơ kết 6 tháng thực hiện Chương trình kiểm tra, giám sát năm 2026.
3. Quý III
a) Chuyên đề về chuyển đổi số và chính quyền số;
b) Đánh giá kết quả cải cách hành chính sau một năm vận hành chính quyền địa phương hai cấp.
4. Quý IV
a) Kiểm điểm, đánh giá việc thực hiện nhiệm vụ năm 2026;
b) Quyết định chương trình làm việc năm 2027.

IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng Thành ủy chủ trì theo dõi, đôn đốc, tổng hợp kết quả thực hiện Chương trình, báo cáo Thường trực Thành ủy hằng quý.
2. Các cơ quan được giao chủ trì gửi nội dung đến Văn phòng Thành ủy trước phiên họp ít nhất mười lăm ngày.
"""

INSPECTION_PROGRAM = """CHƯƠNG TRÌNH KIỂM TRA, GIÁM SÁT NĂM 2026
của Ban Chấp hành Đảng bộ thành phố Hà Nội
(Dự thảo trình Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố)

I. MỤC ĐÍCH, YÊU CẦU
1. Chuyển trọng tâm từ kiểm tra, xử lý sang giám sát thường xuyên, giám sát từ sớm, từ xa việc thực hiện các nghị quyết, chỉ thị, kết luận.
2. Kịp thời phát hiện cách làm hay để nhân rộng; phát hiện việc làm sai, chậm, chưa kịp thời để chấn chỉnh, không để vi phạm nhỏ tích tụ thành sai phạm lớn.

II. NỘI DUNG KIỂM TRA, GIÁM SÁT
1. Kiểm tra
a) Kiểm tra 10 tổ chức đảng về việc thực hiện quy chế làm việc và nguyên tắc tập trung dân chủ;
b) Kiểm tra việc quản lý, sử dụng đất đai, tài chính, tài sản công sau sắp xếp.
2. Giám sát chuyên đề (08 cuộc)
a) Giám sát việc thực hiện phân cấp cho xã, phường;
b) Giám sát việc thực hiện các nghị quyết chiến lược của Bộ Chính trị trên địa bàn Thủ đô.
3. Giám sát thường xuyên
Theo dõi tiến độ các nhiệm vụ Thành ủy giao theo nguyên tắc sáu rõ; cảnh báo sớm các nhiệm vụ có nguy cơ chậm hạn.

III. PHÂN CÔNG THỰC HIỆN
1. Ủy ban Kiểm tra Thành ủy giúp Ban Chấp hành, Ban Thường vụ tổ chức thực hiện Chương trình.
2. Các ban đảng, Văn phòng Thành ủy phối hợp theo chức năng, nhiệm vụ.

IV. TỔ CHỨC THỰC HIỆN
Ủy ban Kiểm tra Thành ủy sơ kết 6 tháng, tổng kết năm, báo cáo Ban Thường vụ.
"""

DECENTRALIZATION = """QUY ĐỊNH
Phân cấp quản lý và thẩm quyền thực hiện nhiệm vụ cho xã, phường trên địa bàn thành phố Hà Nội
(Dự thảo trình Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố)

Chương I. QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này xác định nội dung phân cấp quản lý hạ tầng, các lĩnh vực kinh tế – xã hội, nguồn thu, nhiệm vụ chi và thẩm quyền thực hiện nhiệm vụ cho xã, phường.
Điều 2. Nguyên tắc phân cấp
1. Việc nào cấp xã làm tốt hơn thì giao cấp xã; trao thực quyền cho cơ sở đi đôi với trách nhiệm.
2. Phân cấp đồng bộ với cắt giảm thủ tục hành chính và chuyển đổi số; tăng cường kiểm tra, giám sát, hậu kiểm.

Chương II. NỘI DUNG PHÂN CẤP
Điều 3. Quản lý hạ tầng
1. Xã, phường quản lý đường giao thông nội bộ, chiếu sáng, cây xanh, thoát nước trên địa bàn, trừ các tuyến do thành phố quản lý.
2. Xã, phường quyết định đầu tư các dự án duy tu, sửa chữa hạ tầng có tổng mức đầu tư dưới 15 tỷ đồng.
Điều 4. Các lĩnh vực kinh tế – xã hội
Xã, phường quản lý trường mầm non, tiểu học, trung học cơ sở công lập, trạm y tế, thiết chế văn hóa, thể thao cơ sở.
Điều 5. Nguồn thu và nhiệm vụ chi
1. Ngân sách xã, phường được hưởng các khoản thu phí, lệ phí và một phần tiền sử dụng đất theo tỷ lệ do Hội đồng nhân dân thành phố quyết định.
2. Nhiệm vụ chi được phân cấp tương ứng với nhiệm vụ quản lý được giao.
Điều 6. Thẩm quyền thực hiện nhiệm vụ
1. Chủ tịch Ủy ban nhân dân xã, phường cấp giấy phép xây dựng nhà ở riêng lẻ trên địa bàn.
2. Ủy ban nhân dân xã, phường giải quyết các thủ tục hành chính được thành phố phân cấp, không qua cấp trung gian.

Chương III. KIỂM TRA, GIÁM SÁT
Điều 7. Kiểm tra, giám sát và hậu kiểm
1. Các sở, ngành hướng dẫn chuyên môn, nghiệp vụ và kiểm tra việc thực hiện nhiệm vụ được phân cấp.
2. Ủy ban nhân dân thành phố định kỳ đánh giá năng lực thực hiện của xã, phường.
3. Trường hợp xã, phường không bảo đảm điều kiện thực hiện, Ủy ban nhân dân thành phố xem xét điều chỉnh phân cấp.

Chương IV. TỔ CHỨC THỰC HIỆN
Điều 8. Trách nhiệm thi hành
Đảng ủy Ủy ban nhân dân thành phố lãnh đạo Ủy ban nhân dân thành phố cụ thể hóa Quy định này; Văn phòng Thành ủy theo dõi, tổng hợp.
"""

CONFERENCE_2 = MeetingFact(
    key="hn-hn2", body="01.TU.BCH", number=2,
    title="Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố Hà Nội khóa XVIII",
    starts_on=seeds.HANOI_CONFERENCE, ends_on=seeds.HANOI_CONFERENCE, place="Trụ sở Thành ủy Hà Nội",
    source="seed 000 (daibieunhandan.vn)", secretariat="vanphong.hanoi",
    delegates=(
        DelegateFact("bithu", "bithu.hanoi", unit="01.TU", role=DelegateRole.CHAIR),
        DelegateFact("vanphong", "vanphong.hanoi", unit="01.TU.VP", role=DelegateRole.SECRETARIAT),
        DelegateFact("chutich", "chutich.hanoi", unit="01.UBND", group=1),
        DelegateFact("chanhvanphong", "chanhvanphong.hanoi", unit="01.TU.VP", group=1),
        DelegateFact("mttq", "chutich.mttq.hanoi", unit="01.MTTQ", group=1),
        DelegateFact("daibieu", "daibieu.hanoi", unit="01.UBND.SNV", group=1),
        DelegateFact("thuky1", "thuky.hanoi", unit="01.TU.VP", role=DelegateRole.SECRETARIAT, group=1),
        guest("hoankiem", "Phạm Quang Huy", "Bí thư Đảng ủy phường Hoàn Kiếm", role=DelegateRole.DELEGATE, group=1),
        DelegateFact("hdnd", "chutich.hdnd.hanoi", unit="01.HDND", group=2),
        DelegateFact("phochutich", "phochutich.hanoi", unit="01.UBND", group=2),
        DelegateFact("duubnd", "bithu.duubnd.hanoi", unit="01.DU-UBND", group=2),
        DelegateFact("thuky2", "theodoi.hanoi", unit="01.TU.VP", role=DelegateRole.SECRETARIAT, group=2),
        guest("socson", "Đỗ Thị Lan Anh", "Bí thư Đảng ủy xã Sóc Sơn", role=DelegateRole.DELEGATE, group=2),
        guest("taichinh", "Nguyễn Hoàng Nam", "Giám đốc Sở Tài chính", unit="01.UBND.STC", role=DelegateRole.DELEGATE,
              group=2),
        DelegateFact("phobithu", "phobithu.hanoi", unit="01.TU", group=3),
        DelegateFact("tochuc", "truongban.tochuc.hanoi", unit="01.TU.BTC", group=3),
        DelegateFact("ubkt", "chunhiem.ubkt.hanoi", unit="01.TU.UBKT", group=3),
        DelegateFact("tgdv", "truongban.tgdv.hanoi", unit="01.TU.BTGDV", group=3),
        guest("caugiay", "Lê Minh Tâm", "Bí thư Đảng ủy phường Cầu Giấy", role=DelegateRole.DELEGATE, group=3),
        guest("bavi", "Vũ Đức Thịnh", "Bí thư Đảng ủy xã Ba Vì", role=DelegateRole.DELEGATE, group=3,
              attendance=Attendance.EXCUSED, note="Vắng có lý do: đi công tác."),
        guest("thuky3", "Trần Thu Trang", "Chuyên viên Văn phòng Thành ủy", unit="01.TU.VP", role=DelegateRole.SECRETARIAT,
              group=3),
    ),
    groups=(
        GroupFact(1, "Tổ thảo luận số 1", "Phòng họp tầng 2, Thành ủy", leader="chutich", secretary="thuky1"),
        GroupFact(2, "Tổ thảo luận số 2", "Phòng họp tầng 3, Thành ủy", leader="hdnd", secretary="thuky2"),
        GroupFact(3, "Tổ thảo luận số 3", "Phòng họp tầng 4, Thành ủy", leader="phobithu", secretary="thuky3"),
    ),
    items=(
        ItemFact("canbo", "Công tác cán bộ: kiện toàn các chức danh chủ chốt của thành phố và điều chỉnh cơ cấu Ban Thường vụ "
                          "Thành ủy khóa XVIII", "Trưởng Ban Tổ chức Thành ủy"),
        ItemFact("qc", "Dự thảo Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XVIII", "Chánh Văn phòng Thành ủy",
                 draft_title="Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XVIII, nhiệm kỳ 2025–2030",
                 text=REGULATION, submission="hn-ttr-qc"),
        ItemFact("ctr", "Dự thảo Chương trình làm việc toàn khóa và Chương trình làm việc năm 2026 của Ban Chấp hành Đảng bộ "
                        "thành phố", "Chánh Văn phòng Thành ủy", text=PROGRAM, submission="hn-ttr-ctr"),
        ItemFact("kt", "Dự thảo Chương trình kiểm tra, giám sát năm 2026 của Thành ủy", "Chủ nhiệm Ủy ban Kiểm tra Thành ủy",
                 text=INSPECTION_PROGRAM, submission="hn-ttr-kt"),
        ItemFact("pc", "Dự thảo Quy định phân cấp quản lý và thẩm quyền thực hiện nhiệm vụ cho xã, phường",
                 "Bí thư Đảng ủy Ủy ban nhân dân thành phố", text=DECENTRALIZATION, submission="hn-ttr-pc"),
    ),
    opinions=(
        # The working regulation: decentralization, the Standing Board's division of work, the Capital Law, integrity.
        OpinionFact("h1", "qc", AMEND, "Đề nghị quy định rõ danh mục việc Ban Thường vụ phân cấp cho Thường trực Thành ủy và "
                    "những việc không được phân cấp, ủy quyền, tránh chồng chéo.", by="daibieu", clause="dieu-9.1",
                    quote="phân cấp cho Thường trực Thành ủy giải quyết những việc thường xuyên",
                    proposal="Bổ sung khoản 3: Những việc thuộc thẩm quyền của Ban Chấp hành, Ban Thường vụ theo Điều lệ Đảng "
                             "không được phân cấp, ủy quyền; danh mục việc phân cấp do Ban Thường vụ ban hành.",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, bổ sung khoản 3 Điều 9.", OFFICE)),
        OpinionFact("h2", "qc", AMEND, "Tổ 1 đề nghị phân công rõ Phó Bí thư phụ trách khối Hội đồng nhân dân, khối Ủy ban nhân "
                    "dân thành phố, gắn với thẩm quyền của chính quyền thành phố theo Luật Thủ đô.", group=1,
                    clause="dieu-5.2.c", quote="Các Phó Bí thư phụ trách các lĩnh vực theo phân công của Bí thư",
                    proposal="Các Phó Bí thư Thành ủy phụ trách khối Hội đồng nhân dân, khối Ủy ban nhân dân thành phố và các "
                             "lĩnh vực khác theo phân công của Bí thư.",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, sửa điểm c khoản 2 Điều 5.", OFFICE)),
        OpinionFact("h3", "qc", ADD, "Đề nghị bổ sung nguyên tắc vận dụng hiệu quả các cơ chế, chính sách đặc thù của Luật Thủ "
                    "đô năm 2024.", by="chutich", clause="dieu-2.2", quote="Luật Thủ đô năm 2024",
                    proposal="… và Luật Thủ đô năm 2024; vận dụng hiệu quả các cơ chế, chính sách đặc thù của Thủ đô.",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, sửa khoản 2 Điều 2.", OFFICE)),
        OpinionFact("h4", "qc", ADD, "Đề nghị bổ sung trách nhiệm kiểm điểm trước Ban Thường vụ khi để xảy ra tham nhũng, lãng "
                    "phí, tiêu cực hoặc chậm trễ, né tránh, đùn đẩy trách nhiệm trong lĩnh vực được phân công.", by="ubkt",
                    clause="dieu-11", quote="chịu trách nhiệm người đứng đầu khi để xảy ra vi phạm",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, bổ sung Điều 11.", OFFICE)),
        OpinionFact("h5", "qc", AMEND, "Đề nghị đánh giá hằng quý theo sản phẩm cụ thể thay vì 6 tháng một lần.", by="hoankiem",
                    clause="dieu-10.1", quote="định kỳ 6 tháng và hằng năm",
                    response=ResponseFact(EXPLAINED, "Quy chế giữ kiểm điểm 6 tháng và hằng năm theo quy định của Trung ương; "
                                          "tiến độ, sản phẩm của từng nhiệm vụ đã được theo dõi liên tục trên hệ thống theo "
                                          "dõi nhiệm vụ theo khoản 2 Điều 10.", OFFICE)),
        OpinionFact("h6", "qc", AMEND, "Đề nghị Ban Chấp hành họp thường lệ hai tháng một lần để kịp thời cho ý kiến các vấn đề "
                    "lớn.", by="caugiay", clause="dieu-8.1", quote="ba tháng một lần",
                    response=ResponseFact(NOT_ACCEPTED, "Điều lệ Đảng quy định Ban Chấp hành đảng bộ tỉnh, thành phố họp thường "
                                          "lệ ba tháng một lần; khi cần, Ban Thường vụ triệu tập hội nghị bất thường.",
                                          by="bithu.hanoi")),
        # The programs.
        OpinionFact("h7", "ctr", ADD, "Đề nghị bổ sung vào Chương trình năm 2026 chuyên đề về phát triển công nghiệp văn hóa, bảo "
                    "tồn và phát huy giá trị di sản Thăng Long – Hà Nội.", by="tgdv", clause="iii.2",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, bổ sung chuyên đề vào quý II năm 2026.", OFFICE)),
        OpinionFact("h8", "ctr", QUESTION, "Đề nghị làm rõ cơ quan chủ trì tham mưu, thời hạn và sản phẩm của từng nội dung theo "
                    "nguyên tắc sáu rõ.", by="duubnd", clause="i.2",
                    response=ResponseFact(EXPLAINED, "Phụ lục kèm Chương trình phân công cơ quan chủ trì, thời hạn và sản phẩm "
                                          "của từng nội dung; Văn phòng Thành ủy theo dõi trên hệ thống theo dõi nhiệm vụ.",
                                          OFFICE)),
        OpinionFact("h9", "ctr", ADD, "Đề nghị bổ sung việc ban hành các nghị quyết chuyên đề cụ thể hóa các nghị quyết chiến "
                    "lược của Bộ Chính trị trên địa bàn Thủ đô.", by="taichinh", clause="ii.2",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, bổ sung vào khoản 2 phần II.", OFFICE)),
        OpinionFact("h10", "kt", AMEND, "Đề nghị giảm số cuộc kiểm tra tại các đảng ủy xã, phường mới sắp xếp, tăng giám sát "
                    "thường xuyên để cơ sở tập trung vận hành bộ máy mới.", by="socson", clause="ii.1.a",
                    quote="Kiểm tra 10 tổ chức đảng",
                    response=ResponseFact(ACCEPTED, "Tiếp thu; không kiểm tra các đảng ủy xã, phường trong 6 tháng đầu năm, "
                                          "thay bằng giám sát thường xuyên.", INSPECTION)),
        OpinionFact("h11", "kt", QUESTION, "Tổ 3 đề nghị làm rõ căn cứ xác định số lượng 08 cuộc giám sát chuyên đề và tiêu chí "
                    "chọn đối tượng giám sát.", group=3, clause="ii.2"),
        # Decentralization to communes and wards.
        OpinionFact("h12", "pc", AMEND, "Đề nghị quy định rõ giao nhiệm vụ đến đâu bảo đảm nguồn lực đến đó; thành phố bổ sung "
                    "có mục tiêu cho xã, phường có nguồn thu thấp.", by="hdnd", clause="dieu-5.2",
                    quote="Nhiệm vụ chi được phân cấp tương ứng với nhiệm vụ quản lý được giao",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, sửa khoản 2 Điều 5.", CITY_PARTY_UBND)),
        OpinionFact("h13", "pc", QUESTION, "Đề nghị làm rõ tiêu chí đánh giá năng lực và quy trình điều chỉnh phân cấp khi xã, "
                    "phường không bảo đảm điều kiện.", by="phochutich", clause="dieu-7.3"),
        OpinionFact("h14", "pc", AMEND, "Đề nghị giao Chủ tịch Ủy ban nhân dân xã, phường cấp giấy phép xây dựng cả công trình "
                    "cấp III trên địa bàn.", by="hoankiem", clause="dieu-6.1",
                    quote="cấp giấy phép xây dựng nhà ở riêng lẻ",
                    response=ResponseFact(NOT_ACCEPTED, "Phân cấp từng bước theo năng lực của cơ sở và quy định của pháp luật về "
                                          "xây dựng; sẽ xem xét khi sơ kết một năm thực hiện.", CITY_PARTY_UBND)),
        OpinionFact("h15", "pc", AMEND, "Đề nghị nâng mức quyết định đầu tư của các phường nội đô lên 30 tỷ đồng.",
                    by="daibieu", clause="dieu-3.2", quote="dưới 15 tỷ đồng",
                    response=ResponseFact(EXPLAINED, "Mức 15 tỷ đồng áp dụng năm đầu, bảo đảm phù hợp năng lực quản lý dự án "
                                          "của cơ sở; sẽ xem xét nâng mức khi sơ kết.", CITY_PARTY_UBND)),
    ),
    revisions=(
        RevisionFact(
            "qc", "Dự thảo lần 2, tiếp thu ý kiến thảo luận tổ tại Hội nghị lần thứ hai.",
            edits=(
                ("Luật Thủ đô năm 2024.",
                 "Luật Thủ đô năm 2024; vận dụng hiệu quả các cơ chế, chính sách đặc thù của Thủ đô."),
                ("c) Các Phó Bí thư phụ trách các lĩnh vực theo phân công của Bí thư.",
                 "c) Các Phó Bí thư Thành ủy phụ trách khối Hội đồng nhân dân, khối Ủy ban nhân dân thành phố và các lĩnh vực "
                 "khác theo phân công của Bí thư."),
                ("những việc đã giải quyết theo phân cấp.",
                 "những việc đã giải quyết theo phân cấp.\n"
                 "3. Những việc thuộc thẩm quyền của Ban Chấp hành, Ban Thường vụ theo Điều lệ Đảng không được phân cấp, ủy "
                 "quyền; danh mục việc phân cấp do Ban Thường vụ ban hành."),
                ("trong lĩnh vực, địa bàn được phân công.\n\nChương IV",
                 "trong lĩnh vực, địa bàn được phân công; kiểm điểm trước Ban Thường vụ khi để xảy ra tham nhũng, lãng phí, "
                 "tiêu cực hoặc chậm trễ, né tránh, đùn đẩy trách nhiệm.\n\nChương IV"),
            ),
            taken_in=("h1", "h2", "h3", "h4"),
        ),
    ),
)

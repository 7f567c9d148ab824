"""Seed 003 as a meeting: the 31st (extended) conference of the Executive Committee of the Đắk Lắk Provincial
Party Committee, which ended on 4 April 2025 (daklak.gov.vn).

From the seed: the co-chairs (Nguyễn Đình Trung, Huỳnh Thị Chiến Hòa); three discussion groups and 24 opinions,
most agreeing with and praising the reports, the others asking to add to the second-quarter tasks the coordination
of large cultural events, to understand the feelings of the cadres affected by ending the district level and merging
communes, to set resources and a roadmap for growth of 8% or more, to raise budget revenue, to speed up the capital of
the national target programs (new rural development), to set up a working group for the difficulties after the
restructuring, to attract investment, to remove temporary and dilapidated houses, and to keep defence and security;
the heads of agencies answering on the reorganization under Resolution 18-NQ/TW, poverty reduction and houses,
land-use plans, investment and growth; Nguyễn Thượng Hải speaking for the Organization Committee; the conclusion.

The demo's: the first day (3 April), the place, the agenda's drafts and their wording, who said which opinion, the
names of the invited guests and heads of departments (marked in their position), attendance, and each response's
disposition and wording.
"""
from mandate.demo import seeds
from mandate.demo.meetings import (
    DelegateFact, GroupFact, ItemFact, MeetingFact, OpinionFact, ResponseFact, RevisionFact, guest,
)
from mandate.meetings.models import Attendance, DelegateRole, Disposition, OpinionKind

D = seeds.D
ACCEPTED, EXPLAINED, NOT_ACCEPTED = Disposition.ACCEPTED, Disposition.EXPLAINED, Disposition.NOT_ACCEPTED
AGREE, AMEND, ADD, REMOVE, QUESTION = (OpinionKind.AGREE, OpinionKind.AMEND, OpinionKind.ADD, OpinionKind.REMOVE,
                                       OpinionKind.QUESTION)

# Who responds (seed 003: the heads of the agencies concerned clarified the issues).
CHAIR_UBND = "Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk"
VICE_CHAIR_UBND = "Phó Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk"
ORGANIZATION = "Nguyễn Thượng Hải, Trưởng Ban Tổ chức Tỉnh ủy"
OFFICE = "Chánh Văn phòng Tỉnh ủy Đắk Lắk"
FINANCE = "Phạm Đức Thắng, Giám đốc Sở Tài chính"
AGRICULTURE = "Võ Minh Tuấn, Giám đốc Sở Nông nghiệp và Môi trường"
MILITARY = "Bùi Quốc Hưng, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"
NOTED = "Ban soạn thảo ghi nhận."

QUARTER_REPORT = """BÁO CÁO
Kết quả thực hiện nhiệm vụ quý I, phương hướng, nhiệm vụ trọng tâm quý II năm 2025
(Dự thảo trình Hội nghị lần thứ 31 Ban Chấp hành Đảng bộ tỉnh)

I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ I NĂM 2025
1. Công tác xây dựng Đảng và hệ thống chính trị
Ban Chấp hành, Ban Thường vụ Tỉnh ủy tập trung lãnh đạo tổng kết việc thực hiện Nghị quyết số 18-NQ/TW; hoàn thành sắp xếp, hợp nhất các cơ quan tham mưu, giúp việc của Tỉnh ủy và các sở, ngành theo chủ trương của Trung ương; kịp thời kiện toàn tổ chức, bố trí cán bộ, bảo đảm các cơ quan sau sắp xếp hoạt động ổn định.
2. Phát triển kinh tế – xã hội
Tình hình kinh tế – xã hội quý I cơ bản ổn định; sản xuất nông nghiệp, nhất là các cây công nghiệp chủ lực, được mùa, được giá; thu ngân sách đạt khá so với dự toán; công tác an sinh xã hội, xóa nhà tạm, nhà dột nát được quan tâm chỉ đạo.
3. Quốc phòng, an ninh
Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững; các lực lượng vũ trang hoàn thành tốt nhiệm vụ quý I.
4. Hạn chế, khó khăn
Tiến độ giải ngân vốn đầu tư công, vốn các chương trình mục tiêu quốc gia còn chậm; thu hút đầu tư chưa tương xứng với tiềm năng; một bộ phận cán bộ, đảng viên còn băn khoăn trước việc sắp xếp bộ máy và đơn vị hành chính.

II. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2025
1. Tiếp tục triển khai nghiêm túc Nghị quyết số 18-NQ/TW và các kết luận của Trung ương về sắp xếp tổ chức bộ máy; chuẩn bị các điều kiện sắp xếp đơn vị hành chính cấp tỉnh, cấp xã và kết thúc hoạt động của cấp huyện.
2. Làm tốt công tác tư tưởng, tuyên truyền, tạo đồng thuận trong cán bộ, đảng viên và Nhân dân về chủ trương sắp xếp.
3. Tập trung chỉ đạo thực hiện các nhiệm vụ phát triển kinh tế – xã hội:
a) Phấn đấu tăng trưởng kinh tế năm 2025 đạt từ 8% trở lên;
b) Triển khai quyết liệt các giải pháp tăng thu ngân sách nhà nước;
c) Đẩy nhanh tiến độ giải ngân vốn đầu tư công và vốn các chương trình mục tiêu quốc gia;
d) Nâng cao hiệu quả thu hút đầu tư, cải thiện môi trường đầu tư kinh doanh.
4. Tiếp tục thực hiện Chương trình xóa nhà tạm, nhà dột nát trên địa bàn tỉnh.
5. Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; hoàn thành số hóa hồ sơ, tài liệu của các cơ quan trước khi sắp xếp.
6. Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội, nhất là trong dịp kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước.
7. Lãnh đạo chuẩn bị đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.
"""

REORGANIZATION_PLAN = """KẾ HOẠCH
Sắp xếp tổ chức bộ máy của hệ thống chính trị và đơn vị hành chính các cấp theo Nghị quyết số 18-NQ/TW
(Dự thảo trình Hội nghị lần thứ 31 Ban Chấp hành Đảng bộ tỉnh)

I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt, thực hiện nghiêm túc Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương khóa XII và các kết luận của Bộ Chính trị, Ban Bí thư về sắp xếp tổ chức bộ máy.
2. Bảo đảm các cơ quan, tổ chức, đơn vị và địa phương sau sắp xếp hoạt động thông suốt, hiệu lực, hiệu quả ngay, không gián đoạn công việc, không bỏ trống địa bàn, lĩnh vực.

II. NHIỆM VỤ, GIẢI PHÁP
1. Công tác tuyên truyền, tư tưởng
Làm tốt công tác tuyên truyền, vận động, tạo sự đồng thuận cao trong cán bộ, đảng viên, công chức, viên chức và Nhân dân về chủ trương sắp xếp đơn vị hành chính cấp tỉnh, cấp xã và kết thúc hoạt động của đơn vị hành chính cấp huyện.
2. Sắp xếp đơn vị hành chính
a) Xây dựng phương án sắp xếp đơn vị hành chính cấp xã, lấy ý kiến Nhân dân theo quy định;
b) Chuẩn bị phương án kết thúc hoạt động của cấp huyện, chuyển giao nhiệm vụ cho cấp tỉnh và cấp xã.
3. Công tác cán bộ và chính sách
a) Rà soát, bố trí, sắp xếp cán bộ, công chức, viên chức bảo đảm đúng người, đúng việc;
b) Thực hiện kịp thời, đầy đủ chế độ, chính sách đối với cán bộ chịu tác động của việc sắp xếp.
4. Tài sản, trụ sở và hồ sơ
Kiểm kê, quản lý chặt chẽ tài sản, tài chính, trụ sở; hoàn thành số hóa hồ sơ, tài liệu trước khi bàn giao.

III. TỔ CHỨC THỰC HIỆN
1. Ban Tổ chức Tỉnh ủy chủ trì theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo Ban Thường vụ Tỉnh ủy.
2. Các cấp ủy, tổ chức đảng, cơ quan, đơn vị xây dựng kế hoạch cụ thể để triển khai thực hiện.
"""

CONFERENCE_31 = MeetingFact(
    key="dl-hn31", body="old-66.TU.BCH", number=31, extended=True,
    title="Hội nghị lần thứ 31 (mở rộng) Ban Chấp hành Đảng bộ tỉnh Đắk Lắk",
    starts_on=D(2025, 4, 3), ends_on=seeds.DAKLAK_CONFERENCE, place="Hội trường Tỉnh ủy Đắk Lắk, thành phố Buôn Ma Thuột",
    source="seed 003 (daklak.gov.vn)", secretariat="admin",  # the province closed on 2025-07-01: the administrator works it
    delegates=(
        DelegateFact("bithu", "bithu.daklak-cu", unit="old-66.TU", role=DelegateRole.CHAIR),
        DelegateFact("phobithu", "phobithu.daklak-cu", unit="old-66.TU", role=DelegateRole.CHAIR),
        # The chair of the People's Council is Huỳnh Thị Chiến Hòa (seed 003), so the demo's title-only
        # "chutich.hdnd.daklak-cu" does not sit as a second person in the same office.
        DelegateFact("chutich", "chutich.daklak-cu", unit="old-66.UBND", group=1),
        DelegateFact("phochutich", "phochutich.daklak-cu", unit="old-66.UBND", group=2),
        DelegateFact("tochuc", "truongban.tochuc.daklak-cu", unit="old-66.TU.BTC", group=2),
        DelegateFact("ubkt", "chunhiem.ubkt.daklak-cu", unit="old-66.TU.UBKT", group=3),
        DelegateFact("vanphong", "chanhvanphong.daklak-cu", unit="old-66.TU.VP", group=3),
        DelegateFact("tgdv", "truongban.tgdv.daklak-cu", unit="old-66.TU.BTGDV", group=1, attendance=Attendance.EXCUSED,
                     note="Vắng có lý do: đi công tác Trung ương."),
        # The Office's specialists keep the groups' records; vanphong.daklak logs in to the demo.
        DelegateFact("thuky1", "vanphong.daklak", unit="old-66.TU.VP", role=DelegateRole.SECRETARIAT, group=1),
        DelegateFact("thuky2", "theodoi.daklak-cu", unit="old-66.TU.VP", role=DelegateRole.SECRETARIAT, group=2),
        guest("thuky3", "Lê Thị Thu Hà", "Chuyên viên Văn phòng Tỉnh ủy", unit="old-66.TU.VP",
              role=DelegateRole.SECRETARIAT, group=3),
        # Extended conference: secretaries of district and town party committees, heads of departments.
        guest("bmt", "Trần Văn Lực", "Bí thư Thành ủy Buôn Ma Thuột", group=1),
        guest("eahleo", "Lê Quang Vinh", "Bí thư Huyện ủy Ea H'leo", group=1),
        guest("noivu", "Đặng Thị Hồng", "Giám đốc Sở Nội vụ", unit="old-66.UBND", group=1),
        guest("krongpac", "Y Bình Niê", "Bí thư Huyện ủy Krông Pắc", group=2),
        guest("taichinh", "Phạm Đức Thắng", "Giám đốc Sở Tài chính", unit="old-66.UBND", group=2),
        guest("mdrak", "Nguyễn Văn Hậu", "Bí thư Huyện ủy M'Đrắk", group=2, attendance=Attendance.EXCUSED,
              note="Vắng có lý do: dự lớp bồi dưỡng cán bộ."),
        guest("buonho", "Nguyễn Thị Thanh Mai", "Bí thư Thị ủy Buôn Hồ", group=3),
        guest("lak", "H'Yâo Mlô", "Bí thư Huyện ủy Lắk", group=3),
        guest("nnmt", "Võ Minh Tuấn", "Giám đốc Sở Nông nghiệp và Môi trường", unit="old-66.UBND", group=3),
        guest("quansu", "Bùi Quốc Hưng", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", group=3),
    ),
    groups=(
        GroupFact(1, "Tổ thảo luận số 1", "Phòng họp số 1, Tỉnh ủy", leader="chutich", secretary="thuky1"),
        GroupFact(2, "Tổ thảo luận số 2", "Phòng họp số 2, Tỉnh ủy", leader="tochuc", secretary="thuky2"),
        GroupFact(3, "Tổ thảo luận số 3", "Phòng họp số 3, Tỉnh ủy", leader="ubkt", secretary="thuky3"),
    ),
    items=(
        ItemFact("q2", "Báo cáo kết quả thực hiện nhiệm vụ quý I, phương hướng, nhiệm vụ trọng tâm quý II năm 2025",
                 "Chánh Văn phòng Tỉnh ủy", text=QUARTER_REPORT),
        ItemFact("bm", "Kế hoạch sắp xếp tổ chức bộ máy của hệ thống chính trị và đơn vị hành chính các cấp theo Nghị quyết "
                       "số 18-NQ/TW", "Nguyễn Thượng Hải, Trưởng Ban Tổ chức Tỉnh ủy", text=REORGANIZATION_PLAN),
        ItemFact("ktxh", "Tình hình kinh tế – xã hội quý I và các giải pháp bảo đảm tăng trưởng năm 2025 từ 8% trở lên",
                 "Chủ tịch Ủy ban nhân dân tỉnh"),
    ),
    opinions=(
        # The report on the first quarter and the tasks of the second.
        OpinionFact("o1", "q2", AGREE, "Tổ 1 nhất trí cao với dự thảo Báo cáo; báo cáo phản ánh đầy đủ, khách quan kết quả "
                    "quý I, nhất là việc hoàn thành sắp xếp các cơ quan tham mưu, giúp việc của Tỉnh ủy và các sở, ngành.",
                    group=1, response=ResponseFact(ACCEPTED, NOTED, OFFICE)),
        OpinionFact("o2", "q2", ADD, "Đề nghị bổ sung vào nhiệm vụ quý II nội dung phối hợp tổ chức các hoạt động văn hóa "
                    "quy mô lớn tại địa phương trong dịp kỷ niệm.", by="bmt", clause="ii.6",
                    quote="nhất là trong dịp kỷ niệm 50 năm Ngày giải phóng miền Nam",
                    proposal="Phối hợp tổ chức tốt các hoạt động văn hóa quy mô lớn tại địa phương.",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, bổ sung thành khoản 8 phần II.", OFFICE)),
        OpinionFact("o3", "q2", AMEND, "Tổ 2 đề nghị nhấn mạnh việc tăng cường lãnh đạo, nắm bắt tư tưởng, tâm tư, nguyện vọng "
                    "của cán bộ, đảng viên, công chức, viên chức chịu tác động của việc kết thúc cấp huyện và sắp xếp cấp xã.",
                    group=2, clause="ii.2", quote="tạo đồng thuận trong cán bộ, đảng viên và Nhân dân",
                    proposal="Tăng cường lãnh đạo, nắm bắt tư tưởng, tâm tư, nguyện vọng của cán bộ, đảng viên, công chức, "
                             "viên chức, người lao động chịu tác động của việc kết thúc hoạt động đơn vị hành chính cấp huyện "
                             "và sắp xếp đơn vị hành chính cấp xã.",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, sửa khoản 2 phần II.", OFFICE)),
        OpinionFact("o4", "q2", AMEND, "Mục tiêu tăng trưởng từ 8% trở lên rất cao trong bối cảnh vừa sắp xếp bộ máy, vừa sắp "
                    "xếp đơn vị hành chính; đề nghị tính toán, xác định rõ nguồn lực và lộ trình cụ thể, sát thực tế.",
                    by="krongpac", clause="ii.3.a", quote="Phấn đấu tăng trưởng kinh tế năm 2025 đạt từ 8% trở lên",
                    proposal="Tính toán, xác định rõ nguồn lực và lộ trình thực hiện cụ thể để đạt mục tiêu tăng trưởng kinh "
                             "tế năm 2025 từ 8% trở lên, phù hợp với tình hình thực tế, nhất là trong giai đoạn sắp xếp đơn "
                             "vị hành chính các cấp",
                    response=ResponseFact(ACCEPTED, "Tiếp thu; Ủy ban nhân dân tỉnh xây dựng kịch bản tăng trưởng theo từng "
                                          "quý, từng ngành, báo cáo Ban Thường vụ trong tháng 4.", CHAIR_UBND)),
        OpinionFact("o5", "q2", ADD, "Đề nghị làm rõ các giải pháp tăng thu: chống thất thu, quản lý chặt nguồn thu từ đất; "
                    "các huyện đang khó khăn về thu tiền sử dụng đất do thị trường bất động sản trầm lắng.", by="eahleo",
                    clause="ii.3.b", quote="tăng thu ngân sách nhà nước",
                    response=ResponseFact(EXPLAINED, "Các giải pháp tăng thu đã được cụ thể hóa trong kế hoạch thu ngân sách "
                                          "năm 2025 của Ủy ban nhân dân tỉnh; Sở Tài chính rà soát, đôn đốc nguồn thu từ đất "
                                          "theo từng địa bàn. Báo cáo của Ban Chấp hành chỉ nêu định hướng.", FINANCE)),
        OpinionFact("o6", "q2", AMEND, "Đề nghị nhấn mạnh Chương trình mục tiêu quốc gia xây dựng nông thôn mới; nhiều xã vùng "
                    "đồng bào dân tộc thiểu số đang chờ phân bổ vốn.", by="lak", clause="ii.3.c",
                    quote="vốn các chương trình mục tiêu quốc gia",
                    proposal="vốn các chương trình mục tiêu quốc gia, nhất là Chương trình mục tiêu quốc gia xây dựng nông "
                             "thôn mới",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, sửa điểm c khoản 3 phần II.", AGRICULTURE)),
        OpinionFact("o7", "q2", ADD, "Đề nghị thành lập tổ công tác của tỉnh để kịp thời tháo gỡ khó khăn, vướng mắc trong thực "
                    "hiện nhiệm vụ chuyên môn và thủ tục hành chính sau sắp xếp tổ chức bộ máy.", by="noivu", clause="ii.1",
                    proposal="Thành lập tổ công tác tháo gỡ khó khăn, vướng mắc về chuyên môn, nghiệp vụ và thủ tục hành "
                             "chính sau sắp xếp tổ chức bộ máy.",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, bổ sung vào khoản 1 phần II.", ORGANIZATION)),
        OpinionFact("o8", "q2", AMEND, "Đề nghị có giải pháp cụ thể hơn về thu hút đầu tư: rà soát quỹ đất sạch, đẩy nhanh giải "
                    "phóng mặt bằng các dự án chế biến nông sản, năng lượng; thành lập tổ hỗ trợ nhà đầu tư.", by="buonho",
                    clause="ii.3.d", quote="Nâng cao hiệu quả thu hút đầu tư",
                    response=ResponseFact(EXPLAINED, "Giải pháp cụ thể được thể hiện trong kế hoạch xúc tiến đầu tư năm 2025 "
                                          "của Ủy ban nhân dân tỉnh; tỉnh đã có bộ phận hỗ trợ nhà đầu tư tại Sở Tài chính.",
                                          FINANCE)),
        OpinionFact("o9", "q2", ADD, "Đề nghị bổ sung yêu cầu tăng cường kiểm tra, giám sát việc sắp xếp, nhất là quản lý tài "
                    "chính, tài sản công, trụ sở dôi dư.", by="ubkt", clause="ii.1",
                    response=ResponseFact(EXPLAINED, "Nội dung đã có trong Kế hoạch sắp xếp tổ chức bộ máy (khoản 4 phần II) và "
                                          "chương trình kiểm tra, giám sát năm 2025 của Ban Thường vụ; không nhắc lại trong "
                                          "Báo cáo.", OFFICE)),
        OpinionFact("o10", "q2", AGREE, "Tổ 3 thống nhất với đánh giá kết quả quý I và các nhiệm vụ trọng tâm quý II.", group=3,
                    response=ResponseFact(ACCEPTED, NOTED, OFFICE)),
        OpinionFact("o11", "q2", AMEND, "Đề nghị nêu rõ quyết tâm hoàn thành xóa nhà tạm, nhà dột nát trong năm 2025 và huy "
                    "động nguồn lực xã hội hóa; một số hộ chưa có đất ở để xây nhà.", by="krongpac", clause="ii.4",
                    quote="Tiếp tục thực hiện Chương trình xóa nhà tạm, nhà dột nát trên địa bàn tỉnh.",
                    proposal="Tập trung hoàn thành Chương trình xóa nhà tạm, nhà dột nát trên địa bàn tỉnh trong năm 2025; "
                             "huy động các nguồn lực xã hội hóa, giải quyết đất ở cho các hộ chưa có đất.",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, sửa khoản 4 phần II; Ủy ban nhân dân tỉnh giao các huyện rà soát "
                                          "quỹ đất cho các hộ chưa có đất ở.", VICE_CHAIR_UBND)),
        OpinionFact("o12", "q2", QUESTION, "Đề nghị làm rõ lộ trình, thời điểm kết thúc hoạt động của cấp huyện và việc bàn giao "
                    "hồ sơ, tài sản để các huyện, thành phố chủ động chuẩn bị.", by="bmt", clause="ii.1",
                    quote="kết thúc hoạt động của cấp huyện",
                    response=ResponseFact(EXPLAINED, "Thời điểm kết thúc hoạt động cấp huyện thực hiện theo lộ trình chung của "
                                          "Trung ương; Ban Tổ chức Tỉnh ủy hướng dẫn ngay khi có văn bản của Trung ương. Các "
                                          "địa phương chủ động kiểm kê tài sản, số hóa hồ sơ từ nay.", ORGANIZATION)),
        OpinionFact("o13", "q2", REMOVE, "Đề nghị bỏ yêu cầu hoàn thành số hóa hồ sơ trước khi sắp xếp vì khối lượng lớn, các "
                    "huyện thiếu kinh phí và nhân lực; chỉ số hóa hồ sơ đang giải quyết.", by="eahleo", clause="ii.5",
                    quote="hoàn thành số hóa hồ sơ, tài liệu của các cơ quan trước khi sắp xếp",
                    response=ResponseFact(NOT_ACCEPTED, "Số hóa hồ sơ là điều kiện để công việc và thủ tục hành chính không "
                                          "gián đoạn sau sắp xếp; Văn phòng Tỉnh ủy và Sở Nội vụ hướng dẫn thứ tự ưu tiên và "
                                          "hỗ trợ nhân lực cho các huyện.", OFFICE)),
        OpinionFact("o14", "q2", ADD, "Đề nghị bổ sung nhiệm vụ nắm chắc tình hình vùng đồng bào dân tộc thiểu số, vùng có đạo, "
                    "không để các đối tượng lợi dụng việc sắp xếp đơn vị hành chính để kích động.", by="lak", clause="ii.6",
                    quote="Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội",
                    proposal="Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội; nắm chắc tình hình vùng đồng bào dân tộc "
                             "thiểu số, vùng có đạo, không để các đối tượng lợi dụng việc sắp xếp đơn vị hành chính để kích "
                             "động",
                    response=ResponseFact(ACCEPTED, "Tiếp thu, sửa khoản 6 phần II.", MILITARY)),
        # The plan to reorganize the apparatus.
        OpinionFact("o15", "bm", AGREE, "Tổ 2 nhất trí cao với dự thảo Kế hoạch; việc chuẩn bị công phu, bám sát chủ trương của "
                    "Trung ương.", group=2, response=ResponseFact(ACCEPTED, NOTED, ORGANIZATION)),
        OpinionFact("o16", "bm", ADD, "Đề nghị tỉnh có chính sách hỗ trợ riêng cho cán bộ, công chức cấp xã dôi dư sau sắp xếp, "
                    "ngoài chính sách của Trung ương.", by="phochutich", clause="ii.3.b",
                    quote="chế độ, chính sách đối với cán bộ chịu tác động của việc sắp xếp",
                    response=ResponseFact(NOT_ACCEPTED, "Chính sách đối với cán bộ chịu tác động thực hiện thống nhất theo quy "
                                          "định của Trung ương; ngân sách tỉnh chưa bảo đảm cho một chính sách riêng. Sẽ xem "
                                          "xét sau sắp xếp, căn cứ khả năng cân đối ngân sách.", ORGANIZATION)),
        OpinionFact("o17", "bm", QUESTION, "Đề nghị làm rõ cách thức, thời gian lấy ý kiến Nhân dân về phương án sắp xếp cấp "
                    "xã để cấp huyện chủ động tổ chức.", by="buonho", clause="ii.2.a",
                    quote="lấy ý kiến Nhân dân theo quy định",
                    response=ResponseFact(EXPLAINED, "Việc lấy ý kiến cử tri thực hiện theo hướng dẫn của Trung ương; Sở Nội vụ "
                                          "ban hành hướng dẫn cụ thể để các địa phương tổ chức thống nhất.", ORGANIZATION)),
        OpinionFact("o18", "bm", ADD, "Đề nghị bổ sung việc rà soát, điều chỉnh quy hoạch, kế hoạch sử dụng đất cấp huyện "
                    "trước khi kết thúc hoạt động cấp huyện.", by="noivu", clause="ii.2.b",
                    response=ResponseFact(EXPLAINED, "Sở Nông nghiệp và Môi trường đang hướng dẫn các huyện hoàn thiện điều chỉnh "
                                          "kế hoạch sử dụng đất năm 2025; nội dung thực hiện theo kế hoạch riêng của Ủy ban "
                                          "nhân dân tỉnh.", AGRICULTURE)),
        OpinionFact("o19", "bm", AMEND, "Đề nghị giao rõ cơ quan chủ trì số hóa hồ sơ ở khối đảng và khối chính quyền.",
                    by="vanphong", clause="ii.4", quote="hoàn thành số hóa hồ sơ, tài liệu trước khi bàn giao",
                    response=ResponseFact(ACCEPTED, "Tiếp thu: Văn phòng Tỉnh ủy chủ trì khối đảng, Sở Nội vụ chủ trì khối chính "
                                          "quyền.", ORGANIZATION)),
        OpinionFact("o20", "bm", ADD, "Tổ 1 đề nghị lập đường dây nóng tiếp nhận, giải đáp thắc mắc của cán bộ và Nhân dân về "
                    "sắp xếp.", group=1, clause="ii.1", quote="tạo sự đồng thuận cao",
                    response=ResponseFact(NOT_ACCEPTED, "Không lập thêm đầu mối; việc tiếp nhận, giải đáp thực hiện qua Ban Tuyên "
                                          "giáo và Dân vận Tỉnh ủy và Cổng thông tin điện tử của tỉnh.", ORGANIZATION)),
        # The economy in the first quarter and growth of 8% or more.
        OpinionFact("o21", "ktxh", QUESTION, "Đề nghị làm rõ giải pháp tháo gỡ vướng mắc cho các dự án đầu tư chậm triển khai, "
                    "nhất là về đất đai, giải phóng mặt bằng.", by="krongpac",
                    response=ResponseFact(EXPLAINED, "Ủy ban nhân dân tỉnh đã rà soát các dự án chậm tiến độ, giao từng sở, địa "
                                          "phương xử lý vướng mắc về đất đai, giải phóng mặt bằng, báo cáo hằng tháng.",
                                          FINANCE)),
        OpinionFact("o22", "ktxh", ADD, "Đề nghị tập trung nguồn lực đầu tư hạ tầng đô thị Buôn Ma Thuột để tạo động lực tăng "
                    "trưởng cho vùng.", by="bmt",
                    response=ResponseFact(EXPLAINED, "Sẽ xem xét khi điều chỉnh kế hoạch đầu tư công trung hạn; trong quý II ưu "
                                          "tiên vốn cho các dự án trọng điểm đã có khối lượng.", CHAIR_UBND)),
        OpinionFact("o23", "ktxh", ADD, "Tổ 3 đề nghị quan tâm đời sống vật chất, tinh thần của Nhân dân vùng sâu, vùng xa, vùng "
                    "đồng bào dân tộc thiểu số; thực hiện tốt chính sách an sinh xã hội trong thời gian sắp xếp.", group=3,
                    response=ResponseFact(ACCEPTED, "Tiếp thu, đưa vào kết luận của Hội nghị.", CHAIR_UBND)),
        OpinionFact("o24", "ktxh", ADD, "Đề nghị gắn xóa nhà tạm, nhà dột nát với tạo sinh kế cho hộ nghèo để giảm nghèo bền "
                    "vững.", by="buonho",
                    response=ResponseFact(ACCEPTED, "Tiếp thu; lồng ghép nguồn vốn chương trình mục tiêu quốc gia giảm nghèo bền "
                                          "vững để hỗ trợ sinh kế.", VICE_CHAIR_UBND)),
    ),
    revisions=(
        RevisionFact(
            "q2", "Dự thảo lần 2, tiếp thu ý kiến thảo luận tổ tại Hội nghị.",
            edits=(
                ("chuẩn bị các điều kiện sắp xếp đơn vị hành chính cấp tỉnh, cấp xã và kết thúc hoạt động của cấp huyện.",
                 "chuẩn bị các điều kiện sắp xếp đơn vị hành chính cấp tỉnh, cấp xã và kết thúc hoạt động của cấp huyện; "
                 "thành lập tổ công tác tháo gỡ khó khăn, vướng mắc về chuyên môn, nghiệp vụ và thủ tục hành chính sau sắp "
                 "xếp tổ chức bộ máy."),
                ("2. Làm tốt công tác tư tưởng, tuyên truyền, tạo đồng thuận trong cán bộ, đảng viên và Nhân dân về chủ trương "
                 "sắp xếp.",
                 "2. Tăng cường lãnh đạo, nắm bắt tư tưởng, tâm tư, nguyện vọng của cán bộ, đảng viên, công chức, viên chức, "
                 "người lao động chịu tác động của việc kết thúc hoạt động đơn vị hành chính cấp huyện và sắp xếp đơn vị hành "
                 "chính cấp xã; làm tốt công tác tư tưởng, tuyên truyền, tạo đồng thuận trong cán bộ, đảng viên và Nhân dân."),
                ("a) Phấn đấu tăng trưởng kinh tế năm 2025 đạt từ 8% trở lên;",
                 "a) Tính toán, xác định rõ nguồn lực và lộ trình thực hiện cụ thể để đạt mục tiêu tăng trưởng kinh tế năm "
                 "2025 từ 8% trở lên, phù hợp với tình hình thực tế, nhất là trong giai đoạn sắp xếp đơn vị hành chính các "
                 "cấp;"),
                ("vốn các chương trình mục tiêu quốc gia;",
                 "vốn các chương trình mục tiêu quốc gia, nhất là Chương trình mục tiêu quốc gia xây dựng nông thôn mới;"),
                ("4. Tiếp tục thực hiện Chương trình xóa nhà tạm, nhà dột nát trên địa bàn tỉnh.",
                 "4. Tập trung hoàn thành Chương trình xóa nhà tạm, nhà dột nát trên địa bàn tỉnh trong năm 2025; huy động các "
                 "nguồn lực xã hội hóa, giải quyết đất ở cho các hộ chưa có đất."),
                ("6. Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội, nhất là",
                 "6. Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội; nắm chắc tình hình vùng đồng bào dân tộc thiểu số, "
                 "vùng có đạo, không để các đối tượng lợi dụng việc sắp xếp đơn vị hành chính để kích động, nhất là"),
                ("tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
                 "tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.\n"
                 "8. Phối hợp tổ chức tốt các hoạt động văn hóa quy mô lớn tại địa phương."),
            ),
            taken_in=("o2", "o3", "o4", "o6", "o7", "o11", "o14"),
        ),
    ),
    conclusion=seeds.DAKLAK_CONCLUSION,
)

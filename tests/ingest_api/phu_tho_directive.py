"""A short directive of our own, modelled on the facts of seed 004: Phú Thọ's standing committee, July 2025."""
import datetime as dt

DIRECTIVE = """TỈNH ỦY PHÚ THỌ
Số: 07-CT/TU
Phú Thọ, ngày 18 tháng 7 năm 2025

CHỈ THỊ
VỀ TỔ CHỨC ĐẠI HỘI ĐẢNG BỘ CẤP XÃ VÀ VẬN HÀNH CHÍNH QUYỀN HAI CẤP

Thực hiện Kết luận số 177-KL/TW ngày 11/7/2025 của Bộ Chính trị, Ban Bí thư; Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương và Quyết định số 204-QĐ/TW ngày 29/11/2024 của Ban Bí thư, Ban Thường vụ Tỉnh ủy chỉ thị:
1. Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Đảng ủy Ủy ban nhân dân tỉnh tham mưu kiện toàn cán bộ chủ chốt cấp xã, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 25/7/2025.
2. Giao Ủy ban nhân dân tỉnh bố trí trụ sở, trang thiết bị cho trung tâm phục vụ hành chính công cấp xã, hoàn thành trước ngày 15/8/2025.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tham mưu sắp xếp bộ máy các tổ chức chính trị - xã hội.
4. Giao Ủy ban Kiểm tra Tỉnh ủy tăng cường kiểm tra, giám sát việc sắp xếp bộ máy, báo cáo kết quả trước ngày 30/9/2025.
5. Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Chỉ thị này, tổng hợp báo cáo hằng tháng.
"""

DAY = dt.date(2025, 7, 20)

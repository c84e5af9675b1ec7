"""Small directives written for the scope tests: one Bộ, two Sở and one UBND tỉnh text on overlapping topics
(digital school records, green schools), in the plain-text layout converters produce."""

from __future__ import annotations

from pathlib import Path

BO_2025 = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 4321/BGDĐT-GDPT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 20 tháng 8 năm 2025

V/v hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông năm học 2025-2026

Kính gửi: Các Sở Giáo dục và Đào tạo

Bộ Giáo dục và Đào tạo hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông năm học 2025-2026 như sau:

I. NHIỆM VỤ CHUNG
1. Thực hiện chương trình giáo dục phổ thông
Các cơ sở giáo dục bảo đảm thời lượng 35 tuần thực học, hoàn thành chương trình trước ngày 31 tháng 5.
2. Chuyển đổi số trong quản lý học sinh
Bộ yêu cầu các cơ sở giáo dục hoàn thành việc sử dụng học bạ số cho toàn bộ học sinh tiểu học và trung học cơ sở, kết nối dữ liệu học bạ số với cơ sở dữ liệu ngành.
3. Giáo dục an toàn giao thông
Tổ chức cho học sinh ký cam kết chấp hành luật giao thông ngay từ đầu năm học.
II. TỔ CHỨC THỰC HIỆN
Các Sở Giáo dục và Đào tạo báo cáo kết quả thực hiện trước ngày 30 tháng 6 năm 2026.
"""

SO_2024 = """UBND TỈNH QUẢNG NINH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1500/SGDĐT-GDPT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ninh, ngày 5 tháng 9 năm 2024

V/v hướng dẫn nhiệm vụ năm học 2024-2025

Kính gửi: Hiệu trưởng các trường trung học phổ thông

Thực hiện hướng dẫn của Bộ GD&ĐT về chuyển đổi số, Sở GD&ĐT hướng dẫn các trường triển khai nhiệm vụ năm học 2024-2025 như sau:

I. NHIỆM VỤ TRỌNG TÂM
1. Chuyển đổi số trong nhà trường
Sở yêu cầu các trường triển khai học bạ số đối với học sinh lớp 1 và lớp 6 từ học kỳ I; mỗi trường cử một cán bộ phụ trách dữ liệu.
2. Xây dựng trường học xanh
a) Mỗi trường trồng ít nhất 50 cây xanh trong khuôn viên trong năm học.
b) Các trường mầm non xây dựng mô hình vườn rau dinh dưỡng để trẻ tham gia chăm sóc.
3. Giáo dục kỹ năng sống
Tăng cường giáo dục kỹ năng sống cho học sinh trong các trường học, giáo dục đạo đức, lối sống cho học sinh; đổi mới hoạt động giáo dục học sinh trong các trường học theo hướng trải nghiệm.
II. TỔ CHỨC THỰC HIỆN
Các trường báo cáo kết quả về Sở trước ngày 25 tháng 5 năm 2025.
"""

SO_2025 = """UBND TỈNH QUẢNG NINH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1620/SGDĐT-QLT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ninh, ngày 10 tháng 9 năm 2025

V/v tuyển sinh lớp 10 năm học 2025-2026

Kính gửi: Hiệu trưởng các trường trung học phổ thông

I. PHƯƠNG THỨC TUYỂN SINH
1. Thi tuyển ba môn Toán, Ngữ văn, Tiếng Anh; điểm xét tuyển là tổng điểm ba bài thi.
2. Tuyển thẳng học sinh đạt giải cấp quốc gia.
II. TỔ CHỨC THỰC HIỆN
Phòng Quản lý thi công bố lịch thi trước ngày 15 tháng 3 năm 2026.
"""

UBND_2023 = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NINH
Số: 07/CT-UBND
Quảng Ninh, ngày 12 tháng 9 năm 2023

CHỈ THỊ
Về nhiệm vụ trọng tâm năm học 2023-2024

I. NHIỆM VỤ TRỌNG TÂM
1. Phát triển mạng lưới trường lớp
Sắp xếp, sáp nhập các điểm trường lẻ, giảm 30 điểm trường lẻ.
2. Bảo đảm an toàn trường học
Phòng, chống đuối nước cho học sinh trong dịp hè.
II. TỔ CHỨC THỰC HIỆN
Sở Giáo dục và Đào tạo chủ trì theo dõi, đôn đốc thực hiện Chỉ thị này.
"""

FILES = {
    "bo-gddt_2025-2026_huong-dan.txt": BO_2025,
    "quang-ninh_2024-2025_so-huong-dan.txt": SO_2024,
    "quang-ninh_2025-2026_so-tuyen-sinh.txt": SO_2025,
    "quang-ninh_2023-2024_chi-thi.txt": UBND_2023,
}


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder

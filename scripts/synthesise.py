"""Write an invented, province-scale records tree for benchmarks and tests.

Usage: python scripts/synthesise.py OUT_DIR [--scale 1.0] [--seed 0]

`synthesise(out_dir, scale, seed)` copies the real vocabularies, localities and
documents (and the schemas, so that the editor modelines resolve) and invents
organizations (≥150×scale), partnerships (≥300×scale, to the communes of the 9
mountainous districts on 16/4/2020 and to some of the districts) and activities
(≥20 000×scale, records/activities/2020..2025/). The tree validates with no
error and no warning (`--today 2026-11-26`). The same seed gives the same
bytes. YAML is written as text, not through yaml.dump, so that scale 10
(≈200 000 files) is written in well under a minute.

Nothing here is real: names of companies, amounts, dates, titles and links are
made up; only the localities, documents and vocabularies are the repository's.

Slugs, dates, the editor modeline and the reading of records are the package's
own, so that the tree says what `new` would write and reads what the validator
reads.
"""
from __future__ import annotations

import argparse
import datetime
import functools
import math
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # the package of this checkout, also when run as a plain script

from generator.canonical import modeline  # noqa: E402
from generator.dates import first_day, last_day, span, vi_date  # noqa: E402
from generator.loader import Document, load_file  # noqa: E402
from generator.records import Record  # noqa: E402
from generator.rules.duplicates import likely_duplicates  # noqa: E402

RECORDS = PROJECT / "records"
SCHEMAS = PROJECT / "schemas"
COPIED = ("vocabularies", "localities", "documents", "programmes")

PLAN_DATE = "2020-04-16"  # QĐ 1100/QĐ-UBND: the communes and districts of that day
LAST_DATE = "2025-12-31"  # activities are spread over 2020..2025
BASE_ORGANIZATIONS = 150
BASE_PARTNERSHIPS = 300
BASE_ACTIVITIES = 20_000

# --------------------------------------------------------------------------- text helpers

_PLAIN_START = re.compile(r"[A-Za-zÀ-ỹĐđ(]")
_NEEDS_QUOTES = re.compile(r": |:$| #|^\s|\s$|[\x00-\x1f\"\\]")
_SPECIAL_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def q(value: str) -> str:
    """A YAML scalar for `value`: plain when that is safe, else single-quoted."""
    if (value and _PLAIN_START.match(value) and not _NEEDS_QUOTES.search(value)
            and value.lower() not in _SPECIAL_WORDS):
        return value
    return "'" + value.replace("'", "''") + "'"


# The slugify of `new` and of the site's headings. Remembered, because titles recur (the
# templates are few) and python-slugify 9 looks for an optional transliteration package on
# every call: uncached, the links' slugs alone would cost about a second at scale 1.
slug = functools.lru_cache(maxsize=None)(slugify)


def vi_money(amount: int) -> str:
    """150 triệu đồng, 1,25 tỷ đồng, 800 nghìn đồng."""
    def short(x: float) -> str:
        text = f"{x:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if amount >= 1_000_000_000:
        return f"{short(amount / 1_000_000_000)} tỷ đồng"
    if amount >= 1_000_000:
        return f"{short(amount / 1_000_000)} triệu đồng"
    return f"{short(amount / 1_000)} nghìn đồng"


# --------------------------------------------------------------------------- invented names

PROVINCIAL = [
    ("Sở Tài chính tỉnh Quảng Nam", "Sở Tài chính", "co-quan-tinh"),
    ("Sở Kế hoạch và Đầu tư tỉnh Quảng Nam", "Sở KH-ĐT", "co-quan-tinh"),
    ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Nam", "Sở NN-PTNT", "co-quan-tinh"),
    ("Sở Giáo dục và Đào tạo tỉnh Quảng Nam", "Sở GD-ĐT", "co-quan-tinh"),
    ("Sở Y tế tỉnh Quảng Nam", "Sở Y tế", "co-quan-tinh"),
    ("Sở Xây dựng tỉnh Quảng Nam", "Sở Xây dựng", "co-quan-tinh"),
    ("Sở Giao thông vận tải tỉnh Quảng Nam", "Sở GTVT", "co-quan-tinh"),
    ("Sở Tư pháp tỉnh Quảng Nam", "Sở Tư pháp", "co-quan-tinh"),
    ("Sở Nội vụ tỉnh Quảng Nam", "Sở Nội vụ", "co-quan-tinh"),
    ("Sở Công Thương tỉnh Quảng Nam", "Sở Công Thương", "co-quan-tinh"),
    ("Sở Tài nguyên và Môi trường tỉnh Quảng Nam", "Sở TN-MT", "co-quan-tinh"),
    ("Sở Thông tin và Truyền thông tỉnh Quảng Nam", "Sở TT-TT", "co-quan-tinh"),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam", "Sở VH-TT-DL", "co-quan-tinh"),
    ("Sở Lao động - Thương binh và Xã hội tỉnh Quảng Nam", "Sở LĐ-TB-XH", "co-quan-tinh"),
    ("Sở Khoa học và Công nghệ tỉnh Quảng Nam", "Sở KH-CN", "co-quan-tinh"),
    ("Sở Ngoại vụ tỉnh Quảng Nam", "Sở Ngoại vụ", "co-quan-tinh"),
    ("Ban Dân tộc tỉnh Quảng Nam", "Ban Dân tộc", "co-quan-tinh"),
    ("Văn phòng UBND tỉnh Quảng Nam", "Văn phòng UBND tỉnh", "co-quan-tinh"),
    ("Văn phòng Tỉnh ủy Quảng Nam", "Văn phòng Tỉnh ủy", "co-quan-tinh"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh Quảng Nam", "Văn phòng Đoàn ĐBQH và HĐND", "co-quan-tinh"),
    ("Thanh tra tỉnh Quảng Nam", "Thanh tra tỉnh", "co-quan-tinh"),
    ("Ban Tổ chức Tỉnh ủy Quảng Nam", "Ban Tổ chức Tỉnh ủy", "co-quan-tinh"),
    ("Ban Tuyên giáo Tỉnh ủy Quảng Nam", "Ban Tuyên giáo Tỉnh ủy", "co-quan-tinh"),
    ("Ban Dân vận Tỉnh ủy Quảng Nam", "Ban Dân vận Tỉnh ủy", "co-quan-tinh"),
    ("Ủy ban Kiểm tra Tỉnh ủy Quảng Nam", "UBKT Tỉnh ủy", "co-quan-tinh"),
    ("Ban Nội chính Tỉnh ủy Quảng Nam", "Ban Nội chính Tỉnh ủy", "co-quan-tinh"),
    ("Cục Thuế tỉnh Quảng Nam", "Cục Thuế", "co-quan-tinh"),
    ("Kho bạc Nhà nước Quảng Nam", "KBNN Quảng Nam", "co-quan-tinh"),
    ("Cục Thống kê tỉnh Quảng Nam", "Cục Thống kê", "co-quan-tinh"),
    ("Bảo hiểm xã hội tỉnh Quảng Nam", "BHXH tỉnh", "co-quan-tinh"),
    ("Cục Hải quan tỉnh Quảng Nam", "Cục Hải quan", "co-quan-tinh"),
    ("Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", "Ủy ban MTTQ tỉnh", "doan-the"),
    ("Hội Liên hiệp Phụ nữ tỉnh Quảng Nam", "Hội LHPN tỉnh", "doan-the"),
    ("Tỉnh đoàn Quảng Nam", "Tỉnh đoàn", "doan-the"),
    ("Hội Nông dân tỉnh Quảng Nam", "Hội Nông dân tỉnh", "doan-the"),
    ("Hội Cựu chiến binh tỉnh Quảng Nam", "Hội CCB tỉnh", "doan-the"),
    ("Liên đoàn Lao động tỉnh Quảng Nam", "LĐLĐ tỉnh", "doan-the"),
    ("Hội Chữ thập đỏ tỉnh Quảng Nam", "Hội Chữ thập đỏ tỉnh", "doan-the"),
    ("Liên minh Hợp tác xã tỉnh Quảng Nam", "Liên minh HTX tỉnh", "doan-the"),
    ("Hội Luật gia tỉnh Quảng Nam", "Hội Luật gia tỉnh", "doan-the"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Quảng Nam", "Liên hiệp các Hội KH-KT", "doan-the"),
    ("Hội Doanh nhân trẻ tỉnh Quảng Nam", "Hội Doanh nhân trẻ", "doan-the"),
    ("Bộ Chỉ huy Quân sự tỉnh Quảng Nam", "Bộ CHQS tỉnh", "luc-luong-vu-trang"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Nam", "BĐBP tỉnh", "luc-luong-vu-trang"),
    ("Công an tỉnh Quảng Nam", "Công an tỉnh", "luc-luong-vu-trang"),
    ("Trường Quân sự tỉnh Quảng Nam", "Trường Quân sự tỉnh", "luc-luong-vu-trang"),
    ("Trường Cao đẳng Quảng Nam", "Trường CĐ Quảng Nam", "don-vi-su-nghiep"),
    ("Trường Đại học Quảng Nam", "Trường ĐH Quảng Nam", "don-vi-su-nghiep"),
    ("Trường Chính trị tỉnh Quảng Nam", "Trường Chính trị tỉnh", "don-vi-su-nghiep"),
    ("Bệnh viện Đa khoa tỉnh Quảng Nam", "BVĐK tỉnh", "don-vi-su-nghiep"),
    ("Bệnh viện Đa khoa Trung ương Quảng Nam", "BVĐK Trung ương Quảng Nam", "don-vi-su-nghiep"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh Quảng Nam", "CDC Quảng Nam", "don-vi-su-nghiep"),
    ("Đài Phát thanh - Truyền hình Quảng Nam", "QRT", "don-vi-su-nghiep"),
    ("Báo Quảng Nam", "Báo Quảng Nam", "don-vi-su-nghiep"),
    ("Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh Quảng Nam", "BQL các KKT và KCN", "don-vi-su-nghiep"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Quảng Nam", "BQL DA giao thông", "don-vi-su-nghiep"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và PTNT tỉnh Quảng Nam", "BQL DA nông nghiệp", "don-vi-su-nghiep"),
    ("Quỹ Đầu tư phát triển Quảng Nam", "Quỹ Đầu tư phát triển", "don-vi-su-nghiep"),
    ("Trung tâm Khuyến nông tỉnh Quảng Nam", "Trung tâm Khuyến nông", "don-vi-su-nghiep"),
    ("Ngân hàng TMCP Công Thương Việt Nam - Chi nhánh Quảng Nam", "VietinBank Quảng Nam", "doanh-nghiep"),
    ("Ngân hàng Nông nghiệp và Phát triển nông thôn - Chi nhánh tỉnh Quảng Nam", "Agribank Quảng Nam", "doanh-nghiep"),
    ("Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh Quảng Nam", "BIDV Quảng Nam", "doanh-nghiep"),
    ("Ngân hàng TMCP Ngoại thương Việt Nam - Chi nhánh Quảng Nam", "Vietcombank Quảng Nam", "doanh-nghiep"),
    ("Ngân hàng Chính sách xã hội - Chi nhánh tỉnh Quảng Nam", "NHCSXH Quảng Nam", "doanh-nghiep"),
    ("Công ty Điện lực Quảng Nam", "PC Quảng Nam", "doanh-nghiep"),
    ("Viettel Quảng Nam", "Viettel Quảng Nam", "doanh-nghiep"),
    ("VNPT Quảng Nam", "VNPT Quảng Nam", "doanh-nghiep"),
    ("Công ty Cổ phần Cấp thoát nước Quảng Nam", "Cấp thoát nước Quảng Nam", "doanh-nghiep"),
    ("Công ty TNHH MTV Khai thác thủy lợi Quảng Nam", "Thủy lợi Quảng Nam", "doanh-nghiep"),
    ("Công ty Cổ phần Môi trường đô thị Quảng Nam", "Môi trường đô thị Quảng Nam", "doanh-nghiep"),
    ("Công ty Xổ số kiến thiết Quảng Nam", "Xổ số Quảng Nam", "doanh-nghiep"),
    ("Công ty TNHH MTV Lâm nghiệp Sông Tranh", "Lâm nghiệp Sông Tranh", "doanh-nghiep"),
    ("Công ty Thủy điện A Vương", "Thủy điện A Vương", "doanh-nghiep"),
    ("Công ty Cổ phần Thủy điện Sông Bung", "Thủy điện Sông Bung", "doanh-nghiep"),
]
DELTA = ["huyen-dai-loc", "huyen-duy-xuyen", "huyen-nui-thanh", "huyen-phu-ninh", "huyen-que-son",
         "huyen-thang-binh", "thanh-pho-hoi-an", "thanh-pho-tam-ky", "thi-xa-dien-ban"]
COMPANY_FORMS = ["Công ty Cổ phần", "Công ty TNHH", "Công ty TNHH MTV", "Doanh nghiệp tư nhân"]
COMPANY_TRADES = ["Xây dựng", "Thương mại", "Dược phẩm", "Vật liệu xây dựng", "Nông sản", "Chế biến gỗ",
                  "Du lịch", "Vận tải", "Điện lực", "Thủy sản", "Khoáng sản", "Lâm sản", "Dệt may",
                  "Cơ khí", "Thực phẩm", "Sâm Ngọc Linh", "Đầu tư phát triển", "Tư vấn thiết kế"]
BRANDS = ["Phú Thịnh", "An Phát", "Hòa Bình", "Trường Sơn", "Sông Thu", "Ngọc Linh", "Tam Thanh",
          "Hội An Xanh", "Phước Thành", "Minh Quang", "Thành Đạt", "Đại Phong", "Kim Long", "Hưng Thịnh",
          "Vạn Xuân", "Tân Phú", "Thiên Ân", "Bình Minh", "Đông Á", "Việt Trung", "Sơn Trà", "Chu Lai",
          "Hồng Phúc", "Quảng Đà", "Lộc Phát", "Hà Lam", "Cẩm Lệ", "Núi Thành", "Thái Sơn", "Bảo Lộc"]
CO_OPS = ["Hợp tác xã Nông nghiệp", "Hợp tác xã Dịch vụ", "Quỹ Từ thiện", "Câu lạc bộ Doanh nhân"]
CITIES = ["thanh-pho-tam-ky", "thanh-pho-hoi-an", "thi-xa-dien-ban", "huyen-nui-thanh", "huyen-dai-loc"]

VILLAGES = ["A Ur", "Pà Ô", "Ka Dồn", "Đắc Râm", "Trà Văn", "Ra Đếc", "Bhờ Hôồng", "Tu Núc", "A Sờ",
            "Pả Xua", "Đăk Xé", "Tắk Pổ", "Long Viên", "Ba Hương", "Ban Mai", "Tơ Ngon", "Công Dồn",
            "A Rui", "Cà Dăng", "Pơ Rning", "Ngọc Linh", "Vàng Ngọc", "Trà Cang", "Nước Vin", "Tắk Ngo"]
ETHNIC = {"huyen-tay-giang": ["Cơ Tu"], "huyen-dong-giang": ["Cơ Tu"], "huyen-nam-giang": ["Cơ Tu", "Giẻ Triêng"],
          "huyen-phuoc-son": ["Bh'noong", "Giẻ Triêng"], "huyen-bac-tra-my": ["Ca Dong", "Co"],
          "huyen-nam-tra-my": ["Xơ Đăng", "Ca Dong", "Mnông"], "huyen-hiep-duc": ["Co", "Ca Dong"],
          "huyen-tien-phuoc": ["Co"], "huyen-nong-son": ["Cơ Tu", "Co"]}
ANIMALS = ["bò", "bê", "heo", "dê", "gà", "vịt", "heo đen bản địa", "bò cái sinh sản"]
CROPS = ["sâm Ngọc Linh", "quế Trà My", "ba kích", "đảng sâm", "lúa nước", "keo lai", "chuối mốc",
         "gừng", "dứa", "nghệ", "bưởi", "cà gai leo", "mít Thái", "mây tre", "lúa rẫy"]
PRODUCTS = ["quế Trà My", "sâm Ngọc Linh", "gạo Zèng", "rượu cần", "mật ong rừng", "đảng sâm",
            "ba kích tím", "chè dây", "thổ cẩm Cơ Tu", "măng khô", "heo đen"]
TRADES = ["may công nghiệp", "dệt thổ cẩm", "sửa chữa máy nông nghiệp", "nấu ăn", "mộc dân dụng",
          "chăn nuôi thú y", "trồng nấm", "điện dân dụng", "đan lát mây tre"]
MACHINES = ["xát lúa", "cày mini", "cắt cỏ", "bơm nước", "xay xát", "băm chuối", "phun thuốc"]
SCHOOLS = ["Tiểu học", "THCS", "Phổ thông Dân tộc bán trú Tiểu học", "Phổ thông Dân tộc bán trú THCS", "Mẫu giáo"]
CRITERIA = [(2, "giao thông"), (3, "thủy lợi"), (4, "điện"), (5, "trường học"), (6, "cơ sở vật chất văn hóa"),
            (7, "cơ sở hạ tầng thương mại nông thôn"), (8, "thông tin và truyền thông"), (9, "nhà ở dân cư"),
            (10, "thu nhập"), (11, "nghèo đa chiều"), (12, "lao động"), (13, "tổ chức sản xuất"),
            (14, "giáo dục và đào tạo"), (15, "y tế"), (16, "văn hóa"), (17, "môi trường và an toàn thực phẩm"),
            (18, "hệ thống chính trị"), (19, "quốc phòng và an ninh")]
TOPICS = ["phòng, chống ma túy", "hôn nhân và gia đình", "bảo vệ rừng", "an ninh biên giới",
          "phòng, chống mua bán người", "bình đẳng giới", "phòng, chống bạo lực gia đình", "đất đai"]
GIFTS = [("Tết Nguyên đán", 1), ("Trung thu", 9), ("năm học mới", 8), ("Ngày Thương binh - Liệt sĩ", 7),
         ("mùa mưa lũ", 10), ("Tết Nguyên đán", 2)]
PUBLISHERS = [
    ("Báo Quảng Nam", "https://baoquangnam.vn/{section}/{slug}-{num}.html"),
    ("Đài Phát thanh - Truyền hình Quảng Nam", "https://qrt.vn/{section}/{slug}-{num}/"),
    ("Báo Dân tộc và Phát triển", "https://baodantoc.vn/{slug}-{num}.htm"),
    ("Cổng thông tin điện tử tỉnh Quảng Nam", "https://quangnam.gov.vn/tin-tuc/{slug}-{num}.html"),
    ("Ban Dân tộc tỉnh Quảng Nam", "https://bdt.quangnam.gov.vn/tin-hoat-dong/{slug}-{num}.html"),
]
SECTIONS = ["xa-hoi", "kinh-te", "chinh-tri", "giao-duc", "suc-khoe", "van-hoa", "mien-nui"]

# category -> (id word, title templates, action sentence, tags, money range in million đồng, beneficiaries note)
# Templates use {loc} (xã Trà Leng), {thon}, {n}, {animal}, {crop}, {product}, {trade}, {machine},
# {school}, {crit}, {topic}, {gift}, {ethnic}.
CATEGORIES = {
    "ket-noi-doanh-nghiep": ("ket-noi-doanh-nghiep", [
        "Kết nối doanh nghiệp bao tiêu {product} cho đồng bào {loc}",
        "Hội nghị xúc tiến đầu tư, kết nối doanh nghiệp với {loc}"],
        "mời doanh nghiệp khảo sát, ký kết bao tiêu sản phẩm {product} với các tổ hợp tác", ["qd1719-da3"], (0, 50), "hộ tham gia liên kết"),
    "chuong-trinh-chinh-sach": ("chuong-trinh", [
        "Hỗ trợ {loc} triển khai dự án phát triển sản xuất theo chuỗi giá trị",
        "Phối hợp thực hiện Chương trình mục tiêu quốc gia tại {loc}"],
        "hướng dẫn xây dựng hồ sơ dự án, giải ngân vốn Chương trình mục tiêu quốc gia", ["qd1719-da3", "qd90-da2"], (20, 600), "hộ thuộc dự án"),
    "nong-thon-moi": ("nong-thon-moi", [
        "Hỗ trợ {loc} hoàn thành tiêu chí {crit} nông thôn mới",
        "Xây dựng khu dân cư nông thôn mới kiểu mẫu ở {thon}, {loc}"],
        "hỗ trợ vật tư và ngày công để hoàn thành tiêu chí {crit}", [], (50, 1500), "hộ trong thôn"),
    "van-hoa-truyen-thong": ("van-hoa", [
        "Trao tặng bộ cồng chiêng cho {thon}, {loc}",
        "Phục dựng lễ hội truyền thống của đồng bào {ethnic} ở {loc}"],
        "trao bộ cồng chiêng, trang phục truyền thống và hỗ trợ đội văn nghệ thôn", ["qd1719-da6"], (10, 200), "người tham gia đội văn nghệ"),
    "thuong-hieu-san-pham": ("thuong-hieu", [
        "Hỗ trợ xây dựng nhãn hiệu {product} của {loc}",
        "Quảng bá sản phẩm OCOP {product} tại hội chợ"],
        "hỗ trợ thiết kế bao bì, đăng ký nhãn hiệu và đưa sản phẩm {product} lên sàn thương mại điện tử", ["qd1719-da3"], (10, 300), "hộ sản xuất"),
    "tap-huan-lam-an": ("tap-huan", [
        "Tập huấn kỹ thuật trồng {crop} cho hộ đồng bào {ethnic} ở {loc}",
        "Hướng dẫn cách làm ăn, chi tiêu tiết kiệm cho phụ nữ {loc}"],
        "mời cán bộ khuyến nông hướng dẫn kỹ thuật trồng, chăm sóc {crop} và ghi chép thu chi gia đình", ["qd90-da3"], (3, 60), "người dự tập huấn"),
    "mo-hinh-sinh-ke": ("sinh-ke", [
        "Trao {n} con {animal} giống cho hộ nghèo {loc}",
        "Xây dựng mô hình trồng {crop} tại {thon}, {loc}",
        "Hỗ trợ tổ hợp tác chăn nuôi {animal} ở {loc}"],
        "trao con giống, cây giống và thức ăn, kèm hướng dẫn chăm sóc", ["qd90-da2", "qd1719-da3"], (20, 500), "hộ nghèo, cận nghèo"),
    "dao-tao-nghe": ("day-nghe", [
        "Mở lớp dạy nghề {trade} cho lao động {loc}",
        "Tư vấn, giới thiệu việc làm cho thanh niên {loc}"],
        "mở lớp dạy nghề {trade} ba tháng và giới thiệu học viên đến doanh nghiệp", ["qd90-da4", "qd1719-da5"], (30, 400), "lao động"),
    "cong-cu-san-xuat": ("cong-cu", [
        "Trao {n} máy {machine} cho hộ nghèo {loc}",
        "Hỗ trợ nông cụ sản xuất cho bà con {thon}, {loc}"],
        "trao máy {machine}, cuốc, xẻng và bình phun cho các hộ", ["qd90-da3"], (10, 250), "hộ nghèo"),
    "nha-sinh-hoat-cong-dong": ("nha-cong-dong", [
        "Xây dựng nhà sinh hoạt cộng đồng {thon}, {loc}",
        "Khánh thành nhà Gươl {thon}, {loc}"],
        "khởi công rồi bàn giao nhà sinh hoạt cộng đồng theo kiến trúc truyền thống", ["qd1719-da6", "ntm-tc6"], (200, 1800), "hộ trong thôn"),
    "thiet-bi-day-hoc": ("thiet-bi-day-hoc", [
        "Trao tặng {n} bộ máy vi tính cho Trường {school} {locname}",
        "Hỗ trợ bàn ghế, thiết bị dạy học cho điểm trường {thon}"],
        "trao máy vi tính, bàn ghế, tủ sách cho nhà trường", ["qd1719-da5", "ntm-tc5"], (20, 400), "học sinh"),
    "y-te": ("y-te", [
        "Trao thiết bị y tế cho Trạm Y tế {loc}",
        "Hỗ trợ sửa chữa Trạm Y tế {loc}"],
        "trao máy siêu âm, máy đo huyết áp, giường bệnh cho trạm y tế", ["qd1719-da7", "ntm-tc15"], (30, 600), "người dân trong xã"),
    "ha-tang-nong-thon": ("ha-tang", [
        "Làm {n} km đường bê tông vào {thon}, {loc}",
        "Lắp đèn chiếu sáng đường quê ở {loc}",
        "Sửa chữa đập thủy lợi {thon}, {loc}"],
        "hỗ trợ xi măng, vật tư và kinh phí thi công công trình", ["qd1719-da4", "qd90-da1", "ntm-tc2"], (100, 3000), "hộ hưởng lợi"),
    "boi-duong-can-bo": ("boi-duong", [
        "Bồi dưỡng kỹ năng cho cán bộ xã, thôn và người có uy tín {loc}",
        "Tập huấn nghiệp vụ cho cán bộ thôn {loc}"],
        "tổ chức lớp bồi dưỡng hai ngày cho cán bộ xã, trưởng thôn và người có uy tín", ["qd1719-da10"], (5, 80), "cán bộ xã, thôn"),
    "cung-co-to-chuc": ("cung-co", [
        "Hỗ trợ củng cố tổ chức cơ sở đảng ở {loc}",
        "Phối hợp tuần tra, giữ gìn an ninh trật tự tại {loc}"],
        "cử cán bộ tăng cường, hướng dẫn sinh hoạt chi bộ và phối hợp với dân quân tuần tra", ["ntm-tc19"], (0, 60), "đảng viên, dân quân"),
    "trang-thiet-bi-xa-thon": ("trang-thiet-bi", [
        "Trao tặng bàn ghế, máy tính cho UBND {loc}",
        "Hỗ trợ loa truyền thanh cho các thôn của {loc}"],
        "trao máy tính, máy in, bàn ghế họp và hệ thống loa truyền thanh", ["ntm-tc8"], (10, 200), "cán bộ, người dân"),
    "tuyen-truyen-chinh-sach": ("tuyen-truyen", [
        "Tuyên truyền pháp luật về {topic} tại {loc}",
        "Hội nghị tuyên truyền chính sách dân tộc ở {thon}, {loc}"],
        "tổ chức hội nghị tuyên truyền, phát tờ rơi về {topic} bằng tiếng phổ thông và tiếng {ethnic}", ["qd1719-da10", "qd90-da6"], (2, 40), "người dự"),
    "bao-cao-vien": ("bao-cao-vien", [
        "Tập huấn nghiệp vụ cho báo cáo viên, tuyên truyền viên {loc}"],
        "bồi dưỡng kỹ năng nói chuyện, nắm bắt dư luận cho báo cáo viên cơ sở", ["qd1719-da10"], (3, 40), "báo cáo viên"),
    "to-tiet-kiem-vay-von": ("tiet-kiem-vay-von", [
        "Thành lập tổ tiết kiệm - vay vốn tại {thon}, {loc}",
        "Hướng dẫn tổ tiết kiệm - vay vốn của phụ nữ {loc}"],
        "hướng dẫn lập tổ, ghi sổ sách và góp vốn xoay vòng", ["qd90-da2"], (5, 100), "hộ thành viên"),
    "cau-lac-bo-phap-luat": ("clb-phap-luat", [
        "Ra mắt câu lạc bộ pháp luật {thon}, {loc}"],
        "ra mắt câu lạc bộ, tặng tủ sách pháp luật và tài liệu kỹ thuật", ["qd1719-da10"], (3, 50), "thành viên câu lạc bộ"),
    "xoa-bo-hu-tuc": ("xoa-bo-hu-tuc", [
        "Vận động xóa bỏ tảo hôn, hôn nhân cận huyết thống ở {loc}",
        "Vận động bà con {thon} bỏ tập tục lạc hậu trong tang ma"],
        "tổ chức các buổi nói chuyện, ký cam kết không tảo hôn, không tổ chức tang ma kéo dài", ["qd1719-da8"], (2, 40), "người dự"),
    "kham-chua-benh": ("kham-benh", [
        "Khám bệnh, cấp thuốc miễn phí cho {n} người dân {loc}",
        "Khám sàng lọc, tư vấn dinh dưỡng cho trẻ em {loc}"],
        "cử đoàn y, bác sĩ khám bệnh, cấp thuốc miễn phí và tư vấn phòng bệnh", ["qd1719-da7"], (10, 200), "người được khám"),
    "ho-tro-hoc-tap": ("hoc-bong", [
        "Trao {n} suất học bổng cho học sinh {loc}",
        "Tặng sách vở, áo ấm cho học sinh bán trú {loc}"],
        "trao học bổng, xe đạp, sách vở cho học sinh đồng bào {ethnic} vượt khó", ["qd1719-da5"], (10, 200), "học sinh"),
    "nha-o": ("nha-o", [
        "Bàn giao nhà đại đoàn kết cho hộ nghèo ở {thon}, {loc}",
        "Hỗ trợ xóa nhà tạm cho {n} hộ nghèo {loc}",
        "Xây nhà vệ sinh cho hộ nghèo {loc}"],
        "hỗ trợ xây mới nhà ở kiên cố cho hộ nghèo có hoàn cảnh khó khăn", ["qd1719-da1", "qd90-da5", "ntm-tc9"], (40, 1200), "hộ nghèo"),
    "tham-tang-qua": ("tang-qua", [
        "Thăm, tặng quà {gift} cho hộ nghèo {loc}",
        "Trao quà {gift} cho gia đình chính sách ở {loc}"],
        "trao quà gồm gạo, dầu ăn, chăn ấm và tiền mặt", [], (5, 150), "hộ nghèo, gia đình chính sách"),
}

CLOSINGS = [
    "Hoạt động nằm trong Kế hoạch kết nghĩa giai đoạn 2020-2025 ban hành kèm Quyết định 1100/QĐ-UBND của UBND tỉnh.",
    "Đại diện chính quyền địa phương cảm ơn sự quan tâm, đồng hành của đơn vị kết nghĩa.",
    "Đơn vị cam kết tiếp tục theo dõi, hướng dẫn bà con sử dụng hiệu quả phần hỗ trợ.",
    "Các hộ nhận hỗ trợ ký cam kết sử dụng đúng mục đích, không bán, không cho thuê.",
    "Xã giao cho Mặt trận và các đoàn thể giám sát việc sử dụng phần hỗ trợ.",
    "Theo kế hoạch, năm sau đơn vị sẽ mở rộng mô hình sang các thôn lân cận.",
]
OPENINGS = [
    "Ngày {date}, {sponsor} phối hợp với UBND {loc} {action}.",
    "Trong đợt công tác ngày {date}, đoàn công tác của {sponsor} đến {loc} để {action}.",
    "Thực hiện chương trình kết nghĩa, ngày {date} {sponsor} đã {action} tại {loc}.",
]


# --------------------------------------------------------------------------- the model

@dataclass
class Locality:
    id: str
    name: str
    level: str
    parent: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor: str | None
    data: dict = field(repr=False, default_factory=dict)

    @property
    def shown(self) -> str:
        prefix = {"xa": "xã", "thi-tran": "thị trấn", "huyen": "huyện", "thi-xa": "thị xã",
                  "thanh-pho": "thành phố", "tinh": "tỉnh", "phuong": "phường"}.get(self.level, "")
        return f"{prefix} {self.name}".strip()

    def exists_on(self, when: datetime.date) -> bool:
        return (self.valid_from is None or when >= self.valid_from) and (self.valid_to is None or when <= self.valid_to)


@dataclass
class Organization:
    id: str
    name: str
    short: str
    kind: str
    locality: str | None


@dataclass
class Partnership:
    id: str
    sponsors: list
    locality: Locality
    start: datetime.date
    end: datetime.date | None
    window: tuple  # (first, last) day activities may take place
    communes: list  # for a district: its communes, for `locality:` of activities


def _read(path: Path):
    """A record's data as the validator reads it (the strict loader: dates stay the text
    written). A file it refuses stops the script with the validator's message."""
    doc, problems = load_file(path, str(path.relative_to(PROJECT)))
    if doc is None:
        raise SystemExit("\n".join(problem.text() for problem in problems))
    return doc.data


def _load_localities() -> dict:
    found = {}
    for path in sorted((RECORDS / "localities").glob("*.yaml")):
        data = _read(path)
        # A partial date ("2025-07") means its whole span: from its first day, to its last.
        valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
        found[data["id"]] = Locality(data["id"], data["name"], data["level"], data.get("parent"),
                                     first_day(valid_from) if valid_from else None,
                                     last_day(valid_to) if valid_to else None,
                                     data.get("successor"), data)
    return found


def _categories() -> list:
    """The codes of support-categories.yaml; a code without hand-written templates gets generic ones."""
    data = _read(RECORDS / "vocabularies" / "support-categories.yaml")
    codes = []
    for item in data["items"]:
        code, label = item["code"], str(item.get("label", item["code"])).replace("{", "(").replace("}", ")")
        if code not in CATEGORIES:
            CATEGORIES[code] = (code, [f"{label} tại {{loc}}"], f"triển khai nội dung: {label.lower()}", [], (5, 200),
                                "người hưởng lợi")
        codes.append(code)
    return codes


class _Ids:
    """Unique ids (case-insensitive, as the validator wants)."""

    def __init__(self):
        self.used: set = set()

    def __call__(self, base: str) -> str:
        base = base[:110].strip("-")
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _organizations(rng: random.Random, count: int, localities: dict, delta_count: int) -> tuple[list, list]:
    ids = _Ids()
    delta = []
    for locality_id in DELTA[:delta_count]:
        loc = localities[locality_id]
        name = f"UBND {loc.shown}"
        delta.append(Organization(ids(slug(f"ubnd-{locality_id}")), name, name, "dia-phuong-dong-bang", locality_id))
    pool = [(n, s, k) for n, s, k in PROVINCIAL]
    invented = []
    for form in COMPANY_FORMS:
        for trade in COMPANY_TRADES:
            for brand in BRANDS:
                invented.append((f"{form} {trade} {brand}", f"{trade} {brand}", "doanh-nghiep"))
    for kind in CO_OPS:
        for brand in BRANDS:
            invented.append((f"{kind} {brand}", f"{kind.split()[0]} {brand}", "khac"))
    rng.shuffle(invented)
    pool += invented
    others = []
    rest = max(count - len(delta), 1)
    for i in range(rest):
        name, short, kind = pool[i % len(pool)]
        if i >= len(pool):  # beyond every invented name: numbered branches
            name, short = f"{name} - Chi nhánh số {i // len(pool) + 1}", f"{short} {i // len(pool) + 1}"
        where = "thanh-pho-tam-ky" if kind != "doanh-nghiep" else rng.choice(CITIES)
        others.append(Organization(ids(slug(name)), name, short, kind, where))
    return delta, others


def _successor_at(localities: dict, loc: Locality, when: datetime.date) -> Locality | None:
    """The locality in `loc`'s successor chain that exists on `when`."""
    current, seen = loc, set()
    while current is not None and current.id not in seen:
        if current.exists_on(when):
            return current
        seen.add(current.id)
        current = localities.get(current.successor or "")
    return None


def _chain_end(localities: dict, loc: Locality, limit: datetime.date) -> datetime.date:
    """Last day (≤ limit) on which `loc` or one of its successors exists, without gaps."""
    current, end = loc, loc.valid_to or limit
    while current.valid_to is not None and current.successor in localities:
        nxt = localities[current.successor]
        if nxt.valid_from is None or nxt.valid_from > current.valid_to + datetime.timedelta(days=1):
            break
        current = nxt
        end = current.valid_to or limit
    return min(end, limit)


def _rand_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _partnerships(rng: random.Random, count: int, localities: dict, delta: list, others: list) -> list:
    plan = first_day(PLAN_DATE)
    mountainous = sorted(k for k, v in localities.items() if v.data.get("mountainous"))
    communes = sorted(k for k, v in localities.items()
                      if v.parent in mountainous and v.valid_from is None and (v.valid_to is None or v.valid_to > plan))
    by_district = {d: [localities[c] for c in communes if localities[c].parent == d] for d in mountainous}
    ids = _Ids()
    found = []
    district_count = max(1, min(len(mountainous), round(len(mountainous) * count / BASE_PARTNERSHIPS)))
    targets = [localities[d] for d in mountainous][:district_count]
    shuffled = communes[:]
    rng.shuffle(shuffled)
    targets += [localities[shuffled[i % len(shuffled)]] for i in range(count - len(targets))]
    sponsors_cycle = others[:]
    rng.shuffle(sponsors_cycle)
    for i, loc in enumerate(targets):
        is_district = loc.level == "huyen"
        if is_district:
            sponsors = [delta[i % len(delta)]] if delta else [sponsors_cycle[i % len(sponsors_cycle)]]
        else:
            sponsors = [sponsors_cycle[i % len(sponsors_cycle)]]
            if rng.random() < 0.15 and len(sponsors_cycle) > 1:
                second = rng.choice(sponsors_cycle)
                if second is not sponsors[0]:
                    sponsors.append(second)
        loc_last = loc.valid_to or last_day(LAST_DATE)
        latest_start = min(last_day("2023-06-30"), loc_last - datetime.timedelta(days=120))
        start = plan if rng.random() < 0.65 else _rand_day(rng, plan, latest_start)
        ongoing = not is_district and rng.random() < 0.3 and loc.successor is not None
        if ongoing:
            end = None
            window_end = _chain_end(localities, loc, last_day(LAST_DATE))
        else:
            end = min(loc_last, last_day("2025-06-30"))
            window_end = end
        stem = loc.id
        pid = ids(f"{stem}-{sponsors[0].id}")
        found.append(Partnership(pid, sponsors, loc, start, end, (start, window_end),
                                 by_district.get(loc.id, []) if is_district else []))
    return found


# --------------------------------------------------------------------------- writers

def _source_block(title: str, publisher: str, date: str, url: str | None, indent: str = "") -> list:
    lines = [f"{indent}- title: {q(title)}", f"{indent}  publisher: {q(publisher)}", f"{indent}  date: '{date}'"]
    if url:
        lines.append(f"{indent}  url: {url}")
    return lines


def _write(path: Path, lines: list) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines))
        handle.write("\n")


def _write_organization(folder: Path, org: Organization, rng: random.Random) -> None:
    lines = [modeline("organization", 1), f"id: {org.id}", f"name: {q(org.name)}"]
    if org.short != org.name:
        lines.append(f"short_name: {q(org.short)}")
    lines.append(f"kind: {org.kind}")
    if org.locality:
        lines.append(f"locality: {org.locality}")
    if rng.random() < 0.6:
        lines.append(f"website: https://{org.id[:40].replace('-', '')}.quangnam.gov.vn/")
    if rng.random() < 0.3:
        lines.append(f"note: {q('Đơn vị nhận kết nghĩa theo Kế hoạch ban hành kèm Quyết định 1100/QĐ-UBND ngày 16/4/2020.')}")
    lines.append("sources:")
    lines += _source_block("Danh sách cơ quan, đơn vị kết nghĩa, giúp đỡ các xã miền núi giai đoạn 2020-2025",
                           "UBND tỉnh Quảng Nam", PLAN_DATE,
                           "https://quangnam.gov.vn/van-ban/ke-hoach-ket-nghia-2020-2025.html")
    _write(folder / f"{org.id}.yaml", lines)


def _programmes() -> list[dict]:
    return [_read(path) for path in sorted((RECORDS / "programmes").glob("*.yaml"))]


def _programme_of(programmes: list[dict], start: datetime.date) -> str:
    """The programme of a partnership: the latest to start on or before its first day."""
    day = start.isoformat()
    started = [p for p in programmes if p["period"]["start"] <= day] or programmes
    return max(started, key=lambda p: p["period"]["start"])["id"]


def _write_partnership(folder: Path, p: Partnership, rng: random.Random, programme: str) -> None:
    names = " và ".join(s.name for s in p.sponsors)
    lines = [modeline("partnership", 1), f"id: {p.id}", f"programme: {programme}", "sponsors:"]
    lines += [f"- {s.id}" for s in p.sponsors]
    lines += [f"locality: {p.locality.id}", "basis:", "- qd-1100-qd-ubnd-2020"]
    if rng.random() < 0.4:
        lines.append("- kh-9295-kh-ubnd-2021")
    agreement_day = p.start + datetime.timedelta(days=rng.randint(10, 90))
    lines += ["agreement:", f"  title: {q(f'Giao ước kết nghĩa giữa {names} và {p.locality.shown}')}",
              f"  date: '{agreement_day.isoformat()}'", "period:", f"  start: '{p.start.isoformat()}'"]
    if p.end:
        lines.append(f"  end: '{p.end.isoformat()}'")
    if rng.random() < 0.35:
        lines.append(f"twinned_since: '{rng.choice(['2009', '2012', '2013', '2015'])}'")
    lines.append(f"status: {'ket-thuc' if p.end else 'dang-ket-nghia'}")
    description = (f"{names} nhận kết nghĩa, giúp đỡ {p.locality.shown} theo Kế hoạch ban hành kèm Quyết định "
                   f"1100/QĐ-UBND. Hai bên thống nhất tập trung hỗ trợ phát triển sản xuất, tập huấn cách làm ăn, "
                   f"giảm dần việc tặng quà.")
    lines.append(f"description: {q(description)}")
    lines.append("sources:")
    title = f"Ký kết kết nghĩa giữa {p.sponsors[0].short} và {p.locality.shown}"
    lines += _source_block(title, "Báo Quảng Nam", agreement_day.isoformat(),
                           f"https://baoquangnam.vn/chinh-tri/{slug(title)}-{rng.randint(10000, 199999)}.html")
    _write(folder / f"{p.id}.yaml", lines)


def _money(rng: random.Random, low: int, high: int) -> int:
    """A round amount in đồng between low and high million (log-uniform)."""
    if high <= 0:
        return 0
    low = max(low, 1)
    millions = math.exp(rng.uniform(math.log(low), math.log(high)))
    step = 500_000 if millions < 100 else 5_000_000
    return max(step, int(millions * 1_000_000) // step * step)


def _split(rng: random.Random, total: int) -> dict:
    parts = {}
    shape = rng.random()
    if shape < 0.35:
        parts["cash"] = total
    elif shape < 0.6:
        parts["in_kind"] = total
    else:
        cash = total * rng.randint(1, 6) // 10 // 100_000 * 100_000
        mobilised = (total - cash) * rng.randint(0, 7) // 10 // 100_000 * 100_000
        parts["cash"] = cash
        parts["in_kind"] = total - cash - mobilised
        if mobilised:
            parts["mobilised"] = mobilised
    return {k: v for k, v in parts.items() if v > 0 or k == "cash"}


def _activity(rng: random.Random, p: Partnership, code: str, when: datetime.date, month_only: bool,
              localities: dict, ids: _Ids, same_day: dict) -> tuple[str, str, list]:
    word, titles, action, tag_pool, (low, high), note = CATEGORIES[code]
    # where: the partnership's locality, a successor after a reorganisation, or a commune of a district
    where, locality_field = p.locality, None
    if not p.locality.exists_on(when):
        where = _successor_at(localities, p.locality, when)
        locality_field = where.id
    elif p.communes and rng.random() < 0.6:
        alive = [c for c in p.communes if c.exists_on(when) and (not month_only or c.valid_to is None or c.valid_to >= when.replace(day=28))]
        if alive:
            where = rng.choice(alive)
            locality_field = where.id
    district = where.parent if where.level != "huyen" else where.id
    if district not in ETHNIC:
        district = p.locality.parent if p.locality.level != "huyen" else p.locality.id
    ethnic = rng.choice(ETHNIC.get(district, ["Cơ Tu"]))
    n = rng.choice([2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50])
    gift = rng.choice(GIFTS)[0]
    crit_number, crit = rng.choice(CRITERIA)
    fill = dict(loc=where.shown, locname=where.name, thon=f"thôn {rng.choice(VILLAGES)}", n=n,
                animal=rng.choice(ANIMALS), crop=rng.choice(CROPS), product=rng.choice(PRODUCTS),
                trade=rng.choice(TRADES), machine=rng.choice(MACHINES), school=rng.choice(SCHOOLS),
                crit=crit, topic=rng.choice(TOPICS), gift=gift, ethnic=ethnic)
    title = rng.choice(titles).format(**fill)
    date_text = when.strftime("%Y-%m") if month_only else when.isoformat()
    activity_id = ids(f"{date_text}-{where.id.split('-', 1)[-1] if where.level != 'thi-tran' else where.id}-{word}")
    status_roll = rng.random()
    status = ("hoan-thanh" if status_roll < 0.85 else "dang-thuc-hien" if status_roll < 0.92
              else "ke-hoach" if status_roll < 0.97 else "huy")
    sponsor = p.sponsors[0]
    shown_date = vi_date(date_text)  # 16/4/2023, or 4/2023 for a month
    sentences = [rng.choice(OPENINGS).format(date=shown_date, sponsor=sponsor.name, loc=where.shown,
                                             action=action.format(**fill))]
    total = _money(rng, low, high) if high else 0
    parts = _split(rng, total) if total else {}
    if total:
        detail = ", ".join(f"{label} {vi_money(parts[key])}" for key, label in
                           (("cash", "tiền mặt"), ("in_kind", "hiện vật"), ("mobilised", "vận động"))
                           if parts.get(key))
        sentences.append(f"Tổng giá trị hỗ trợ khoảng {vi_money(total)}, gồm {detail}.")
    households = rng.randint(3, 250)
    people = households * rng.randint(3, 6)
    sentences.append(f"Có {households} hộ với khoảng {people} người được hưởng lợi.")
    sentences += rng.sample(CLOSINGS, rng.randint(1, 3))
    lines = [modeline("activity", 2), f"id: {activity_id}", f"partnership: {p.id}"]
    if locality_field:
        lines.append(f"locality: {locality_field}")
    lines.append(f"date: '{date_text}'")
    if not month_only and rng.random() < 0.15:
        end = min(when + datetime.timedelta(days=rng.randint(1, 60)), p.window[1])
        if where is not p.locality or locality_field:
            end = min(end, where.valid_to or end)
        if end > when:
            lines.append(f"end_date: '{end.isoformat()}'")
    lines.append(f"category: {code}")
    tags = []
    if tag_pool and rng.random() < 0.6:
        tags = rng.sample(tag_pool, rng.randint(1, len(tag_pool)))
    if code == "nong-thon-moi":
        tags.append(f"ntm-tc{crit_number}")
    if tags:
        lines.append(f"tags: [{', '.join(dict.fromkeys(tags))}]")
    lines.append(f"status: {status}")
    lines.append(f"title: {q(title)}")
    lines.append(f"description: {q(' '.join(sentences))}")
    stages = []
    if parts:
        lines.append("value:")
        stages = ["planned"] if status in ("ke-hoach", "huy") else (
            ["delivered"] if rng.random() < 0.6 else ["planned", "delivered"])
        for stage in stages:
            lines.append(f"  {stage}:")
            lines += [f"    {key}: {value}" for key, value in parts.items()]
        if parts.get("mobilised"):
            lines.append(f"  mobilised_from: {q(rng.choice(PROVINCIAL[60:])[1])}")
    if rng.random() < 0.9:
        lines += ["beneficiaries:", f"  households: {households}", f"  people: {people}", f"  note: {q(note)}"]
    lines.append("sources:")
    for i in range(1 if rng.random() < 0.7 else 2):
        publisher, pattern = PUBLISHERS[(i + rng.randint(0, len(PUBLISHERS) - 1)) % len(PUBLISHERS)]
        published = date_text if month_only else (when + datetime.timedelta(days=rng.randint(0, 4))).isoformat()
        url = pattern.format(section=rng.choice(SECTIONS), slug=slug(title)[:80], num=rng.randint(10000, 299999))
        lines += _source_block(title if i == 0 else f"{sponsor.short} đồng hành cùng {where.shown}",
                               publisher, published, url)
    # Invented activities are distinct by construction: one that the duplicate rule would
    # take for a copy of an earlier one of the same day and place says so, as staff would.
    entry = Record("activity", activity_id, Document(activity_id, {
        "id": activity_id, "partnership": p.id, "locality": where.id, "date": date_text, "title": title,
        "value": dict.fromkeys(stages, parts)}))
    earlier = same_day.setdefault((p.id, where.id, date_text), [])
    distinct = [other.id for other in earlier if likely_duplicates([other, entry])]
    if distinct:
        lines += ["distinct_from:"] + [f"  - {other}" for other in distinct[:20]]
    earlier.append(entry)
    return when.strftime("%Y"), activity_id, lines


def synthesise(out_dir, scale: float = 1.0, seed: int = 0) -> Path:
    """Write `out_dir/records` (and `out_dir/schemas`); return the records folder."""
    out_dir = Path(out_dir)
    records = out_dir / "records"
    if records.exists():
        shutil.rmtree(records)
    records.mkdir(parents=True)
    for folder in COPIED:
        shutil.copytree(RECORDS / folder, records / folder)
    if SCHEMAS.is_dir() and not (out_dir / "schemas").exists():
        shutil.copytree(SCHEMAS, out_dir / "schemas")
    rng = random.Random(seed)
    localities = _load_localities()
    codes = _categories()

    n_org = math.ceil(BASE_ORGANIZATIONS * scale)
    n_part = math.ceil(BASE_PARTNERSHIPS * scale)
    n_act = math.ceil(BASE_ACTIVITIES * scale)
    delta_count = max(1, min(len(DELTA), round(len(DELTA) * scale), n_org - 1))
    delta, others = _organizations(rng, n_org, localities, delta_count)
    folder = records / "organizations"
    folder.mkdir()
    programmes = _programmes()
    for programme in programmes:  # the coordinators the copied programmes name are real records
        if programme.get("coordinator"):
            shutil.copy(RECORDS / "organizations" / f"{programme['coordinator']}.yaml", folder)
    for org in delta + others:
        _write_organization(folder, org, rng)

    partnerships = _partnerships(rng, n_part, localities, delta, others)
    folder = records / "partnerships"
    folder.mkdir()
    for p in partnerships:
        _write_partnership(folder, p, rng, _programme_of(programmes, p.start))

    # Busy and quiet partnerships: each gets at least one activity, the rest by weight.
    weights = [rng.lognormvariate(0, 0.8) * max((p.window[1] - p.window[0]).days, 1) for p in partnerships]
    owners = list(range(len(partnerships)))[:n_act]
    owners += rng.choices(range(len(partnerships)), weights=weights, k=n_act - len(owners))
    category_weights = [6 if CATEGORIES[c][0] in ("tang-qua", "sinh-ke", "tap-huan") else 2 for c in codes]
    ids = _Ids()
    same_day: dict = {}  # (partnership, place, date) -> the activities written for it
    years_made: set = set()
    activities = records / "activities"
    for index in owners:
        p = partnerships[index]
        first, last = p.window
        when = _rand_day(rng, first, last)
        month_only = False
        if rng.random() < 0.05:  # the source gives only the month
            month_first, month_last = span(when.strftime("%Y-%m"))
            holder = _successor_at(localities, p.locality, when)
            month_only = (month_first >= first and month_last <= last and holder is not None
                          and holder.exists_on(month_first) and holder.exists_on(month_last))
        code = rng.choices(codes, weights=category_weights)[0]
        year, activity_id, lines = _activity(rng, p, code, when, month_only, localities, ids, same_day)
        if year not in years_made:
            (activities / year).mkdir(parents=True, exist_ok=True)
            years_made.add(year)
        _write(activities / year / f"{activity_id}.yaml", lines)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="folder to write; OUT_DIR/records is replaced")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    records = synthesise(args.out_dir, args.scale, args.seed)
    count = sum(len(files) for _, _, files in os.walk(records))
    print(f"{records}: {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())

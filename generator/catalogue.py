"""The rule catalogue: every check has a stable code, a severity and a Vietnamese title.

The site publishes this table; tests make sure every code here has fixtures.
"""
from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import ERROR, WARNING
from .i18n import N_


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    layer: str  # IN_FILE, IN_SCHEMA or IN_RULES
    title: str  # marked for the site's catalogue: the quality page shows it translated


# Where a check is made: the strict loader, JSON Schema, the rules beyond it.
IN_FILE, IN_SCHEMA, IN_RULES = N_("tệp"), N_("lược đồ"), N_("quy tắc")


_RULES = [
    # The strict loader.
    Rule("FILE_TOO_LARGE", ERROR, IN_FILE, N_("Tệp vượt giới hạn dung lượng của một hồ sơ")),
    Rule("FILE_ENCODING", ERROR, IN_FILE, N_("Tệp không được lưu bằng mã UTF-8")),
    Rule("FILE_CONTROL_CHAR", ERROR, IN_FILE, N_("Tệp chứa ký tự điều khiển (NUL…)")),
    Rule("FILE_UNREADABLE", ERROR, IN_FILE, N_("Không mở được tệp")),
    Rule("FILE_MERGE_CONFLICT", ERROR, IN_FILE, N_("Còn dấu xung đột khi gộp nhánh (<<<<<<<, =======, >>>>>>>)")),
    Rule("FILE_LINK", ERROR, IN_FILE, N_("Liên kết (symlink) trỏ ra ngoài thư mục hồ sơ, hoặc thư mục là liên kết")),
    Rule("FOLDER_UNREADABLE", ERROR, IN_FILE, N_("Không đọc được một thư mục hồ sơ")),
    Rule("FILE_LOCATION", ERROR, IN_FILE, N_("Tệp nằm ngoài các thư mục hồ sơ hoặc sai đuôi .yaml")),
    Rule("YAML_EMPTY", ERROR, IN_FILE, N_("Tệp trống")),
    Rule("YAML_TAB", ERROR, IN_FILE, N_("Thụt lề bằng ký tự Tab")),
    Rule("YAML_SYNTAX", ERROR, IN_FILE, N_("Cú pháp YAML không hợp lệ")),
    Rule("YAML_MULTI_DOC", ERROR, IN_FILE, N_("Nhiều tài liệu YAML trong một tệp")),
    Rule("YAML_ALIAS", ERROR, IN_FILE, N_("Dùng anchor hoặc alias YAML")),
    Rule("YAML_TAG", ERROR, IN_FILE, N_("Dùng thẻ YAML (!!…)")),
    Rule("YAML_KEY", ERROR, IN_FILE, N_("Tên trường không phải chữ đơn giản")),
    Rule("YAML_DUPLICATE_KEY", ERROR, IN_FILE, N_("Một trường xuất hiện hai lần")),
    Rule("YAML_NESTING", ERROR, IN_FILE, N_("Cấu trúc lồng quá sâu")),
    Rule("YAML_NOT_MAPPING", ERROR, IN_FILE, N_("Tệp không phải là một bảng trường")),
    # JSON Schema, one code per kind of failure.
    Rule("SCHEMA_REQUIRED", ERROR, IN_SCHEMA, N_("Thiếu trường bắt buộc")),
    Rule("SCHEMA_UNKNOWN_FIELD", ERROR, IN_SCHEMA, N_("Trường không có trong lược đồ")),
    Rule("SCHEMA_TYPE", ERROR, IN_SCHEMA, N_("Sai kiểu giá trị")),
    Rule("SCHEMA_ENUM", ERROR, IN_SCHEMA, N_("Mã không có trong danh mục")),
    Rule("SCHEMA_FORMAT", ERROR, IN_SCHEMA, N_("Sai định dạng (ngày, đường dẫn)")),
    Rule("SCHEMA_PATTERN", ERROR, IN_SCHEMA, N_("Sai mẫu (mã, số hiệu)")),
    Rule("SCHEMA_LENGTH", ERROR, IN_SCHEMA, N_("Chuỗi hoặc danh sách quá ngắn, quá dài, trùng lặp")),
    Rule("SCHEMA_OTHER", ERROR, IN_SCHEMA, N_("Vi phạm lược đồ khác")),
    Rule("SCHEMA_TOO_MANY", ERROR, IN_SCHEMA, N_("Quá nhiều lỗi lược đồ trong một tệp: dừng kiểm tra tệp đó")),
    # Rules beyond the schema.
    Rule("ID_MISMATCH", ERROR, IN_RULES, N_("Mã hồ sơ khác tên tệp")),
    Rule("ID_DUPLICATE", ERROR, IN_RULES, N_("Hai hồ sơ cùng loại trùng mã (không phân biệt hoa thường)")),
    Rule("REF_UNKNOWN", ERROR, IN_RULES, N_("Tham chiếu tới hồ sơ không tồn tại")),
    Rule("LOCALITY_CYCLE", ERROR, IN_RULES, N_("Vòng lặp đơn vị kế thừa hoặc cấp trên")),
    Rule("VOCAB_GROUP", ERROR, IN_RULES, N_("Mục danh mục thuộc nhóm không tồn tại")),
    Rule("VOCAB_FLAGS", ERROR, IN_RULES, N_("Nội dung hỗ trợ thiếu đánh dấu tặng quà hoặc tập huấn")),
    Rule("VOCAB_DUPLICATE", ERROR, IN_RULES, N_("Mã trùng trong danh mục")),
    Rule("VOCAB_SCHEMA", ERROR, IN_RULES, N_("Danh mục và lược đồ không khớp")),
    Rule("VOCAB_MISSING", ERROR, IN_RULES, N_("Thiếu một danh mục bắt buộc")),
    Rule("DATE_ORDER", ERROR, IN_RULES, N_("Ngày bắt đầu sau ngày kết thúc")),
    Rule("DATE_OUTSIDE_PERIOD", ERROR, IN_RULES, N_("Hoạt động nằm ngoài thời gian kết nghĩa")),
    Rule("DATE_FUTURE", ERROR, IN_RULES, N_("Hoạt động đã hoàn thành mang ngày trong tương lai")),
    Rule("ACTIVITY_FOLDER", ERROR, IN_RULES, N_("Hoạt động nằm sai thư mục năm")),
    Rule("LOCALITY_NOT_IN_FORCE", ERROR, IN_RULES, N_("Địa bàn không tồn tại vào ngày của hoạt động")),
    Rule("REPORTED_MEASURE_TWICE", ERROR, IN_RULES, N_("Một chỉ tiêu ghi hai lần trong một số liệu báo cáo")),
    Rule("REPORTED_AS_WRITTEN", ERROR, IN_RULES, N_("Giá trị khác con số trong nguyên văn của nguồn")),
    Rule("REPORTED_PRECISION", WARNING, IN_RULES, N_("Độ chính xác khác cách nguồn viết (gần, khoảng, hơn)")),
    Rule("NAME_TONE_MARK", ERROR, IN_RULES, N_("Tên đặt dấu thanh khác quy ước (Hoà thay vì Hòa)")),
    Rule("PROGRAMME_PERIOD", WARNING, IN_RULES, N_("Cặp kết nghĩa bắt đầu ngoài thời gian của chương trình")),
    Rule("PROGRAMME_TARGET", ERROR, IN_RULES, N_("Danh sách xã được giúp đỡ của chương trình ghi một huyện hay tỉnh")),
    Rule("DATE_ASSUMED", ERROR, IN_RULES, N_("Ghi một mốc là giả định nhưng không ghi mốc đó")),
    Rule("PROGRAMME_AREA", WARNING, IN_RULES, N_("Địa bàn của cặp kết nghĩa không thuộc địa bàn của chương trình")),
    Rule("LOCALITY_TWICE", ERROR, IN_RULES, N_("Hoạt động ghi cả một địa bàn và danh sách địa bàn chung")),
    Rule("LOCALITY_OUTSIDE", WARNING, IN_RULES, N_("Địa bàn thực hiện không thuộc địa bàn kết nghĩa")),
    Rule("SUCCESSOR_GAP", WARNING, IN_RULES, N_("Đơn vị kế thừa không bắt đầu ngay sau khi đơn vị cũ kết thúc")),
    Rule("AMOUNT_NEGATIVE", ERROR, IN_RULES, N_("Số tiền hoặc số lượng âm")),
    Rule("AMOUNT_IMPLAUSIBLE", WARNING, IN_RULES, N_("Số tiền hoặc số lượng lớn bất thường")),
    Rule("AMOUNT_CEILING", ERROR, IN_RULES, N_("Số tiền hoặc số lượng vượt mức trần, không thể đúng")),
    Rule("AMOUNT_PER_BENEFICIARY", WARNING, IN_RULES, N_("Số tiền mỗi hộ hoặc mỗi người lớn bất thường")),
    Rule("ACTIVITY_DUPLICATE", WARNING, IN_RULES, N_("Hai hoạt động cùng cặp kết nghĩa, địa bàn và ngày, trùng tên hoặc số tiền")),
    Rule("VALUE_STATUS", WARNING, IN_RULES, N_("Giá trị đã thực hiện không khớp tình trạng")),
    Rule("PRIVACY_PHONE", ERROR, IN_RULES, N_("Có số điện thoại trong văn bản")),
    Rule("PRIVACY_EMAIL", ERROR, IN_RULES, N_("Có địa chỉ thư điện tử trong văn bản")),
    Rule("PRIVACY_ID_NUMBER", ERROR, IN_RULES, N_("Có số CMND/CCCD (9 hoặc 12 chữ số) trong văn bản")),
    Rule("TEXT_MARKUP", ERROR, IN_RULES, N_("Có mã HTML hoặc liên kết Markdown trong văn bản")),
    Rule("TEXT_INVISIBLE", ERROR, IN_RULES, N_("Có ký tự vô hình trong văn bản")),
    Rule("SOURCE_URL_BOTH", ERROR, IN_RULES, N_("Nguồn vừa có đường dẫn vừa ghi là không có đường dẫn")),
    Rule("URL_SCHEME", ERROR, IN_RULES, N_("Đường dẫn không bắt đầu bằng http:// hoặc https://")),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def severity(code: str) -> str:
    return RULES[code].severity

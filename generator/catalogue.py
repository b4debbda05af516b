"""The rule catalogue: every check has a stable code, a severity and a Vietnamese title.

The site publishes this table; tests make sure every code here has fixtures.
"""
from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import ERROR, WARNING


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    layer: str  # "tệp", "lược đồ" or "quy tắc"
    title: str


_RULES = [
    # The strict loader.
    Rule("FILE_TOO_LARGE", ERROR, "tệp", "Tệp vượt giới hạn dung lượng của một hồ sơ"),
    Rule("FILE_ENCODING", ERROR, "tệp", "Tệp không được lưu bằng mã UTF-8"),
    Rule("FILE_CONTROL_CHAR", ERROR, "tệp", "Tệp chứa ký tự điều khiển (NUL…)"),
    Rule("FILE_UNREADABLE", ERROR, "tệp", "Không mở được tệp"),
    Rule("FILE_MERGE_CONFLICT", ERROR, "tệp", "Còn dấu xung đột khi gộp nhánh (<<<<<<<, =======, >>>>>>>)"),
    Rule("FILE_LINK", ERROR, "tệp", "Liên kết (symlink) trỏ ra ngoài thư mục hồ sơ, hoặc thư mục là liên kết"),
    Rule("FOLDER_UNREADABLE", ERROR, "tệp", "Không đọc được một thư mục hồ sơ"),
    Rule("FILE_LOCATION", ERROR, "tệp", "Tệp nằm ngoài các thư mục hồ sơ hoặc sai đuôi .yaml"),
    Rule("YAML_EMPTY", ERROR, "tệp", "Tệp trống"),
    Rule("YAML_TAB", ERROR, "tệp", "Thụt lề bằng ký tự Tab"),
    Rule("YAML_SYNTAX", ERROR, "tệp", "Cú pháp YAML không hợp lệ"),
    Rule("YAML_MULTI_DOC", ERROR, "tệp", "Nhiều tài liệu YAML trong một tệp"),
    Rule("YAML_ALIAS", ERROR, "tệp", "Dùng anchor hoặc alias YAML"),
    Rule("YAML_TAG", ERROR, "tệp", "Dùng thẻ YAML (!!…)"),
    Rule("YAML_KEY", ERROR, "tệp", "Tên trường không phải chữ đơn giản"),
    Rule("YAML_DUPLICATE_KEY", ERROR, "tệp", "Một trường xuất hiện hai lần"),
    Rule("YAML_NESTING", ERROR, "tệp", "Cấu trúc lồng quá sâu"),
    Rule("YAML_NOT_MAPPING", ERROR, "tệp", "Tệp không phải là một bảng trường"),
    # JSON Schema, one code per kind of failure.
    Rule("SCHEMA_REQUIRED", ERROR, "lược đồ", "Thiếu trường bắt buộc"),
    Rule("SCHEMA_UNKNOWN_FIELD", ERROR, "lược đồ", "Trường không có trong lược đồ"),
    Rule("SCHEMA_TYPE", ERROR, "lược đồ", "Sai kiểu giá trị"),
    Rule("SCHEMA_ENUM", ERROR, "lược đồ", "Mã không có trong danh mục"),
    Rule("SCHEMA_FORMAT", ERROR, "lược đồ", "Sai định dạng (ngày, đường dẫn)"),
    Rule("SCHEMA_PATTERN", ERROR, "lược đồ", "Sai mẫu (mã, số hiệu)"),
    Rule("SCHEMA_LENGTH", ERROR, "lược đồ", "Chuỗi hoặc danh sách quá ngắn, quá dài, trùng lặp"),
    Rule("SCHEMA_OTHER", ERROR, "lược đồ", "Vi phạm lược đồ khác"),
    Rule("SCHEMA_TOO_MANY", ERROR, "lược đồ", "Quá nhiều lỗi lược đồ trong một tệp: dừng kiểm tra tệp đó"),
    # Rules beyond the schema.
    Rule("ID_MISMATCH", ERROR, "quy tắc", "Mã hồ sơ khác tên tệp"),
    Rule("ID_DUPLICATE", ERROR, "quy tắc", "Hai hồ sơ cùng loại trùng mã (không phân biệt hoa thường)"),
    Rule("REF_UNKNOWN", ERROR, "quy tắc", "Tham chiếu tới hồ sơ không tồn tại"),
    Rule("LOCALITY_CYCLE", ERROR, "quy tắc", "Vòng lặp đơn vị kế thừa hoặc cấp trên"),
    Rule("VOCAB_GROUP", ERROR, "quy tắc", "Mục danh mục thuộc nhóm không tồn tại"),
    Rule("VOCAB_FLAGS", ERROR, "quy tắc", "Nội dung hỗ trợ thiếu đánh dấu tặng quà hoặc tập huấn"),
    Rule("VOCAB_DUPLICATE", ERROR, "quy tắc", "Mã trùng trong danh mục"),
    Rule("VOCAB_SCHEMA", ERROR, "quy tắc", "Danh mục và lược đồ không khớp"),
    Rule("VOCAB_MISSING", ERROR, "quy tắc", "Thiếu một danh mục bắt buộc"),
    Rule("DATE_ORDER", ERROR, "quy tắc", "Ngày bắt đầu sau ngày kết thúc"),
    Rule("DATE_OUTSIDE_PERIOD", ERROR, "quy tắc", "Hoạt động nằm ngoài thời gian kết nghĩa"),
    Rule("DATE_FUTURE", ERROR, "quy tắc", "Hoạt động đã hoàn thành mang ngày trong tương lai"),
    Rule("ACTIVITY_FOLDER", ERROR, "quy tắc", "Hoạt động nằm sai thư mục năm"),
    Rule("LOCALITY_NOT_IN_FORCE", ERROR, "quy tắc", "Địa bàn không tồn tại vào ngày của hoạt động"),
    Rule("REPORTED_MEASURE_TWICE", ERROR, "quy tắc", "Một chỉ tiêu ghi hai lần trong một số liệu báo cáo"),
    Rule("REPORTED_AS_WRITTEN", ERROR, "quy tắc", "Giá trị khác con số trong nguyên văn của nguồn"),
    Rule("REPORTED_PRECISION", WARNING, "quy tắc", "Độ chính xác khác cách nguồn viết (gần, khoảng, hơn)"),
    Rule("NAME_TONE_MARK", ERROR, "quy tắc", "Tên đặt dấu thanh khác quy ước (Hoà thay vì Hòa)"),
    Rule("PROGRAMME_PERIOD", WARNING, "quy tắc", "Cặp kết nghĩa bắt đầu ngoài thời gian của chương trình"),
    Rule("PROGRAMME_TARGET", ERROR, "quy tắc", "Danh sách xã được giúp đỡ của chương trình ghi một huyện hay tỉnh"),
    Rule("DATE_ASSUMED", ERROR, "quy tắc", "Ghi một mốc là giả định nhưng không ghi mốc đó"),
    Rule("PROGRAMME_AREA", WARNING, "quy tắc", "Địa bàn của cặp kết nghĩa không thuộc địa bàn của chương trình"),
    Rule("LOCALITY_TWICE", ERROR, "quy tắc", "Hoạt động ghi cả một địa bàn và danh sách địa bàn chung"),
    Rule("LOCALITY_OUTSIDE", WARNING, "quy tắc", "Địa bàn thực hiện không thuộc địa bàn kết nghĩa"),
    Rule("SUCCESSOR_GAP", WARNING, "quy tắc", "Đơn vị kế thừa không bắt đầu ngay sau khi đơn vị cũ kết thúc"),
    Rule("AMOUNT_NEGATIVE", ERROR, "quy tắc", "Số tiền hoặc số lượng âm"),
    Rule("AMOUNT_IMPLAUSIBLE", WARNING, "quy tắc", "Số tiền hoặc số lượng lớn bất thường"),
    Rule("AMOUNT_CEILING", ERROR, "quy tắc", "Số tiền hoặc số lượng vượt mức trần, không thể đúng"),
    Rule("AMOUNT_PER_BENEFICIARY", WARNING, "quy tắc", "Số tiền mỗi hộ hoặc mỗi người lớn bất thường"),
    Rule("ACTIVITY_DUPLICATE", WARNING, "quy tắc", "Hai hoạt động cùng cặp kết nghĩa, địa bàn và ngày, trùng tên hoặc số tiền"),
    Rule("VALUE_STATUS", WARNING, "quy tắc", "Giá trị đã thực hiện không khớp tình trạng"),
    Rule("PRIVACY_PHONE", ERROR, "quy tắc", "Có số điện thoại trong văn bản"),
    Rule("PRIVACY_EMAIL", ERROR, "quy tắc", "Có địa chỉ thư điện tử trong văn bản"),
    Rule("PRIVACY_ID_NUMBER", ERROR, "quy tắc", "Có số CMND/CCCD (9 hoặc 12 chữ số) trong văn bản"),
    Rule("TEXT_MARKUP", ERROR, "quy tắc", "Có mã HTML hoặc liên kết Markdown trong văn bản"),
    Rule("TEXT_INVISIBLE", ERROR, "quy tắc", "Có ký tự vô hình trong văn bản"),
    Rule("SOURCE_URL_BOTH", ERROR, "quy tắc", "Nguồn vừa có đường dẫn vừa ghi là không có đường dẫn"),
    Rule("URL_SCHEME", ERROR, "quy tắc", "Đường dẫn không bắt đầu bằng http:// hoặc https://"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def severity(code: str) -> str:
    return RULES[code].severity

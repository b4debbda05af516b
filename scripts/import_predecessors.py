"""Write the communes and wards of Thành phố Đà Nẵng and of Quảng Nam's lowland districts as they
stood on 30/6/2025, each naming the unit of 1/7/2025 it went into (Nghị quyết 1659/NQ-UBTVQH15),
and tell each unit of 1/7/2025 where its predecessors were read.

Usage:
    pip install vietnamadminunits==1.0.4
    python scripts/import_predecessors.py [records/localities]

The old units, their codes and the old-to-new mapping come from the vietnamadminunits package
(MIT licence): a community dataset, not an official source, cited as such. The mappings that
the resolution's readable text and official or press pages give (PAGES) are checked against it;
a disagreement stops the script before anything is written. A unit of 1/7/2025 that no page
covers says in its note that only the dataset supports its predecessors.

The mountainous districts' communes (scripts/import_localities.py, then edited by hand) are only
read: the dataset must agree with the successors they name. Of the units of 1/7/2025 only the
note's last sentence about predecessors and the sources are rewritten. Run again when the
dataset or PAGES change; the result is the same files.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import yaml
from slugify import slugify

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.canonical import canonical_text

END = "2025-06-30"
NEW_FROM = "2025-07-01"
NQ_1659 = "nq-1659-nq-ubtvqh15-2025"
DATASET = {
    "title": "vietnamadminunits 1.0.4: đối chiếu đơn vị hành chính cấp xã trước và sau ngày 1/7/2025",
    "publisher": "Trần Ngọc Minh Hiếu (PyPI, giấy phép MIT)",
    "date": "2025-10",
    "url": "https://pypi.org/project/vietnamadminunits/",
    "note": "Bộ dữ liệu cộng đồng, không phải nguồn chính thức: tên, mã đơn vị cũ (theo danh mục của Tổng cục "
            "Thống kê) và đơn vị mới mà mỗi đơn vị cũ sáp nhập vào.",
}
# Pages that name the predecessors of units of 1/7/2025: {new unit: its predecessors}, short names.
NQ_TEXT = {
    "title": "TP Đà Nẵng có 94 ĐVHC cấp xã gồm 23 phường, 70 xã, 1 đặc khu sau khi sắp xếp",
    "publisher": "Nghệ An 24h",
    "date": "2025-06",
    "url": "https://nghean24h.vn/tp-da-nang-co-94-dvhc-cap-xa-gom-23-phuong-70-xa-1-dac-khu-sau-khi-sap-xep-a754167.html",
    "note": "Trang đăng lại toàn văn Nghị quyết 1659/NQ-UBTVQH15; bản lưu đọc được đến khoản 2 của Điều 1.",
}
PAGES = [
    (NQ_TEXT, "văn bản Nghị quyết 1659/NQ-UBTVQH15", {
        "Hải Châu": ["Thanh Bình", "Thuận Phước", "Thạch Thang", "Phước Ninh", "Hải Châu"],
        "Hòa Cường": ["Bình Thuận", "Hòa Thuận Tây", "Hòa Cường Bắc", "Hòa Cường Nam"],
    }),
    ({
        "title": "Resolution of the National Assembly on commune-level administrative units of Da Nang city in 2025",
        "publisher": "Vietnam.vn",
        "date": "2025-06-16",
        "url": "https://www.vietnam.vn/en/nghi-quyet-cua-quoc-hoi-ve-don-vi-hanh-chinh-cap-xa-thanh-pho-da-nang-nam-2025",
        "note": "Bản dịch tiếng Anh bài của Báo Đà Nẵng ngày 16/6/2025 chép các khoản của Nghị quyết 1659/NQ-UBTVQH15; "
                "bản lưu đọc được đến khoản về phường Sơn Trà.",
    }, "nội dung Nghị quyết 1659/NQ-UBTVQH15 do Báo Đà Nẵng đăng (bản tiếng Anh trên Vietnam.vn)", {
        "Hải Châu": ["Thanh Bình", "Thuận Phước", "Thạch Thang", "Phước Ninh", "Hải Châu"],
        "Hòa Cường": ["Bình Thuận", "Hòa Thuận Tây", "Hòa Cường Bắc", "Hòa Cường Nam"],
        "Thanh Khê": ["Xuân Hà", "Chính Gián", "Thạc Gián", "Thanh Khê Tây", "Thanh Khê Đông"],
        "An Khê": ["Hòa An", "Hòa Phát", "An Khê"],
        "An Hải": ["Phước Mỹ", "An Hải Bắc", "An Hải Nam"],
        "Sơn Trà": ["Thọ Quang", "Nại Hiên Đông", "Mân Thái"],
    }),
    ({
        "title": "Danh Sách Phường Xã của Đà Nẵng Sau Sáp Nhập Năm 2025",
        "publisher": "karatedo.com.vn",
        "date": "2025",
        "url": "https://karatedo.com.vn/danh-sach-phuong-xa-cua-da-nang-sau-sap-nhap-nam-2025.html",
    }, "trang karatedo.com.vn (đặc khu giữ nguyên trạng huyện Hoàng Sa)", {
        "Hoàng Sa": ["Hoàng Sa"],
    }),
    ({
        "title": "Đà Nẵng tiếp tục giảm còn 16 đơn vị hành chính cấp xã, đặc khu",
        "publisher": "Pháp Luật TP.HCM",
        "date": "2025-04-23",
        "url": "https://plo.vn/da-nang-tiep-tuc-giam-con-16-don-vi-hanh-chinh-cap-xa-dac-khu-post846017.html",
        "note": "Phương án của thành phố Đà Nẵng ngày 23/4/2025, trước Nghị quyết 1659/NQ-UBTVQH15; trùng với "
                "bộ dữ liệu vietnamadminunits.",
    }, "phương án của thành phố ngày 23/4/2025 (Pháp Luật TP.HCM)", {
        "Thanh Khê": ["Xuân Hà", "Chính Gián", "Thạc Gián", "Thanh Khê Đông", "Thanh Khê Tây"],
        "An Khê": ["An Khê", "Hòa An", "Hòa Phát"],
        "An Hải": ["Phước Mỹ", "An Hải Bắc", "An Hải Nam"],
        "Sơn Trà": ["Thọ Quang", "Nại Hiên Đông", "Mân Thái"],
        "Ngũ Hành Sơn": ["Mỹ An", "Khuê Mỹ", "Hòa Hải", "Hòa Quý"],
        "Hòa Khánh": ["Hòa Khánh Nam", "Hòa Minh", "Hòa Sơn"],
        "Hải Vân": ["Hòa Hiệp Bắc", "Hòa Hiệp Nam", "Hòa Bắc"],
        "Cẩm Lệ": ["Hòa Thọ Tây", "Hòa Thọ Đông", "Khuê Trung"],
        "Hòa Xuân": ["Hòa Xuân", "Hòa Phước", "Hòa Châu"],
    }),
    ({
        "title": "Đà Nẵng đặt tên phường, xã mới theo các địa danh sau sắp xếp",
        "publisher": "Sài Gòn Giải Phóng",
        "date": "2025-04",
        "url": "https://www.sggp.org.vn/da-nang-dat-ten-phuong-xa-moi-theo-cac-dia-danh-sau-sap-xep-post791893.html",
        "note": "Phương án ngày 22/4/2025, trước Nghị quyết 1659/NQ-UBTVQH15 (các phường được sắp xếp lại sau đó); "
                "phần các xã của huyện Hòa Vang trùng với bộ dữ liệu vietnamadminunits.",
    }, "phương án của thành phố ngày 22/4/2025 (Sài Gòn Giải Phóng)", {
        "Hòa Vang": ["Hòa Phong", "Hòa Phú"],
        "Hòa Tiến": ["Hòa Tiến", "Hòa Khương"],
    }),
    ({
        "title": "TP.Tam Kỳ thành lập 4 đơn vị hành chính cấp xã của thành phố",
        "publisher": "Báo Quảng Nam",
        "date": "2025-04-23",
        "url": "https://baoquangnam.vn/tp-tam-ky-thanh-lap-4-don-vi-hanh-chinh-cap-xa-cua-thanh-pho-3153454.html",
        "note": "Chủ trương HĐND thành phố Tam Kỳ thông qua ngày 23/4/2025, trước Nghị quyết 1659/NQ-UBTVQH15; "
                "trùng với bộ dữ liệu vietnamadminunits.",
    }, "chủ trương HĐND thành phố Tam Kỳ ngày 23/4/2025 (Báo Quảng Nam)", {
        "Tam Kỳ": ["An Mỹ", "An Xuân", "Trường Xuân"],
        "Bàn Thạch": ["Tân Thạnh", "Hòa Thuận", "Tam Thăng"],
        "Quảng Phú": ["An Phú", "Tam Thanh", "Tam Phú"],
        "Hương Trà": ["Hòa Hương", "An Sơn", "Tam Ngọc"],
    }),
    ({
        "title": "Phường nào ở Quảng Nam sở hữu hơn 1.000 ngôi nhà cổ khi sắp xếp cấp xã",
        "publisher": "Thanh Niên",
        "date": "2025-04-25",
        "url": "https://thanhnien.vn/phuong-nao-o-quang-nam-so-huu-hon-1000-ngoi-nha-co-khi-sap-xep-cap-xa-185250425181457345.htm",
        "note": "Phương án HĐND thành phố Hội An thông qua ngày 24/4/2025, trước Nghị quyết 1659/NQ-UBTVQH15 "
                "(bài ghi Cẩm Thành, tức Cẩm Thanh); trùng với bộ dữ liệu vietnamadminunits.",
    }, "phương án HĐND thành phố Hội An ngày 24/4/2025 (Thanh Niên)", {
        "Hội An": ["Minh An", "Cẩm Phô", "Sơn Phong", "Cẩm Nam", "Cẩm Kim"],
        "Hội An Tây": ["Cẩm Hà", "Thanh Hà", "Tân An", "Cẩm An"],
        "Hội An Đông": ["Cẩm Châu", "Cửa Đại", "Cẩm Thanh"],
        "Tân Hiệp": ["Tân Hiệp"],
    }),
    ({
        "title": "Núi Thành còn 06 đơn vị hành chính cấp xã sau sắp xếp",
        "publisher": "Cổng thông tin điện tử huyện Núi Thành",
        "date": "2025-06",
        "url": "https://nuithanh.quangnam.gov.vn/webcenter/portal/nuithanh/pages_tin-tuc/chi-tiet?dDocName=PORTAL604811",
        "note": "Tiêu đề dựng lại theo nội dung bản lưu; tháng theo nội dung (sau Nghị quyết). Trang ghi 6 đơn vị "
                "và kể cả xã Tam Hải giữ nguyên; trùng với bộ dữ liệu vietnamadminunits.",
    }, "Cổng thông tin điện tử huyện Núi Thành", {
        "Núi Thành": ["Núi Thành", "Tam Hiệp", "Tam Giang", "Tam Quang", "Tam Nghĩa"],
        "Đức Phú": ["Tam Sơn", "Tam Thạnh"],
        "Tam Mỹ": ["Tam Mỹ Đông", "Tam Mỹ Tây", "Tam Trà"],
        "Tam Anh": ["Tam Anh Bắc", "Tam Anh Nam", "Tam Hòa"],
        "Tam Xuân": ["Tam Xuân I", "Tam Xuân II", "Tam Tiến"],
        "Tam Hải": ["Tam Hải"],
    }),
]
# Changes between 2020 and 30/6/2025 of the units written here, from the catalogue's states and
# the sources named: code -> (date, what changed, document or None, starts a new unit, sources).
DA_NANG_2025 = {
    "title": "Từ 1/1/2025, Đà Nẵng có 47 đơn vị hành chính cấp xã",
    "publisher": "Kiến Thức",
    "date": "2024-11",
    "url": "https://kienthuc.net.vn/xa-hoi/tu-112025-da-nang-co-47-don-vi-hanh-chinh-cap-xa-2048692.html",
    "note": "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp huyện, cấp xã của thành phố "
            "Đà Nẵng giai đoạn 2023-2025, hiệu lực từ 1/1/2025.",
}
NLD_2024 = {
    "title": "Chi tiết phương án sáp nhập phường, xã tại Đà Nẵng",
    "publisher": "Người Lao Động",
    "date": "2024-06",
    "url": "https://nld.com.vn/chi-tiet-phuong-an-sap-nhap-phuong-xa-tai-da-nang-196240614092213083.htm",
    "note": "Phương án của thành phố tháng 6/2024, trước nghị quyết; tiêu đề dựng lại theo địa chỉ bài.",
}
PHU_THINH = {
    "title": "Thị trấn Phú Thịnh có 6 khối phố sau sáp nhập",
    "publisher": "Báo Quảng Nam",
    "date": "2025-01",
    "url": "https://baoquangnam.vn/thi-tran-phu-thinh-co-6-khoi-pho-sau-sap-nhap-3147808.html",
    "note": "Đọc qua bản dịch đăng lại trên Vietnam.vn; tiêu đề dựng lại theo địa chỉ bài.",
}
CHANGES = {
    "20560": ("2023-04-10", "Chuyển từ xã Điện Thắng Bắc thành phường", "nq-727-nq-ubtvqh15-2023", False, ()),
    "20561": ("2023-04-10", "Chuyển từ xã Điện Thắng Trung thành phường", "nq-727-nq-ubtvqh15-2023", False, ()),
    "20562": ("2023-04-10", "Chuyển từ xã Điện Thắng Nam thành phường", "nq-727-nq-ubtvqh15-2023", False, ()),
    "20593": ("2023-04-10", "Chuyển từ xã Điện Minh thành phường", "nq-727-nq-ubtvqh15-2023", False, ()),
    "20596": ("2023-04-10", "Chuyển từ xã Điện Phương thành phường", "nq-727-nq-ubtvqh15-2023", False, ()),
    "20821": ("2025-01-01", "Thành lập trên cơ sở nhập xã Bình Định Bắc và xã Bình Định Nam",
              "nq-1241-nq-ubtvqh15-2024", True, ()),
    "20236": ("2025-01-01", "Thành lập trên cơ sở nhập phường Hải Châu I và phường Hải Châu II", None, True, (DA_NANG_2025, NLD_2024)),
    "20278": ("2025-01-01", "Thành lập trên cơ sở nhập phường An Hải Tây và phường An Hải Đông", None, True, (DA_NANG_2025, NLD_2024)),
    "20364": ("2025-01-01", "Nhận thêm xã Tam Vinh", "nq-1241-nq-ubtvqh15-2024", False, (PHU_THINH,)),
    "20242": ("2025-01-01", "Nhận thêm phường Nam Dương và phường Bình Hiên", None, False, (DA_NANG_2025, NLD_2024)),
    "20254": ("2025-01-01", "Nhận thêm phường Hòa Thuận Đông", None, False, (DA_NANG_2025, NLD_2024)),
    "20207": ("2025-01-01", "Nhận thêm phường Hòa Khê", None, False, (DA_NANG_2025,)),
    "20209": ("2025-01-01", "Nhận thêm phường Tam Thuận", None, False, (DA_NANG_2025,)),
    "20218": ("2025-01-01", "Nhận thêm phường Vĩnh Trung", None, False, (DA_NANG_2025,)),
    "20215": ("2025-01-01", "Nhận thêm phường Tân Chính", None, False, (DA_NANG_2025,)),
    "20206": ("2025-01-01", "Nhận thêm một phần phường Hòa Minh", None, False, (DA_NANG_2025,)),
}
# The note's sentence on predecessors starts with these words, whoever wrote it.
PREDECESSORS_SENTENCE = "Các đơn vị tiền thân"
DATASET_ONLY = "bộ dữ liệu"  # how a unit no page covers got its predecessors
LEVELS = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi-tran", "Quận": "quan", "Huyện": "huyen"}


def fold(name: str) -> str:
    """Names as sources spell them: Hoà = Hòa, case and spacing aside."""
    text = unicodedata.normalize("NFC", name).lower().replace("oà", "òa").replace("oá", "óa").replace("uỳ", "ùy")
    return " ".join(text.split())


def split_name(full: str) -> tuple[str, str]:
    for label, level in LEVELS.items():
        if full.lower().startswith(label.lower() + " "):
            return level, full[len(label) + 1:]
    raise SystemExit(f"unknown level in {full!r}")


def read_dataset() -> tuple[dict, dict, dict]:
    """(old units by key, new units by key, {new key: [old keys]}) for Thành phố Đà Nẵng of 2025, and
    the old units the dataset splits: {old key: [(new key, main part)]}."""
    data = resources.files("vietnamadminunits") / "data"
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    with sqlite3.connect(str(data / "dataset.db")) as db:
        db.row_factory = sqlite3.Row
        old = {f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}": dict(r) for r in
               db.execute("SELECT * FROM admin_units_legacy WHERE provinceCode IN ('48', '49')")}
        new = {r["wardKey"]: dict(r) for r in db.execute("SELECT * FROM admin_units WHERE provinceCode = '48'")}
    merged = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]["thanhphodanang"]
    split = {key: [(part["newWardKey"], part["isDefaultNewWard"]) for part in parts]
             for key, parts in converter["DICT_PROVINCE_WARD_DIVIDED"].get("thanhphodanang", {}).items()}
    return old, new, {"merged": merged, "split": split}


def load_records(folder: Path) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))}


def plan(folder: Path) -> tuple[dict[str, dict], dict[str, str]]:
    """(records to write by id, how each unit of 1/7/2025 got its predecessors), or SystemExit
    naming every disagreement."""
    records = load_records(folder)
    old, new, mapping = read_dataset()
    problems: list[str] = []
    new_by_code = {r["code"]: rid for rid, r in records.items() if r.get("valid_from") == NEW_FROM and "code" in r}
    mountainous = {r["code"]: rid for rid, r in records.items() if r.get("mountainous")}
    district_ids = {r["code"]: rid for rid, r in records.items() if r["level"] in {"huyen", "thi-xa", "thanh-pho"}}
    # Units the mountainous import wrote: read only, matched by code among those ending on 30/6/2025.
    kept = {r["code"]: rid for rid, r in records.items()
            if r.get("valid_to") == END and r.get("parent") in mountainous.values()}

    def successor_of(new_key: str) -> str:
        code = new[new_key]["wardCode"]
        if code not in new_by_code:
            problems.append(f"no record of 1/7/2025 with code {code} ({new[new_key]['ward']})")
        return new_by_code.get(code, "")

    successors = {old_key: new_key for new_key, keys in mapping["merged"].items() for old_key in keys}
    parts = {}
    for old_key, split_into in mapping["split"].items():
        successors[old_key] = next(key for key, main in split_into if main)
        parts[old_key] = [key for key, main in split_into if not main]

    out: dict[str, dict] = {}
    predecessors: dict[str, list[str]] = {}
    for old_key, unit in sorted(old.items(), key=lambda item: item[1]["wardCode"] or item[1]["districtCode"]):
        successor = successor_of(successors[old_key]) if old_key in successors else ""
        if not successor:
            problems.append(f"{unit['ward'] or unit['district']}: no unit of 1/7/2025 in the dataset")
        if not unit["wardCode"]:  # a district without communes (Hoàng Sa): itself the predecessor
            district = district_record(unit, successor)
            out[district["id"]] = district
            predecessors.setdefault(successor, []).append(district["id"])
            continue
        if unit["districtCode"] in mountainous or unit["wardCode"] in kept:
            rid = kept.get(unit["wardCode"])
            if rid is None or records[rid].get("successor") != successor:
                problems.append(f"{unit['ward']} ({unit['wardCode']}): the records say "
                                f"{records[rid].get('successor') if rid else 'nothing'}, the dataset {successor}")
            predecessors.setdefault(successor, []).append(rid or "")
            continue
        if unit["provinceCode"] == "48":
            district = district_record(unit, None)
            out.setdefault(district["id"], district)
            parent = district["id"]
        else:
            parent = district_ids[unit["districtCode"]]
        record = commune_record(unit, parent, successor, [new[k]["ward"] for k in parts.get(old_key, [])])
        rid = record["id"]
        if rid in records and records[rid].get("code") != record["code"] or rid in out:
            record["id"] = rid = f"{rid}-{record['code']}"
        out[rid] = record
        predecessors.setdefault(successor, []).append(rid)

    how: dict[str, str] = {}
    names = {rid: fold(r["name"]) for rid, r in {**records, **out}.items()}
    for source, label, units in PAGES:
        for new_name, old_names in units.items():
            new_id = next((i for i in new_by_code.values() if names[i] == fold(new_name)), None)
            found = sorted(names[p] for p in predecessors.get(new_id or "", []))
            if new_id is None or found != sorted(fold(n) for n in old_names):
                problems.append(f"{label}: {new_name} = {old_names}, the dataset {found}")
                continue
            how.setdefault(new_id, label)  # the first page that names them, the resolution's text first
            out.setdefault(new_id, dict(records[new_id]))
            out[new_id]["sources"] = _add(out[new_id]["sources"], source)
    for new_id in new_by_code.values():
        if not predecessors.get(new_id):
            problems.append(f"{new_id}: no predecessor in the dataset")
        if all(p in kept.values() for p in predecessors.get(new_id, [])):
            continue  # the mountainous import named them
        how.setdefault(new_id, DATASET_ONLY)  # unless a page names them
        out.setdefault(new_id, dict(records[new_id]))
        out[new_id]["sources"] = _add(out[new_id]["sources"], DATASET)
    if problems:
        raise SystemExit("Disagreements, nothing written:\n" + "\n".join(problems))
    for new_id, label in how.items():
        out[new_id]["note"] = predecessors_note(out[new_id].get("note", ""), label)
    return out, how


def _add(sources: list[dict], source: dict) -> list[dict]:
    return sources if any(s.get("url") == source["url"] for s in sources) else [*sources, source]


def predecessors_note(note: str, label: str) -> str:
    """The note with its sentence on predecessors replaced: which source names them."""
    kept = [s for s in note.split(". ") if s and not s.startswith(PREDECESSORS_SENTENCE)]
    if label == DATASET_ONLY:
        sentence = (f"{PREDECESSORS_SENTENCE} (mục Lịch sử hành chính) chỉ dựa trên bộ dữ liệu cộng đồng "
                    "vietnamadminunits; chưa đọc được từ văn bản của Nghị quyết 1659/NQ-UBTVQH15 hay một trang "
                    "chính thức.")
    else:
        sentence = f"{PREDECESSORS_SENTENCE} (mục Lịch sử hành chính) theo {label}, trùng với bộ dữ liệu vietnamadminunits."
    text = ". ".join(kept)
    return f"{text.rstrip('.')}. {sentence}" if text else sentence


def district_record(unit: dict, successor: str | None) -> dict:
    level, name = split_name(unit["district"])
    rid = slugify(unit["district"])
    return {
        "id": rid, "name": name, "level": level, "code": unit["districtCode"], "parent": "thanh-pho-da-nang",
        "valid_to": END, **({"successor": successor} if successor else {}),
        "note": "Cấp huyện chấm dứt hoạt động từ ngày 1/7/2025." + (
            " Đặc khu Hoàng Sa giữ nguyên địa bàn của huyện." if successor else ""),
        "sources": [DATASET],
    }


def commune_record(unit: dict, parent: str, successor: str, other_parts: list[str]) -> dict:
    level, name = split_name(unit["ward"])
    code = unit["wardCode"]
    record: dict = {"id": slugify(unit["ward"]), "name": name, "level": level, "code": code, "parent": parent}
    sources = [DATASET]
    change = CHANGES.get(code)
    if change:
        date, description, document, starts, change_sources = change
        if starts:
            record["valid_from"] = date
        record["changes"] = [{"date": date, "description": description, **({"document": document} if document else {})}]
        sources += change_sources
    record.update(valid_to=END, successor=successor)
    record["documents"] = [NQ_1659]
    if other_parts:
        record["note"] = (f"Bộ dữ liệu vietnamadminunits ghi một phần địa bàn nhập vào {', '.join(p[0].lower() + p[1:] for p in other_parts)}; "
                          "đơn vị kế thừa ghi ở đây là đơn vị nhận phần chính.")
    record["sources"] = sources
    return record


def main(out_dir: str = "records/localities") -> None:
    folder = Path(out_dir)
    records, how = plan(folder)
    for rid, data in sorted(records.items()):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"{rid}.yaml").write_text(canonical_text(text, "locality"), encoding="utf-8")
    counts: dict[str, int] = {}
    for label in how.values():
        counts[label] = counts.get(label, 0) + 1
    print(f"{len(records)} localities written to {folder}")
    for label, count in sorted(counts.items()):
        print(f"  {count} units of 1/7/2025: predecessors from {label}")


if __name__ == "__main__":
    main(*sys.argv[1:])

"""Write records/localities/ from the official localities reference (JSON).

Usage: python scripts/import_localities.py localities-2020-2025.json [records/localities]

The reference lists the communes of the 9 mountainous districts on 16/4/2020
with their GSO codes, the changes of 2023-2024 and the successor communes of
1/7/2025. Run once when the reference changes; the records are then edited by
hand like any other.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from slugify import slugify

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.canonical import canonical_text

GSO = {
    "title": "Danh mục đơn vị hành chính Việt Nam (trạng thái ngày 03/02/2021)",
    "publisher": "Tổng cục Thống kê",
    "date": "2021-02-03",
    "url": "https://danhmuchanhchinh.gso.gov.vn/",
}
CV_1027 = {
    "title": "Công văn 1027/CTK-CSCL về mã số đơn vị hành chính mới",
    "publisher": "Cục Thống kê",
    "date": "2025-06-25",
}
LEVELS = {"Xã": "xa", "Thị trấn": "thi-tran", "Huyện": "huyen", "Thị xã": "thi-xa", "Thành phố": "thanh-pho"}
LAND_BORDER_BASIS = {
    False: "Hồ sơ huyện Tây Giang: 8 trong 10 xã giáp biên giới Lào (trừ Dang và A Vương)",
    True: "Suy luận: 14 xã biên giới trừ 8 xã của Tây Giang, các xã phía tây huyện Nam Giang; cần đối chiếu phụ lục QĐ 900/QĐ-TTg",
}
END_OF_PROVINCE = "2025-06-30"
NQ_1241_FROM = "2025-01-01"


def split_name(full: str) -> tuple[str, str]:
    for label, level in LEVELS.items():
        if full.startswith(label + " "):
            return level, full[len(label) + 1 :]
    raise ValueError(f"unknown level in {full!r}")


SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "locality.schema.json"
FIELD_ORDER = list(json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"])


def record(**fields) -> dict:
    """Fields in the schema's order, empty ones left out."""
    if "aliases" in fields:
        fields["aliases"] = [a for a in fields["aliases"] if a != fields["name"]]
    return {key: fields[key] for key in FIELD_ORDER if fields.get(key) not in (None, [], {})}


def district_records(reference: dict) -> dict:
    out = {}
    province = "tinh-quang-nam"
    out[province] = record(
        id=province, name="Quảng Nam", level="tinh", code="49", valid_to=END_OF_PROVINCE,
        successor="thanh-pho-da-nang", documents=["nq-202-2025-qh15"],
        note="Từ ngày 1/7/2025 tỉnh Quảng Nam và thành phố Đà Nẵng hợp nhất thành thành phố Đà Nẵng.",
        sources=[GSO],
    )
    out["thanh-pho-da-nang"] = record(
        id="thanh-pho-da-nang", name="Đà Nẵng", level="thanh-pho-truc-thuoc-trung-uong", code="48",
        documents=["nq-202-2025-qh15"],
        note="Thành phố Đà Nẵng sau khi hợp nhất với tỉnh Quảng Nam (từ ngày 1/7/2025); không còn cấp huyện.",
        sources=[GSO],
    )
    for district, mountainous in [(d, True) for d in reference["districts_2020"]] + [
        (d, False) for d in reference["lowland_localities_2020"]
    ]:
        level, name = split_name(district["name"])
        rid = slugify(district["name"])
        land_border = None
        if mountainous:
            land_border = {"value": bool(district.get("land_border")), "basis": "Giáp biên giới Lào (tỉnh Sê Kông)"
                           if district.get("land_border") else "Không có xã giáp biên giới đất liền"}
        nong_son = district["code"] == 519
        out[rid] = record(
            id=rid, name=name, level=level, code=str(district["code"]), parent=province,
            mountainous=mountainous, land_border=land_border,
            valid_to=("2024-12-31" if nong_son else END_OF_PROVINCE),
            successor="huyen-que-son" if nong_son else None,
            changes=[{"date": NQ_1241_FROM, "description": "Nhập vào huyện Quế Sơn",
                      "document": "nq-1241-nq-ubtvqh15-2024"}] if nong_son else None,
            note=None if nong_son else "Cấp huyện chấm dứt hoạt động từ ngày 1/7/2025.",
            sources=[GSO],
        )
    return out


def commune_ids(units: list) -> dict:
    """code -> id. Names that fold to the same ASCII slug (Trà Dơn, Trà Don) both
    take their GSO code as a suffix, so that neither silently replaces the other."""
    slugs = [slugify(unit["name_2020_gso"]) for unit in units]
    return {
        unit["code_2020"]: f"{slug}-{unit['code_2020']}" if slugs.count(slug) > 1 else slug
        for unit, slug in zip(units, slugs, strict=True)
    }


def commune_records(reference: dict) -> dict:
    out: dict = {}
    districts = {d["code"]: slugify(d["name"]) for d in reference["districts_2020"]}
    ids = commune_ids(reference["units"])
    successors: dict = {}
    for unit in reference["units"]:
        level, name = split_name(unit["name_2020_gso"])
        rid = ids[unit["code_2020"]]
        new_level, new_name = split_name(unit["successor_name_2025_07"])
        successor_id = slugify(unit["successor_name_2025_07"]) + "-2025"
        successors[successor_id] = record(
            id=successor_id, name=new_name, level=new_level, code=str(unit["successor_code_2025_07"]),
            parent="thanh-pho-da-nang", valid_from="2025-07-01",
            documents=["nq-1659-nq-ubtvqh15-2025"], sources=[CV_1027],
        )
        border = unit["land_border_commune"]
        inferred = unit["land_border_membership_inferred"]
        land_border = {"value": border, "basis": LAND_BORDER_BASIS[inferred] if border else
                       "Không nằm trong danh sách 14 xã biên giới đất liền"}
        if inferred:
            land_border["inferred"] = True
        base = {"id": rid, "name": name, "level": level, "code": str(unit["code_2020"]),
                "parent": districts[unit["district_code_2020"]], "aliases": unit["aliases"],
                "land_border": land_border, "sources": [GSO]}
        change = unit.get("changes_2020_2025", "")
        if unit["district_code_2020"] == 519 and not change:
            out[rid] = record(**base, valid_to=END_OF_PROVINCE, successor=successor_id, changes=[
                {"date": NQ_1241_FROM, "description": "Thuộc huyện Quế Sơn (huyện Nông Sơn nhập vào huyện Quế Sơn)",
                 "document": "nq-1241-nq-ubtvqh15-2024"}])
        elif "Trung Phước" in change:
            out[rid] = record(**base, valid_to="2023-04-09", successor="thi-tran-trung-phuoc", changes=[
                {"date": "2023-04-10", "description": "Thành lập thị trấn Trung Phước trên cơ sở xã Quế Trung",
                 "document": "nq-727-nq-ubtvqh15-2023"}])
            out["thi-tran-trung-phuoc"] = record(
                id="thi-tran-trung-phuoc", name="Trung Phước", level="thi-tran", code=str(unit["intermediate_code_2025_01"]),
                parent="huyen-nong-son", valid_from="2023-04-10", valid_to=END_OF_PROVINCE, successor=successor_id,
                changes=[{"date": NQ_1241_FROM, "description": "Thuộc huyện Quế Sơn (huyện Nông Sơn nhập vào huyện Quế Sơn)",
                          "document": "nq-1241-nq-ubtvqh15-2024"}],
                documents=["nq-727-nq-ubtvqh15-2023"], sources=[GSO])
        elif "Quế Tân" in change:
            out[rid] = record(**base, valid_to="2024-12-31", successor="xa-que-tan", changes=[
                {"date": NQ_1241_FROM, "description": "Nhập với xã Hiệp Hòa, xã Hiệp Thuận thành xã Quế Tân",
                 "document": "nq-1241-nq-ubtvqh15-2024"}])
            out["xa-que-tan"] = record(
                id="xa-que-tan", name="Quế Tân", level="xa", code=str(unit["intermediate_code_2025_01"]),
                parent=base["parent"], valid_from=NQ_1241_FROM, valid_to=END_OF_PROVINCE, successor=successor_id,
                documents=["nq-1241-nq-ubtvqh15-2024"], sources=[GSO])
        elif change.startswith("nhập vào"):
            target = slugify("Xã " + change.split("nhập vào xã ")[1].split(" (")[0])
            out[rid] = record(**base, valid_to="2024-12-31", successor=target, changes=[
                {"date": NQ_1241_FROM, "description": f"Nhập vào {change.split('nhập vào ')[1].split(' (')[0]}",
                 "document": "nq-1241-nq-ubtvqh15-2024"}])
        else:
            out[rid] = record(**base, valid_to=END_OF_PROVINCE, successor=successor_id)
    out.update(successors)
    return out


def main(reference_path: str, out_dir: str = "records/localities") -> None:
    reference = json.loads(Path(reference_path).read_text(encoding="utf-8"))
    districts, communes = district_records(reference), commune_records(reference)
    clash = set(districts) & set(communes)
    if clash:
        raise SystemExit(f"ids used twice: {sorted(clash)}")
    records = {**districts, **communes}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for rid, data in sorted(records.items()):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (out / f"{rid}.yaml").write_text(canonical_text(text, "locality"), encoding="utf-8")
    print(f"{len(records)} localities written to {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])

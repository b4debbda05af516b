"""Open-data ledger of the Quảng Nam twinning programme (QĐ 1100/QĐ-UBND, 2020-2025)."""

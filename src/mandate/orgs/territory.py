"""The country's territorial units and the bodies that every province and commune has.

Facts come from the `vietnam-provinces` package (34 provinces, 3,321 communes since 2025-07-01)
and from `data/province_mergers_2025.csv` (Resolution 202/2025/QH15: 63 provinces before).
Pure data: no database here; `orgs.services.territory_load` writes it.
"""
import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from vietnam_provinces import Province, Ward

from mandate.orgs.models import Tier, UnitKind

MERGER_EFFECTIVE = dt.date(2025, 7, 1)
MERGERS_CSV = Path(__file__).with_name("data") / "province_mergers_2025.csv"
NATION_CODE = "VN"
CENTRAL_COMMITTEE_CODE = "VN.TW"
OLD_PREFIX = "old-"


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    tier: str
    parent_code: str | None
    short_name: str = ""
    issuer_code: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class MergerRow:
    old_code: int
    old_name: str
    new_code: int
    new_name: str
    merged: bool


# The bodies of a provincial party committee and state apparatus:
# (code suffix, kind, name pattern, short name, the issuer code of its document numbers).
# The Executive and Standing Committees and the Standing Board number their documents as the
# party committee (…/TU); the advisory agencies have numbers of their own.
PROVINCE_BODIES = (
    ("TU", UnitKind.PARTY_COMMITTEE, "{committee}", "Tỉnh ủy", "TU"),
    ("TU.BCH", UnitKind.EXECUTIVE_COMMITTEE, "Ban Chấp hành Đảng bộ {place}", "BCH", "TU"),
    ("TU.BTV", UnitKind.STANDING_COMMITTEE, "Ban Thường vụ {committee}", "BTV", "TU"),
    ("TU.TT", UnitKind.STANDING_BOARD, "Thường trực {committee}", "TT", "TU"),
    ("TU.VP", UnitKind.OFFICE, "Văn phòng {committee}", "VPTU", "VPTU"),
    ("TU.BTC", UnitKind.ORGANIZATION_COMMITTEE, "Ban Tổ chức {committee}", "BTCTU", "BTCTU"),
    ("TU.UBKT", UnitKind.INSPECTION_COMMISSION, "Ủy ban Kiểm tra {committee}", "UBKTTU", "UBKTTU"),
    ("TU.BTGDV", UnitKind.PROPAGANDA_COMMITTEE, "Ban Tuyên giáo và Dân vận {committee}", "BTGDVTU", "BTGDVTU"),
    ("HDND", UnitKind.PEOPLES_COUNCIL, "Hội đồng nhân dân {place}", "HĐND", "HĐND"),
    ("UBND", UnitKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân {place}", "UBND", "UBND"),
)
COMMUNE_BODIES = (
    ("DU", UnitKind.PARTY_COMMITTEE, "Đảng ủy {place}", "Đảng ủy", "ĐU"),
    ("UBND", UnitKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân {place}", "UBND", "UBND"),
)


def province_code(number: int) -> str:
    return f"{number:02d}"


def commune_code(number: int) -> str:
    return f"{number:05d}"


def old_province_code(number: int) -> str:
    return f"{OLD_PREFIX}{number:02d}"


def _place(name: str) -> str:
    """The province as written inside a body's name: 'thành phố Hà Nội', 'tỉnh Phú Thọ'."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return prefix.lower() + name.removeprefix(prefix)
    return f"tỉnh {name}"


def _committee(name: str) -> str:
    """The party committee's name: 'Thành ủy Hà Nội' for a city, 'Tỉnh ủy Phú Thọ' for a province."""
    for prefix, committee in (("Thành phố ", "Thành ủy "), ("Tỉnh ", "Tỉnh ủy ")):
        if name.startswith(prefix):
            return committee + name.removeprefix(prefix)
    return f"Tỉnh ủy {name}"


def _province_name(name: str) -> str:
    return name if name.split()[0] in {"Thành", "Tỉnh"} else f"Tỉnh {name}"


def merger_rows() -> list[MergerRow]:
    with MERGERS_CSV.open(encoding="utf-8") as handle:
        return [
            MergerRow(int(row["old_code"]), row["old_name"], int(row["new_code"]), row["new_name"], row["change"] == "merged")
            for row in csv.DictReader(handle)
        ]


def _bodies(parent_code: str, place: str, bodies, *, tier: str, valid_from, valid_to, committee: str = "") -> list[UnitSpec]:
    specs = []
    for suffix, kind, pattern, short, issuer in bodies:
        code = f"{parent_code}.{suffix}"
        parent = f"{parent_code}.{suffix.rsplit('.', 1)[0]}" if "." in suffix else parent_code
        specs.append(UnitSpec(code, pattern.format(place=place, committee=committee), kind, tier, parent, short, issuer, valid_from, valid_to))
    return specs


def country_specs() -> list[UnitSpec]:
    """Every unit of the country in parent-before-child order."""
    specs = [
        UnitSpec(NATION_CODE, "Việt Nam", UnitKind.NATION, Tier.CENTRAL, None, "VN"),
        UnitSpec(CENTRAL_COMMITTEE_CODE, "Ban Chấp hành Trung ương Đảng", UnitKind.CENTRAL_COMMITTEE, Tier.CENTRAL, NATION_CODE,
                 "TW", "TW"),
    ]
    rows = merger_rows()
    for row in rows:
        if not row.merged:
            continue
        code = old_province_code(row.old_code)
        specs.append(UnitSpec(code, _province_name(row.old_name), UnitKind.PROVINCE, Tier.PROVINCE, NATION_CODE,
                              valid_to=MERGER_EFFECTIVE))
        specs += _bodies(code, _place(row.old_name), PROVINCE_BODIES, tier=Tier.PROVINCE, valid_from=None,
                         valid_to=MERGER_EFFECTIVE, committee=_committee(row.old_name))
    merged_new = {row.new_code for row in rows if row.merged}
    for province in Province.iter_all():
        number = int(province.code)
        starts = MERGER_EFFECTIVE if number in merged_new else None
        code = province_code(number)
        specs.append(UnitSpec(code, _province_name(province.name), UnitKind.PROVINCE, Tier.PROVINCE, NATION_CODE, valid_from=starts))
        specs += _bodies(code, _place(province.name), PROVINCE_BODIES, tier=Tier.PROVINCE, valid_from=starts,
                         valid_to=None, committee=_committee(province.name))
    for ward in Ward.iter_all():
        code = commune_code(int(ward.code))
        # Communes, wards and special zones of the two-level government all began on 2025-07-01.
        specs.append(UnitSpec(code, ward.name, UnitKind.COMMUNE, Tier.COMMUNE, province_code(int(ward.province_code)),
                              valid_from=MERGER_EFFECTIVE))
        specs += _bodies(code, ward.name[0].lower() + ward.name[1:], COMMUNE_BODIES, tier=Tier.COMMUNE,
                         valid_from=MERGER_EFFECTIVE, valid_to=None)
    return specs


def merger_successors() -> dict[str, str]:
    """Old province code → the code of the province it became part of on 2025-07-01."""
    return {old_province_code(row.old_code): province_code(row.new_code) for row in merger_rows() if row.merged}


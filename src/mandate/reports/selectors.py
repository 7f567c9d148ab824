"""Reads that the paper layout needs: which body a unit's paper is issued by, under which heading, from which place."""
import datetime as dt

from mandate.documents.services import numbering_owner
from mandate.orgs.models import PARTY_KINDS, TERRITORIAL_KINDS, Cluster, Unit, UnitKind
from mandate.orgs.selectors import territory_of, unit_names_as_of, unit_parent
from mandate.reports.paper import PARTY, STATE, Paper, Signature

# The prefixes a territory's name carries and its place name in a date line leaves out.
TERRITORY_PREFIXES = ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ")
CAPITAL = "Hà Nội"  # the place of the central bodies' papers
PARTY_ORGANIZATION = "Đảng bộ"  # "Đảng bộ tỉnh Phú Thọ": the party organization of a territory


def _lower_first(name: str) -> str:
    """'tỉnh Phú Thọ' of 'Tỉnh Phú Thọ', as it reads inside a name."""
    return name[:1].lower() + name[1:]


def place_name(territory: Unit | None) -> str:
    """The place of a date line: 'Phú Thọ' for Tỉnh Phú Thọ, 'Hà Nội' for the nation's bodies; '' when unknown."""
    if territory is None:
        return ""
    if territory.kind == UnitKind.NATION:
        return CAPITAL
    for prefix in TERRITORY_PREFIXES:
        if territory.name.startswith(prefix):
            return territory.name.removeprefix(prefix)
    return territory.name


def paper_of(*, unit: Unit, day: dt.date, number: str = "", recipients: tuple[str, ...] = (),
             signature: Signature | None = None) -> Paper:
    """The paper a unit issues on `day`: a Standing Committee's is its party committee's, headed as a Party paper.

    The body above the issuer is printed over its name when it is a body, not a territory (a committee's
    advisory board under the committee, a department under the People's Committee), and the issuer's own
    name then leaves out the superior's ("Ban Tổ chức Tỉnh ủy Phú Thọ" under "Tỉnh ủy Phú Thọ" is "BAN TỔ CHỨC").
    """
    issuer = unit_names_as_of([numbering_owner(unit, on=day)], as_of=day)[0]
    parent = unit_parent(unit=issuer, as_of=day)
    territory = territory_of(unit=issuer, as_of=day)
    name, superior = issuer.name, ""
    if issuer.kind == UnitKind.PARTY_COMMITTEE and territory is not None and territory.kind == UnitKind.COMMUNE:
        # A commune's party committee heads its paper with the province's party organization above its name
        # ("ĐẢNG BỘ TỈNH PHÚ THỌ" over "ĐẢNG ỦY XÃ …"): the body directly above it since the districts went.
        province = unit_parent(unit=territory, as_of=day)
        if province is not None and province.kind == UnitKind.PROVINCE:
            superior = PARTY_ORGANIZATION + " " + _lower_first(unit_names_as_of([province], as_of=day)[0].name)
    elif parent is not None and parent.kind not in TERRITORIAL_KINDS:
        superior = unit_names_as_of([parent], as_of=day)[0].name
        # "Sở Nội vụ tỉnh Phú Thọ" under "Ủy ban nhân dân tỉnh Phú Thọ" is "SỞ NỘI VỤ": the superior names the place.
        place = _lower_first(territory.name) if territory is not None else ""
        for suffix in (superior, *([place] if place and superior.casefold().endswith(place.casefold()) else [])):
            if name.casefold().endswith(" " + suffix.casefold()):
                name = name[: -len(suffix) - 1]
                break
    return Paper(system=PARTY if issuer.kind in PARTY_KINDS else STATE, issuer=name.upper(), superior=superior.upper(),
                 number=number, place=place_name(territory), day=day,
                 recipients=tuple(recipients), signature=signature)


def cluster_paper(*, cluster: Cluster, day: dt.date) -> Paper:
    """An emulation cluster is no body: its paper bears its name under the State's heading, as emulation work does."""
    return Paper(system=STATE, issuer=cluster.name.upper(), day=day)

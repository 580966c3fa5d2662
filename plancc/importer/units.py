"""The units registry, built from the names attributions print.

- groups: names that stand for several units (各村, 各行政村, 镇直有关单位, 县直相关部门, …);
- roles: posts rather than offices (帮扶干部, 村党支部书记), and names listed under a post label;
- aliases: 扶贫站 next to 镇扶贫站 in one plan is the same unit (a 镇/县/区/乡/市 prefix dropped);
- names joined by 和/及/与 (各村和镇各机关部门) are split when the parts are names of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plancc.importer.attribution import ROLE_SUFFIX, unit_like

_PREFIXES = "镇县区乡市街"
_GROUP = re.compile(r"各|全体|所有|有关|相关|(?:单位|部门|机构|企业|乡镇|街道|成员)$")
_VILLAGE_GROUP = re.compile(r"^各(?:行政)?村$")
_DIRECT_GROUP = re.compile(rf"^([{_PREFIXES}])直各(?:单位|部门)$")
_CONJUNCTION = re.compile(r"[和及与]")


@dataclass
class UnitEntry:
    id: str
    kind: str = "unit"
    aliases: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    note: str = ""  # why it is a guess, for a YAML comment


def split_conjoined(names: list[str]) -> dict[str, list[str]]:
    """Names like 各村和镇各机关部门 that are two names: only when a part is also named on its own, or
    every part starts like a name of its own (县教育局与县人社局; not 县住房和城乡建设局, 农业农村和水利局)."""
    known = set(names)
    out: dict[str, list[str]] = {}
    for name in names:
        if not _CONJUNCTION.search(name):
            continue
        parts = [p for p in _CONJUNCTION.split(name) if p]
        if len(parts) > 1 and all(unit_like(p) for p in parts) and (
            any(p in known for p in parts) or all(p[0] in "各" + _PREFIXES for p in parts)
        ):
            out[name] = parts
    return out


def kind_of(name: str, role: bool = False) -> str:
    if _GROUP.search(name):
        return "group"
    if role or ROLE_SUFFIX.search(name):
        return "role"
    return "unit"


def build_registry(names: list[str], roles: set[str]) -> list[UnitEntry]:
    """Registry entries in order of first appearance, with aliases merged and village members guessed."""
    order = list(dict.fromkeys(names))
    present = set(order)
    alias_of: dict[str, str] = {}
    for name in order:
        if len(name) >= 3 and name[0] in _PREFIXES and name[1:] in present and name[1:] not in alias_of:
            alias_of[name[1:]] = name
    entries: list[UnitEntry] = []
    by_id: dict[str, UnitEntry] = {}
    for name in order:
        if name in alias_of:
            continue
        entry = UnitEntry(name, kind_of(name, name in roles))
        entries.append(entry)
        by_id[name] = entry
    for short, long in alias_of.items():
        by_id[long].aliases.append(short)
        by_id[long].note = f"“{short}”与“{long}”视为同一单位"
    _members(entries)
    return entries


def _members(entries: list[UnitEntry]) -> None:
    """各村 / 各行政村 include the villages named; 县直各单位 the 县 offices named."""
    units = [e for e in entries if e.kind == "unit"]
    for group in entries:
        if group.kind != "group":
            continue
        if _VILLAGE_GROUP.match(group.id):
            group.members = [u.id for u in units if u.id.endswith("村") and len(u.id) >= 2]
        elif m := _DIRECT_GROUP.match(group.id):
            group.members = [u.id for u in units if u.id.startswith(m.group(1))]
        if group.members:
            group.note = "成员为推断，请核对"

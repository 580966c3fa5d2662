"""Emit: plan data -> YAML text a clerk can read and edit.

Block style in the key order of the plan format, short lists of names in flow style
(`lead: [镇农经站]`), long text on one line, and quotes only where YAML would read a scalar as
something other than text. Guesses get a `# 待核对：…` comment on the line above them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

Path_ = tuple[Any, ...]
NOTE_PREFIX = "# 待核对："
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
FLOW_WIDTH = 100
FLOW_LISTS = {"lead", "responsible", "members", "aliases", "to", "cc", "numbering", "continue", "title_lines", "attachments",
              "mark", "signature"}
FLOW_MAPS = {"number", "due", "secrecy"}


def plain_ok(text: str, flow: bool = False) -> bool:
    """Whether `text` can be written without quotes and still read back as the same text."""
    if not text or text != text.strip() or any(c in text for c in "\n\r\t") or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or (flow and any(c in _FLOW_UNSAFE for c in text)):
        return False
    if not text.isprintable():
        return False
    if _ISO_DATE.match(text):
        return True  # plancc reads dates as text
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def literal_ok(text: str) -> bool:
    """Whether `text` of several lines can be written as a literal block (|-) and read back the same."""
    lines = text.split("\n")
    return len(lines) > 1 and all(line and line.isprintable() and line == line.strip() for line in lines)


def scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if plain_ok(text, flow) else json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str | None:
    """A short list of scalars or a small mapping of scalars in flow style, if it fits."""
    if isinstance(value, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        text = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    elif isinstance(value, dict) and value and all(isinstance(v, (str, int, bool)) for v in value.values()) and len(value) <= 4:
        text = "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items()) + "}"
    else:
        return None
    return text if len(text) <= FLOW_WIDTH or not value else None


class _Writer:
    def __init__(self, notes: dict[Path_, str]) -> None:
        self.notes = notes
        self.out: list[str] = []

    def note(self, path: Path_, indent: int) -> None:
        if path in self.notes:
            self.out.append(" " * indent + NOTE_PREFIX + self.notes[path].replace("\n", " "))

    def mapping(self, data: dict[str, Any], indent: int, path: Path_, first_prefix: str = "") -> None:
        for i, (key, value) in enumerate(data.items()):
            lead = first_prefix if i == 0 and first_prefix else " " * indent
            if not (i == 0 and first_prefix):
                self.note(path + (key,), indent)
            self.entry(lead + f"{key}:", value, indent, path + (key,))

    def entry(self, head: str, value: Any, indent: int, path: Path_) -> None:
        if isinstance(value, (dict, list)):
            key = path[-1]
            wanted = key in FLOW_LISTS if isinstance(value, list) else key in FLOW_MAPS
            flow = _flow(value) if wanted else None
            if flow is not None:
                self.out.append(f"{head} {flow}")
            elif isinstance(value, dict):
                self.out.append(head)
                self.mapping(value, indent + 2, path)
            elif not value:
                self.out.append(f"{head} []")
            else:
                self.out.append(head)
                self.sequence(value, indent + 2, path)
        elif isinstance(value, str) and literal_ok(value):  # 责任单位：X\n完成时限：… as the lines they are
            self.out.append(f"{head} |-")
            self.out.extend(" " * (indent + 2) + line for line in value.split("\n"))
        else:
            self.out.append(f"{head} {scalar(value)}")

    def sequence(self, items: list[Any], indent: int, path: Path_) -> None:
        for i, item in enumerate(items):
            here = path + (i,)
            self.note(here, indent)
            if isinstance(item, dict) and item:
                first = next(iter(item))
                self.note(here + (first,), indent)
                self.mapping(item, indent + 2, here, first_prefix=" " * indent + "- ")
            elif isinstance(item, list):
                flow = _flow(item)
                self.out.append(" " * indent + "- " + (flow if flow is not None else "[]"))
            else:
                self.out.append(" " * indent + "- " + scalar(item))


def dump(data: dict[str, Any], notes: dict[Path_, str], head: list[str]) -> str:
    """The YAML text of `data`, with `head` comment lines first and `notes` as comments."""
    writer = _Writer(notes)
    writer.out.extend(head)
    writer.mapping(data, 0, ())
    return "\n".join(writer.out) + "\n"

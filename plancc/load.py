"""Load stage: bytes -> plain data plus the source position of every value.

YAML is read strictly so that no scalar silently changes meaning: only true/false are booleans, only
plain decimal numbers without leading zeros are integers, everything else (no, 1.10, 2020-04-09,
000001) stays text. Duplicate keys, aliases that expand too far, deep nesting, huge files, binary
files and non-UTF-8 text are reported as problems, never as tracebacks.
"""

from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from plancc.problems import PlanError, Problem, problem

MAX_BYTES = 10 * 1024 * 1024  # 300 times the largest real plan; parsing this much takes ~0.7 s
MAX_NODES = 2_000_000
MAX_DEPTH = 64

Path_ = tuple[Any, ...]


class StrictResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema, minus floats, octal, hex and timestamps."""


StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - pure-Python PyYAML
    _CParser = None

if _CParser is not None:

    class _Composer(_CParser, StrictResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            StrictResolver.__init__(self)

else:  # pragma: no cover - pure-Python PyYAML

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, StrictResolver
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            StrictResolver.__init__(self)


@dataclass
class Source:
    """A loaded plan: its data and where each value (and each mapping key) came from."""

    path: str
    data: Any
    text: str = ""
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def pos(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), falling back to the nearest parent."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# What a double-quoted escape (\a, \x00, \ud800 …) can smuggle in that the reader refuses raw: control
# characters, lone surrogates, non-characters and odd line breaks. None can be written to .docx/.xlsx.
_ESCAPED_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


class _Converter:
    """Turn composed nodes into plain data, recording positions and rejecting what is unsafe."""

    def __init__(self, path: str, escapes: bool = True) -> None:
        self.path = path
        self.escapes = escapes  # the text has a backslash: a quoted escape may hide a control character
        self.count = 0
        self.src = Source(path, None)
        self.problems: list[Problem] = []

    def _check_chars(self, node: ScalarNode) -> None:
        m = _ESCAPED_BAD.search(node.value)
        if m:
            self.problems.append(problem(self.path, _mark(node), "bad-char", char=f"U+{ord(m.group()):04X}"))

    def convert(self, node: yaml.Node, at: Path_, depth: int, stack: frozenset[int] | None) -> Any:
        """`stack` holds the enclosing nodes when the text has anchors (else None: no recursion possible)."""
        self.count += 1
        if self.count > MAX_NODES:
            raise PlanError([problem(self.path, _mark(node), "too-many-nodes", limit=MAX_NODES)])
        if depth > MAX_DEPTH:
            raise PlanError([problem(self.path, _mark(node), "too-deep", limit=MAX_DEPTH)])
        self.src.positions[at] = _mark(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if stack is not None:
            if id(node) in stack:
                raise PlanError([problem(self.path, _mark(node), "recursive-alias")])
            stack = stack | {id(node)}
        if isinstance(node, SequenceNode):
            return [self.convert(child, at + (i,), depth + 1, stack) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, at, depth, stack)
        raise PlanError([problem(self.path, _mark(node), "yaml-tag", tag=str(node.tag))])  # pragma: no cover

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            if self.escapes:
                self._check_chars(node)
            return value
        if tag == "tag:yaml.org,2002:int":
            try:
                return int(value, 10)
            except ValueError:
                pass
        elif tag == "tag:yaml.org,2002:bool":
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
        elif tag == "tag:yaml.org,2002:null":
            if value in ("", "~") or value.lower() == "null":
                return None
        self.problems.append(problem(self.path, _mark(node), "yaml-tag", tag=tag))
        return value

    def _mapping(self, node: MappingNode, at: Path_, depth: int, stack: frozenset[int] | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(problem(self.path, _mark(key_node), "complex-key"))
                continue
            key = key_node.value
            if self.escapes:
                self._check_chars(key_node)
            if key in seen:
                first = seen[key]
                self.problems.append(
                    problem(self.path, _mark(key_node), "duplicate-key", key=key, first_line=first[0], first_column=first[1])
                )
                continue
            seen[key] = _mark(key_node)
            self.src.key_positions[at + (key,)] = _mark(key_node)
            out[key] = self.convert(value_node, at + (key,), depth + 1, stack)
        return out


def _check_size(root: yaml.Node, path: str) -> None:
    """Refuse documents whose aliases expand past MAX_NODES, counting each shared node once."""
    sizes: dict[int, int] = {}
    order: list[yaml.Node] = []
    stack, seen = [root], set()
    while stack:  # post-order without recursion
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
    for node in reversed(order):
        if isinstance(node, SequenceNode):
            children = node.value
        elif isinstance(node, MappingNode):
            children = [v for _, v in node.value]
        else:
            children = []
        sizes[id(node)] = 1 + sum(sizes.get(id(c), 0) for c in children)
        if sizes[id(node)] > MAX_NODES:
            raise PlanError([problem(path, _mark(node), "too-many-nodes", limit=MAX_NODES)])


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM); name GBK and binary files clearly."""
    if b"\x00" in raw[:8192]:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise PlanError([problem(path, (1, 1), "encoding-utf16")])
        raise PlanError([problem(path, (1, 1), "binary-file")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise PlanError([problem(path, (line, column), "encoding")]) from None
        raise PlanError([problem(path, (line, column), "encoding-gbk")]) from None


def load_text(text: str, path: str = "<plan>") -> Source:
    """Parse YAML text into a Source. Raises PlanError with located problems."""
    if len(text) > MAX_BYTES:
        raise PlanError([problem(path, (1, 1), "file-too-large", limit_mb=MAX_BYTES // 2**20)])
    # Parsing allocates millions of objects and frees almost none of them in cycles: running the cycle
    # collector while the node tree grows only costs time (3x on large plans).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(text, path)
    finally:
        if collecting:
            gc.enable()


# YAML 1.1 (libyaml) breaks lines at these; editors do not, so positions after them would be wrong.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


def _odd_breaks(text: str, path: str) -> list[Problem]:
    out = []
    for m in _ODD_BREAKS.finditer(text):
        out.append(problem(path, _line_column(text, m.start()), "bad-char", char=f"U+{ord(m.group()):04X}"))
        if len(out) >= 20:
            break
    return out


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index; LF, CRLF and a lone CR end a line, as in editors."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, index - max(before.rfind("\n"), before.rfind("\r"))


# libyaml composes recursively in C and slows down quadratically with depth: a few hundred kilobytes
# of brackets or dashes would crash or stall it. Anything nested this deep is refused before parsing;
# the exact limit (MAX_DEPTH) is applied afterwards, with the exact position.
PARSE_DEPTH = 1000
_DEEP_BLOCK = re.compile(r"^(?:[ \t]|[-?:][ \t]){%d}" % PARSE_DEPTH, re.M)
_FLOW = re.compile(r"[\[\]{}]")


def _too_deep_to_parse(text: str, path: str) -> Problem | None:
    """A cheap upper bound on nesting: indentation (with - ? : indicators) and unclosed brackets."""
    m = _DEEP_BLOCK.search(text)
    if m:
        return problem(path, _line_column(text, m.end()), "too-deep", limit=MAX_DEPTH)
    if text.count("[") + text.count("{") > PARSE_DEPTH:
        depth = 0
        for m in _FLOW.finditer(text):
            depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
            if depth > PARSE_DEPTH:
                return problem(path, _line_column(text, m.start()), "too-deep", limit=MAX_DEPTH)
    return None


def _load(text: str, path: str) -> Source:
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        raise PlanError(_odd_breaks(text, path))
    deep = _too_deep_to_parse(text, path)
    if deep:
        raise PlanError([deep])
    try:
        composer = _Composer(text)
        try:
            node = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _within(text, (mark.line + 1, mark.column + 1)) if mark else (1, 1)
        detail = " ".join(filter(None, [exc.context, exc.problem]))
        raise PlanError([problem(path, pos, "yaml-syntax", detail=detail)]) from None
    except yaml.reader.ReaderError as exc:
        raise PlanError([problem(path, _offset_position(text, exc.position), "bad-char", char=f"U+{exc.character:04X}")]) from None
    except yaml.YAMLError as exc:
        raise PlanError([problem(path, (1, 1), "yaml-syntax", detail=str(exc))]) from None
    except RecursionError:
        raise PlanError([problem(path, (1, 1), "too-deep", limit=MAX_DEPTH)]) from None
    conv = _Converter(path, escapes="\\" in text)
    anchors = "&" in text  # without anchors there are no aliases: no bombs, no recursion
    if node is None:
        conv.src.data = None
    else:
        if anchors:
            _check_size(node, path)
        conv.src.data = conv.convert(node, (), 0, frozenset() if anchors else None)
    conv.src.text = text
    if conv.problems:
        raise PlanError(conv.problems)
    return conv.src


def _within(text: str, pos: tuple[int, int]) -> tuple[int, int]:
    """An end-of-stream position moved back onto the last line, where an editor can show it."""
    last = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    if pos[0] <= last:
        return pos
    tail = text.replace("\r\n", "\n").replace("\r", "\n").rsplit("\n", 1)[-1]
    return last, len(tail) + 1


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a reader error's offset: UTF-8 bytes for libyaml, characters otherwise."""
    if _CParser is not None:
        offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace"))
    return _line_column(text, offset)


def load_file(path: str | Path) -> Source:
    """Read and parse a plan file."""
    name = str(path)
    p = Path(path)
    too_large = PlanError([problem(name, (1, 1), "file-too-large", limit_mb=MAX_BYTES // 2**20)])
    try:
        with p.open("rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_BYTES:
                raise too_large
            raw = f.read(MAX_BYTES + 1)  # bounded: a device or pipe has no size to check first
        if len(raw) > MAX_BYTES:
            raise too_large
    except IsADirectoryError:
        raise PlanError([problem(name, (0, 0), "not-a-file")]) from None
    except FileNotFoundError:
        raise PlanError([problem(name, (0, 0), "file-not-found")]) from None
    except PermissionError:
        raise PlanError([problem(name, (0, 0), "file-unreadable")]) from None
    except OSError as exc:
        raise PlanError([problem(name, (0, 0), "file-unreadable", detail=exc.strerror or str(exc))]) from None
    return load_text(decode(raw, name), name)

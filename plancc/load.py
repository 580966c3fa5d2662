"""Load stage: bytes -> plain data plus the source position of every value.

YAML is read strictly so that no scalar silently changes meaning: only true/false are booleans, only
plain decimal numbers without leading zeros are integers, everything else (no, 1.10, 2020-04-09,
000001) stays text. Duplicate keys, aliases that expand too far, deep nesting, huge files, binary
files and non-UTF-8 text are reported as problems, never as tracebacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from plancc.problems import PlanError, Problem, problem

MAX_BYTES = 20 * 1024 * 1024
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


class _Converter:
    """Turn composed nodes into plain data, recording positions and rejecting what is unsafe."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        self.src = Source(path, None)
        self.problems: list[Problem] = []

    def convert(self, node: yaml.Node, at: Path_, depth: int, stack: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise PlanError([problem(self.path, _mark(node), "too-many-nodes", limit=MAX_NODES)])
        if depth > MAX_DEPTH:
            raise PlanError([problem(self.path, _mark(node), "too-deep", limit=MAX_DEPTH)])
        self.src.positions[at] = _mark(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
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

    def _mapping(self, node: MappingNode, at: Path_, depth: int, stack: frozenset[int]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(problem(self.path, _mark(key_node), "complex-key"))
                continue
            key = key_node.value
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
    try:
        composer = _Composer(text)
        try:
            node = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(filter(None, [exc.context, exc.problem]))
        raise PlanError([problem(path, pos, "yaml-syntax", detail=detail)]) from None
    except yaml.YAMLError as exc:
        raise PlanError([problem(path, (1, 1), "yaml-syntax", detail=str(exc))]) from None
    except RecursionError:
        raise PlanError([problem(path, (1, 1), "too-deep", limit=MAX_DEPTH)]) from None
    conv = _Converter(path)
    if node is not None:
        _check_size(node, path)
    if node is None:
        conv.src.data = None
    else:
        conv.src.data = conv.convert(node, (), 0, frozenset())
    conv.src.text = text
    if conv.problems:
        raise PlanError(conv.problems)
    return conv.src


def load_file(path: str | Path) -> Source:
    """Read and parse a plan file."""
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise PlanError([problem(name, (1, 1), "file-too-large", limit_mb=MAX_BYTES // 2**20)])
        raw = p.read_bytes()
    except IsADirectoryError:
        raise PlanError([problem(name, (0, 0), "not-a-file")]) from None
    except FileNotFoundError:
        raise PlanError([problem(name, (0, 0), "file-not-found")]) from None
    except PermissionError:
        raise PlanError([problem(name, (0, 0), "file-unreadable")]) from None
    except OSError as exc:
        raise PlanError([problem(name, (0, 0), "file-unreadable", detail=exc.strerror or str(exc))]) from None
    return load_text(decode(raw, name), name)

"""Load stage: bytes -> plain data plus the source position of every value.

YAML is read strictly so that no scalar silently changes meaning: only true/false are booleans, only
plain decimal numbers without leading zeros are integers, everything else (no, 1.10, 2020-04-09,
000001) stays text. Duplicate keys, aliases that expand too far, deep nesting, huge files, binary
files and non-UTF-8 text are reported as problems, never as tracebacks.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from plancc.problems import PlanError, Problem, problem

MAX_BYTES = 10 * 1024 * 1024  # 300 times the largest real plan; parsing this much takes ~0.35 s
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
        def __init__(self, stream: str | bytes) -> None:
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


# A position is packed into one int: (line << _BITS | column), and a mapping value's entry also holds
# its key's position above that (<< 2 * _BITS). Lines and columns of a text of at most MAX_BYTES
# characters fit in _BITS bits.
_BITS = (MAX_BYTES + 1).bit_length()
_MASK = (1 << _BITS) - 1


def _pack(mark: Any) -> int:
    return (mark.line + 1) << _BITS | (mark.column + 1)


def _unpack(packed: int) -> tuple[int, int]:
    return (packed >> _BITS) & _MASK, packed & _MASK


def _packed(entry: Any) -> int:
    if type(entry) is int:
        return entry
    return entry[None] if type(entry) is dict else entry[0]  # type: ignore[no-any-return]


class Positions(Mapping[Path_, tuple[int, int]]):
    """Where the value (with keys=True: the mapping key) at each path starts, as 1-based (line, column).

    Stored as a tree shaped like the data, not as a dict of path tuples (a third of the memory, and
    no path to build per value): a scalar's entry is its packed position; a mapping's is a dict of
    its children's entries with its own position under None, a sequence's a list of its own position
    and then its children's entries.
    """

    def __init__(self, root: Any = None, keys: bool = False) -> None:
        self._root = root
        self._keys = keys

    def of_keys(self) -> Positions:
        """The same tree, read as the positions of mapping keys."""
        return Positions(self._root, keys=True)

    def _walk(self, path: Path_) -> tuple[Any, int]:
        """The entry of the longest start of `path` in the tree (None if not even the root), and its length."""
        entry, found = self._root, 0
        for step in path:
            if type(entry) is dict and step is not None:
                child = entry.get(step)
            elif type(entry) is list and isinstance(step, int) and 0 <= step < len(entry) - 1:
                child = entry[step + 1]
            else:
                break
            if child is None:
                break
            entry, found = child, found + 1
        return entry, found

    def get(self, path: Path_, default: Any = None) -> Any:  # without a KeyError: the model asks per action
        entry, found = self._walk(path)
        if entry is None or found < len(path):
            return default
        packed = _packed(entry) >> 2 * _BITS if self._keys else _packed(entry)
        return _unpack(packed) if packed else default

    def __getitem__(self, path: Path_) -> tuple[int, int]:
        found: tuple[int, int] | None = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __iter__(self) -> Iterator[Path_]:
        """Paths in document order."""
        todo = [((), self._root)] if self._root is not None else []
        while todo:
            path, entry = todo.pop()
            if not self._keys or _packed(entry) >> 2 * _BITS:
                yield path
            if type(entry) is dict:
                todo.extend(reversed([(path + (step,), child) for step, child in entry.items() if step is not None]))
            elif type(entry) is list:
                todo.extend(reversed([(path + (step,), child) for step, child in enumerate(entry[1:])]))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"Positions({dict(self)!r})"

    def nearest(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), else of the nearest enclosing value."""
        entry, found = self._walk(path)
        if entry is None:
            return 1, 1
        packed = _packed(entry)
        if key and found == len(path) and packed >> 2 * _BITS:
            return _unpack(packed >> 2 * _BITS)
        return _unpack(packed)


@dataclass
class Source:
    """A loaded plan: its data and where each value (and each mapping key) came from."""

    path: str
    data: Any
    text: str = ""
    positions: Positions = field(default_factory=Positions)

    @property
    def key_positions(self) -> Positions:
        return self.positions.of_keys()

    def pos(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), falling back to the nearest parent."""
        return self.positions.nearest(tuple(path), key)


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


# What a double-quoted escape (\a, \x00, \ud800 …) can smuggle in that the reader refuses raw: control
# characters, lone surrogates, non-characters and odd line breaks. None can be written to .docx/.xlsx.
_ESCAPED_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_STR = "tag:yaml.org,2002:str"
_IMPLICIT: dict[Any, list[tuple[str, re.Pattern[str]]]] = StrictResolver.yaml_implicit_resolvers
_START = (MappingStartEvent, SequenceStartEvent)
_END = (MappingEndEvent, SequenceEndEvent)


def _tag(event: ScalarEvent) -> str:
    """The tag the composer gives a scalar (as BaseResolver.resolve does, without path resolvers)."""
    if event.tag is not None and event.tag != "!":
        return event.tag
    if event.implicit[0]:
        for tag, regexp in _IMPLICIT.get(event.value[:1], ()):
            if regexp.match(event.value):
                return tag
    return _STR


def _undefined_alias(event: AliasEvent) -> yaml.composer.ComposerError:
    """The composer's error (the pure-Python one names the alias)."""
    name = "" if _CParser is not None else f" {event.anchor!r}"
    return yaml.composer.ComposerError(None, None, f"found undefined alias{name}", event.start_mark)


def _skip(get: Callable[[], Any], depth: int = 0) -> None:
    """Read past the events of one value (or, from inside `depth` collections, to their end)."""
    while True:
        event = get()
        if isinstance(event, _START):
            depth += 1
        elif isinstance(event, _END):
            depth -= 1
        elif type(event) is AliasEvent:  # the composer reads every event, and refuses this one
            raise _undefined_alias(event)
        if depth == 0:
            return


class _Converter:
    """Turn parser events (or, for texts with anchors, composed nodes) into plain data and a Positions
    tree, rejecting what is unsafe. Both ways find the same problems in the same order."""

    def __init__(self, path: str, escapes: bool = True) -> None:
        self.path = path
        self.escapes = escapes  # the text has a backslash: a quoted escape may hide a control character
        self.count = 0  # values converted (by `convert`; `events` counts its own)
        self.problems: list[Problem] = []

    def _check_chars(self, value: str, mark: Any) -> None:
        m = _ESCAPED_BAD.search(value)
        if m:
            self.problems.append(problem(self.path, _mark(mark), "bad-char", char=f"U+{ord(m.group()):04X}"))

    def _scalar(self, tag: str, value: str, mark: Any) -> Any:
        if tag == _STR:
            if self.escapes:
                self._check_chars(value, mark)
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
        self.problems.append(problem(self.path, _mark(mark), "yaml-tag", tag=tag))
        return value

    def _new_key(self, key: str, mark: Any, kids: dict[Any, Any]) -> bool:
        """Check a mapping key; False for a duplicate (reported; its value is skipped)."""
        if self.escapes:
            self._check_chars(key, mark)
        if key not in kids:
            return True
        first = _unpack(_packed(kids[key]) >> 2 * _BITS)
        self.problems.append(
            problem(self.path, _mark(mark), "duplicate-key", key=key, first_line=first[0], first_column=first[1])
        )
        return False

    def _limit(self, count: int, mark: Any, depth: int) -> Problem | None:
        """The problem with the count-th value, nested `depth` deep: one too many, or too deep."""
        if count > MAX_NODES:
            return problem(self.path, _mark(mark), "too-many-nodes", limit=MAX_NODES)
        if depth > MAX_DEPTH:
            return problem(self.path, _mark(mark), "too-deep", limit=MAX_DEPTH)
        return None

    def events(self, parser: Any) -> tuple[Any, Any]:
        """Data and Positions tree of the parser's single document; (None, None) for an empty stream.

        Builds no node tree (a third less time, and far less memory). A text without anchors has
        nothing to expand; an alias in it is an error. The composer would read the whole document
        (and one event more) before anything was converted, so its errors come before a value that
        is too deep or one too many: such a value stops the conversion, and is reported at the end.
        """
        get = parser.get_event
        get()  # StreamStartEvent
        if type(get()) is StreamEndEvent:
            return None, None
        root_mark = parser.peek_event().start_mark
        document: list[Any] = []  # holds the root value, like a sequence
        document_at: list[Any] = [0]  # its positions entry: no position of its own, then the root's
        out: Any = document  # the collection being filled, and its children's entries
        kids: Any = document_at
        in_map = False
        enclosing: list[tuple[Any, Any, bool]] = []
        key, key_at = "", 0  # in a mapping: the key whose value comes next, its position << 2 * _BITS
        count, fatal = 0, None
        while True:
            event = get()
            cls = type(event)
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                out, kids, in_map = enclosing.pop()
            elif cls is AliasEvent:
                raise _undefined_alias(event)
            elif in_map and not key_at:  # a key
                if cls is not ScalarEvent:
                    self.problems.append(problem(self.path, _mark(event.start_mark), "complex-key"))
                    _skip(get, 1)  # the rest of the key
                    _skip(get)  # its value
                elif self._new_key(event.value, event.start_mark, kids):
                    key, key_at = event.value, _pack(event.start_mark) << 2 * _BITS
                else:
                    _skip(get)
                continue
            else:  # a value
                mark = event.start_mark
                count += 1
                if count > MAX_NODES or len(enclosing) > MAX_DEPTH:
                    fatal = self._limit(count, mark, len(enclosing))
                    _skip(get, len(enclosing) + (cls is not ScalarEvent))
                    break
                at = (mark.line + 1) << _BITS | (mark.column + 1) | key_at
                if cls is ScalarEvent:
                    value: Any = event.value
                    if self.escapes or event.tag is not None or event.implicit[0] and value[:1] in _IMPLICIT:
                        value = self._scalar(_tag(event), value, mark)  # else plain text, the usual case
                    entry: Any = at
                else:
                    value, entry = ({}, {None: at}) if cls is MappingStartEvent else ([], [at])
                if in_map:
                    out[key] = value
                    kids[key] = entry
                    key_at = 0
                else:
                    out.append(value)
                    kids.append(entry)
                if cls is not ScalarEvent:
                    enclosing.append((out, kids, in_map))
                    out, kids, in_map = value, entry, cls is MappingStartEvent
            if not enclosing:
                break
        get()  # DocumentEndEvent
        event = get()
        if type(event) is not StreamEndEvent:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", root_mark, "but found another document", event.start_mark
            )
        if fatal:
            raise PlanError([fatal])
        return document[0], document_at[1]

    def convert(self, node: yaml.Node, depth: int, stack: frozenset[int], key_at: int = 0) -> tuple[Any, Any]:
        """Data and Positions entry of a composed node; `stack` holds the enclosing nodes (no recursion)."""
        self.count += 1
        fatal = self._limit(self.count, node.start_mark, depth)
        if fatal:
            raise PlanError([fatal])
        at = _pack(node.start_mark) | key_at
        if isinstance(node, ScalarNode):
            return self._scalar(node.tag, node.value, node.start_mark), at
        if id(node) in stack:
            raise PlanError([problem(self.path, _mark(node.start_mark), "recursive-alias")])
        stack = stack | {id(node)}
        if isinstance(node, SequenceNode):
            pairs = [self.convert(child, depth + 1, stack) for child in node.value]
            return [value for value, _ in pairs], [at] + [entry for _, entry in pairs]
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            kids: dict[Any, Any] = {None: at}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problems.append(problem(self.path, _mark(key_node.start_mark), "complex-key"))
                elif self._new_key(key_node.value, key_node.start_mark, kids):
                    key = key_node.value
                    out[key], kids[key] = self.convert(value_node, depth + 1, stack, _pack(key_node.start_mark) << 2 * _BITS)
            return out, kids
        raise PlanError([problem(self.path, _mark(node.start_mark), "yaml-tag", tag=str(node.tag))])  # pragma: no cover


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
            raise PlanError([problem(path, _mark(node.start_mark), "too-many-nodes", limit=MAX_NODES)])


_BOM = b"\xef\xbb\xbf"


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM); name GBK and binary files clearly."""
    if b"\x00" in raw[:8192]:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise PlanError([problem(path, (1, 1), "encoding-utf16")])
        raise PlanError([problem(path, (1, 1), "binary-file")])
    if raw.startswith(_BOM):
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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building many objects that are freed, if at all, by refcount
    (parsing, checking, modelling): running it as they pile up only costs time (3x on large plans)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_text(text: str, path: str = "<plan>", *, utf8: bytes | None = None) -> Source:
    """Parse YAML text into a Source. Raises PlanError with located problems.

    `utf8` is the text's UTF-8 encoding, when the caller has it: what libyaml reads, so it is not
    encoded again."""
    if len(text) > MAX_BYTES:
        raise PlanError([problem(path, (1, 1), "file-too-large", limit_mb=MAX_BYTES // 2**20)])
    with gc_paused():
        return _load(text, path, utf8)


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
_LONG_INDENT = re.compile(r"\n[-?: \t]{%d}" % PARSE_DEPTH)  # how a later line _DEEP_BLOCK matches starts
_FLOW = re.compile(r"[\[\]{}]")
_NOT_FLOW = bytes(c for c in range(256) if chr(c) not in "[]{}")


def _too_deep_to_parse(text: str, path: str, utf8: bytes | None = None) -> Problem | None:
    """A cheap upper bound on nesting: indentation (with - ? : indicators) and unclosed brackets."""
    m = _DEEP_BLOCK.match(text)
    if m is None and _LONG_INDENT.search(text):  # searched for first: 10x quicker
        m = _DEEP_BLOCK.search(text)
    if m:
        return problem(path, _line_column(text, m.end()), "too-deep", limit=MAX_DEPTH)
    if text.count("[") + text.count("{") > PARSE_DEPTH:
        depth = 0
        # The brackets alone, quickly: in UTF-8 no other character has a byte that looks like one.
        brackets = (utf8 or text.encode("utf-8", "surrogatepass")).translate(None, _NOT_FLOW)
        for i, c in enumerate(brackets):
            if c in b"[{":
                depth += 1
                if depth > PARSE_DEPTH:
                    m = next(itertools.islice(_FLOW.finditer(text), i, None))
                    return problem(path, _line_column(text, m.start()), "too-deep", limit=MAX_DEPTH)
            elif depth:  # never below zero: brackets in text need not pair
                depth -= 1
    return None


def _load(text: str, path: str, utf8: bytes | None) -> Source:
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        raise PlanError(_odd_breaks(text, path))
    deep = _too_deep_to_parse(text, path, utf8)
    if deep:
        raise PlanError([deep])
    conv = _Converter(path, escapes="\\" in text)
    try:
        composer = _Composer(utf8 if utf8 is not None and _CParser is not None else text)
        try:
            if "&" in text:  # anchors: compose nodes, so that aliases can be counted and expanded
                node = composer.get_single_node()
                data, tree = None, None
                if node is not None:
                    _check_size(node, path)
                    data, tree = conv.convert(node, 0, frozenset())
            else:
                data, tree = conv.events(composer)
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
    if conv.problems:
        raise PlanError(conv.problems)
    return Source(path, data, text, Positions(tree))


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
    text = decode(raw, name)
    return load_text(text, name, utf8=raw[3:] if raw.startswith(_BOM) else raw)

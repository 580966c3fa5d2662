"""What a renderer receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from plancc.render.templates import Templates


@dataclass(frozen=True)
class Output:
    """One output file: its path relative to the output folder, and its bytes."""

    name: str
    data: bytes


@dataclass
class Context:
    templates: Templates = field(default_factory=Templates)
    units: tuple[str, ...] = ()  # unit ids selected with --unit (empty: all)

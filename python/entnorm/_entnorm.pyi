"""Type stubs for the native module ``entnorm._entnorm`` (import ``entnorm``)."""

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict, final, type_check_only

__all__ = ["Engine", "Mention", "EntnormError", "__version__"]
__version__: str

_StrPath = str | os.PathLike[str]
_FuzzyMode = Literal["off", "context", "always"]
_MatchKind = Literal["exact", "normalized", "inflection", "transliteration", "fuzzy", "context"]

@type_check_only
class MentionDict(TypedDict):
    """:meth:`Mention.to_dict`: the CLI's JSON object for one mention."""

    start: int
    end: int
    text: str
    entity: str
    type: str
    match: str

@type_check_only
class Problem(TypedDict):
    """One gazetteer problem (:attr:`EntnormError.problems`)."""

    file: str
    line: int
    column: int | None
    message: str

@type_check_only
class Ambiguity(TypedDict):
    """A span several entities share that nothing in the text resolved."""

    start: int
    end: int
    text: str
    candidates: list[str]
    more: NotRequired[int]

@type_check_only
class Detailed(TypedDict):
    """:meth:`Engine.tag_detailed`."""

    mentions: list[Mention]
    ambiguous: list[Ambiguity]

@type_check_only
class LookupHit(TypedDict):
    """One entity a looked-up key leads to, and why."""

    entity: str
    type: str
    match: str
    alias: str
    detail: str
    case: str
    context_only: bool

@type_check_only
class Lookup(TypedDict):
    """:meth:`Engine.lookup`: the same object as ``entnorm lookup --json``."""

    surface: str
    key: str
    hits: list[LookupHit]

class EntnormError(ValueError):
    """A gazetteer, index or file could not be loaded or written.

    The message is the one the CLI prints after ``entnorm: error: ``.
    """

    problems: list[Problem]
    """Every gazetteer problem (empty for index and I/O errors)."""

@final
class Mention:
    """One mention of an entity in a text.

    ``start``/``end`` are code-point offsets (end exclusive), so
    ``text[m.start:m.end] == m.text``. Immutable, hashable, picklable.
    """

    @property
    def start(self) -> int:
        """First code point of the mention."""
    @property
    def end(self) -> int:
        """One past the last code point."""
    @property
    def text(self) -> str:
        """The mention as written in the text."""
    @property
    def entity(self) -> str:
        """The entity's canonical ID."""
    @property
    def type(self) -> str:
        """The entity's type: ``PER``, ``ORG``, ``LOC``, ..."""
    @property
    def match(self) -> _MatchKind:
        """How it matched: exact, normalized, inflection, transliteration, fuzzy or context."""
    def __new__(
        cls, start: int, end: int, text: str, entity: str, type: str, match: str
    ) -> Mention:
        """Builds a mention by hand; ``match`` must be one of the six kinds."""
    def to_dict(self) -> MentionDict:
        """The mention with the CLI's JSON keys: start, end, text, entity, type, match."""
    def __getnewargs__(self) -> tuple[int, int, str, str, str, str]:
        """Constructor arguments, for pickling."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Engine:
    """A loaded gazetteer index that tags text. Immutable and thread-safe."""

    @staticmethod
    def default(*, fuzzy: _FuzzyMode = "context") -> Engine:
        """The engine over the gazetteer embedded in entnorm.

        ``fuzzy`` (every constructor): when misspelled names are tagged, as the
        CLI's ``--fuzzy``: ``"context"`` (when the document also names the
        entity correctly), ``"off"`` or ``"always"``.
        """
    @staticmethod
    def from_gazetteer(dir: _StrPath, *, fuzzy: _FuzzyMode = "context") -> Engine:
        """The engine over a gazetteer directory (compiled now).

        Raises :class:`EntnormError` naming every problem's file:line:column.
        """
    @staticmethod
    def from_index(path: _StrPath, *, fuzzy: _FuzzyMode = "context") -> Engine:
        """The engine over an index file (``entnorm build``, :meth:`save_index`).

        Raises :class:`EntnormError` for a missing, damaged or outdated file.
        """
    @staticmethod
    def _from_source(kind: str, path: _StrPath | None = None, fuzzy: str = "context") -> Engine:
        """Rebuilds an engine from its source (used by pickling)."""
    def tag(self, text: str) -> list[Mention]:
        """The mentions in ``text``, sorted by start, never overlapping."""
    def tag_batch(self, texts: Iterable[str], threads: int | None = None) -> list[list[Mention]]:
        """One list of mentions per text, in input order, tagged in parallel.

        The GIL is released. ``threads``: None or 0 = all cores.
        """
    def tag_detailed(self, text: str) -> Detailed:
        """Mentions plus unresolved ambiguous spans."""
    def lookup(self, surface: str) -> Lookup:
        """How one surface form normalizes and the entities its key leads to."""
    def save_index(self, path: _StrPath) -> None:
        """Writes the compiled index (for :meth:`from_index` / ``entnorm tag --index``)."""
    @property
    def entity_count(self) -> int:
        """Number of entities."""
    @property
    def key_count(self) -> int:
        """Number of distinct normalized keys."""
    @property
    def source(self) -> Literal["embedded", "gazetteer", "index"]:
        """Where the index came from."""
    @property
    def fuzzy(self) -> _FuzzyMode:
        """When misspelled names are tagged: off, context or always."""
    @property
    def path(self) -> Path | None:
        """The gazetteer directory or index file (None for the embedded one)."""
    def __reduce__(self) -> tuple[Any, tuple[str, Path | None, str]]: ...

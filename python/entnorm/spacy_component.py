"""A spaCy pipeline component, ``entnorm``, that sets ``doc.ents``.

Usage::

    import spacy

    nlp = spacy.blank("ru")                       # or any pipeline
    nlp.add_pipe("entnorm")                        # embedded gazetteer
    # nlp.add_pipe("entnorm", config={"gazetteer": "my-gazetteer/"})
    # nlp.add_pipe("entnorm", config={"index": "my.idx"})
    doc = nlp("Дмитрий Песков ответил")
    [(e.text, e.label_, e.kb_id_, e._.entnorm_match) for e in doc.ents]
    # [('Дмитрий Песков', 'PER', 'dmitry-peskov', 'exact')]

Each mention becomes an entity span whose ``label_`` is the entity type,
``kb_id_`` the canonical entity ID and ``._.entnorm_match`` the match kind.
spaCy spans cover whole tokens: a mention that starts or ends inside a token
is widened to the token boundaries (``alignment_mode="expand"``, the
default), or dropped with ``"strict"``. Entities already on the doc (from an
earlier ``ner`` component) are kept where they do not overlap an entnorm
mention; with ``overwrite_ents=True`` they are replaced. ``nlp.pipe`` tags
each batch of documents in parallel with ``Engine.tag_batch``.

The factory is registered through the ``spacy_factories`` entry point, so
``nlp.add_pipe("entnorm")`` works once the entnorm wheel is installed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import Engine, Mention

__all__ = ["EntnormComponent", "make_entnorm_component"]

if not Span.has_extension("entnorm_match"):
    Span.set_extension("entnorm_match", default=None)

_ENGINES: dict[tuple[str | None, str | None, str], Engine] = {}


def _engine(gazetteer: str | None, index: str | None, fuzzy: str = "context") -> Engine:
    """One engine per source and process, shared by every pipeline."""
    key = (gazetteer, index, fuzzy)
    engine = _ENGINES.get(key)
    if engine is None:
        if gazetteer and index:
            raise ValueError("entnorm: give gazetteer or index, not both")
        mode: Any = fuzzy
        if gazetteer:
            engine = Engine.from_gazetteer(gazetteer, fuzzy=mode)
        elif index:
            engine = Engine.from_index(index, fuzzy=mode)
        else:
            engine = Engine.default(fuzzy=mode)
        _ENGINES[key] = engine
    return engine


class EntnormComponent:
    """Sets ``doc.ents`` from entnorm's mentions (label = type, kb_id =
    entity ID, ``._.entnorm_match`` = match kind)."""

    def __init__(
        self,
        engine: Engine,
        *,
        overwrite_ents: bool = False,
        alignment_mode: str = "expand",
        threads: int | None = None,
    ) -> None:
        if alignment_mode not in ("strict", "contract", "expand"):
            raise ValueError(f"alignment_mode must be strict, contract or expand, not {alignment_mode!r}")
        self.engine = engine
        self.overwrite_ents = overwrite_ents
        self.alignment_mode = alignment_mode
        self.threads = threads

    def __call__(self, doc: Doc) -> Doc:
        """Tags one doc."""
        return self._set_ents(doc, self.engine.tag(doc.text))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Tags docs a batch at a time, each batch in parallel."""
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag_many(batch)
                batch = []
        if batch:
            yield from self._tag_many(batch)

    def _tag_many(self, docs: list[Doc]) -> Iterator[Doc]:
        results = self.engine.tag_batch([d.text for d in docs], threads=self.threads)
        for doc, mentions in zip(docs, results):
            yield self._set_ents(doc, mentions)

    def _set_ents(self, doc: Doc, mentions: list[Mention]) -> Doc:
        spans: list[Span] = []
        last_end = 0
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=m.type, kb_id=m.entity, alignment_mode=self.alignment_mode)
            # Widening can make neighbours overlap: keep the first.
            if span is None or span.start < last_end or len(span) == 0:
                continue
            span._.entnorm_match = m.match
            spans.append(span)
            last_end = span.end
        if not self.overwrite_ents:
            covered = {i for s in spans for i in range(s.start, s.end)}
            kept = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
            spans = sorted(kept + spans, key=lambda s: s.start)
        doc.ents = spans
        return doc


@Language.factory(
    "entnorm",
    default_config={
        "gazetteer": None,
        "index": None,
        "fuzzy": "context",
        "overwrite_ents": False,
        "alignment_mode": "expand",
        "threads": None,
    },
)
def make_entnorm_component(
    nlp: Language,
    name: str,
    gazetteer: str | None,
    index: str | None,
    fuzzy: str,
    overwrite_ents: bool,
    alignment_mode: str,
    threads: int | None,
) -> EntnormComponent:
    """The ``entnorm`` factory: ``gazetteer`` (a directory) or ``index`` (a
    file) chooses the engine, neither = the embedded gazetteer; ``fuzzy`` is
    the engine option (off, context, always)."""
    return EntnormComponent(
        _engine(gazetteer, index, fuzzy), overwrite_ents=overwrite_ents, alignment_mode=alignment_mode, threads=threads
    )

"""entnorm: find named entities in Russian and English text and map them to
canonical IDs from CSV gazetteers.

Python bindings of the entnorm Rust engine: the same matching, the same
offsets and the same results as the ``entnorm`` command-line tool.

>>> import entnorm
>>> engine = entnorm.Engine.default()
>>> engine.tag("Песков заявил")
[Mention(start=0, end=6, text='Песков', entity='dmitry-peskov', type='PER', match='exact')]

* :class:`Engine` loads a gazetteer (the embedded default, a directory of CSV
  files, or a compiled index file) and tags text: :meth:`Engine.tag` for one
  text, :meth:`Engine.tag_batch` for many in parallel (the GIL is released).
* :class:`Mention` is one mention: ``start``/``end`` (code points, so
  ``text[m.start:m.end] == m.text``), ``text``, ``entity``, ``type``, ``match``.
* :class:`EntnormError` (a ``ValueError``) is raised when a gazetteer or index
  cannot be loaded, with the CLI's message (``file:line:column: ...``).
* :mod:`entnorm.spark` tags a Spark DataFrame column;
  :mod:`entnorm.spacy_component` adds an ``entnorm`` spaCy pipeline component.
"""

from ._entnorm import Engine, EntnormError, Mention, __version__

__all__ = ["Engine", "EntnormError", "Mention", "MATCH_KINDS", "__version__"]

#: The values of :attr:`Mention.match`, from the most to the least literal.
MATCH_KINDS: tuple[str, ...] = (
    "exact",
    "normalized",
    "inflection",
    "transliteration",
    "fuzzy",
    "context",
)

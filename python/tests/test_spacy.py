"""The `entnorm` spaCy component on blank pipelines (no model downloads):
doc.ents carry the entity type as label and the entity ID as kb_id."""

from __future__ import annotations

import pytest
from conftest import DEVSET_GAZETTEER, SAMPLE, read_jsonl

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (pip install spacy)")

import entnorm  # noqa: E402

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_blank_pipeline_sets_ents(lang: str) -> None:
    nlp = spacy.blank(lang)
    nlp.add_pipe("entnorm")
    text = {
        "ru": "Пресс-секретарь Дмитрий Песков заявил, что Путин прилетит в Кабул.",
        "en": "Kremlin spokesman Dmitry Peskov said Putin would fly to Kabul.",
    }[lang]
    doc = nlp(text)
    expected = entnorm.Engine.default().tag(text)
    assert [(e.start_char, e.end_char, e.text, e.label_, e.kb_id_, e._.entnorm_match) for e in doc.ents] == [
        (m.start, m.end, m.text, m.type, m.entity, m.match) for m in expected
    ]
    assert {"dmitry-peskov", "vladimir-putin", "kabul"} <= {e.kb_id_ for e in doc.ents}


def test_pipe_equals_call_and_spans_cover_mentions() -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe("entnorm", config={"gazetteer": str(DEVSET_GAZETTEER)})
    texts = [d["text"] for d in read_jsonl(SAMPLE)]
    piped = [[(e.start_char, e.end_char, e.kb_id_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=7)]
    called = [[(e.start_char, e.end_char, e.kb_id_) for e in nlp(t).ents] for t in texts]
    assert piped == called
    engine = entnorm.Engine.from_gazetteer(DEVSET_GAZETTEER)
    for text, ents in zip(texts, piped):
        mentions = engine.tag(text)
        assert len(ents) <= len(mentions)
        for start, end, kb_id in ents:  # every entity is a (possibly widened) mention
            assert any(m.entity == kb_id and start <= m.start and m.end <= end for m in mentions)


def test_existing_ents_kept_unless_overlapping_or_overwritten() -> None:
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    doc = nlp.make_doc("Dmitry Peskov met Foo Bar in Kabul")
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 3, 5, label="PERSON")]
    component = nlp.add_pipe("entnorm")
    doc = component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Dmitry Peskov", "PER"), ("Foo Bar", "PERSON"), ("Kabul", "LOC")]
    nlp2 = spacy.blank("en")
    doc2 = nlp2.make_doc("Foo Bar in Kabul")
    doc2.ents = [Span(doc2, 0, 2, label="PERSON")]
    doc2 = nlp2.add_pipe("entnorm", config={"overwrite_ents": True})(doc2)
    assert [e.text for e in doc2.ents] == ["Kabul"]


def test_bad_gazetteer_fails_at_add_pipe(tmp_path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "entities.csv").write_text("id,type,name_en,name_ru\nx,per,X,\n", encoding="utf-8")
    with pytest.raises(entnorm.EntnormError, match=r"entities\.csv:2:2"):
        spacy.blank("en").add_pipe("entnorm", config={"gazetteer": str(bad)})

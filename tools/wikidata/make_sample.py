#!/usr/bin/env python3
"""Writes tests/data/wikidata-sample.json.gz: a small dump in Wikidata's JSON
dump format (https://www.wikidata.org/wiki/Wikidata:Database_download#JSON_dumps_(recommended)):
a JSON array with one entity per line, each line but the last ending in ",".

The well-known entities carry their real QIDs (Q159 Russia, Q7747 Vladimir
Putin, Q649 Moscow, Q1899 Kyiv, Q7184 NATO, Q1055 Hamburg, Q42 Douglas Adams,
Q146 house cat) and real class QIDs (Q5 human, Q6256 country, Q3624078
sovereign state, Q1549591 big city, Q5119 capital, Q484652 international
organization, Q43229 organization, Q192283 news agency); entities whose QID
was not checked use placeholder IDs from Q900000001 up. Labels, aliases and
claims are cut down to the fields the importer reads plus some it must skip
(descriptions, other claims, qualifiers, sitelinks), so the parser meets the
real shape.
Deterministic: run `python3 tools/wikidata/make_sample.py`.
"""
import gzip, json, os

def item(qid, labels, aliases, p31, extra_claims=None, descriptions=None):
    def mono(d):
        return {lang: {"language": lang, "value": v} for lang, v in d.items()}
    claims = {
        "P31": [{
            "mainsnak": {"snaktype": "value", "property": "P31", "hash": "0" * 40,
                         "datavalue": {"value": {"entity-type": "item", "numeric-id": int(c[1:]), "id": c},
                                       "type": "wikibase-entityid"}, "datatype": "wikibase-item"},
            "type": "statement", "id": f"{qid}$0000-{i}", "rank": "normal",
            "qualifiers": {"P580": [{"snaktype": "value", "property": "P580",
                                     "datavalue": {"value": {"time": "+1991-12-26T00:00:00Z", "precision": 11},
                                                   "type": "time"}}]},
        } for i, c in enumerate(p31)],
    }
    claims.update(extra_claims or {})
    return {
        "type": "item", "id": qid,
        "labels": mono(labels),
        "descriptions": mono(descriptions or {}),
        "aliases": {lang: [{"language": lang, "value": v} for v in vs] for lang, vs in aliases.items()},
        "claims": claims,
        "sitelinks": {"enwiki": {"site": "enwiki", "title": labels.get("en", qid), "badges": []}},
        "lastrevid": 2000000000,
    }

population = {"P1082": [{"mainsnak": {"snaktype": "value", "property": "P1082",
    "datavalue": {"value": {"amount": "+146171015", "unit": "1"}, "type": "quantity"}}, "type": "statement", "rank": "preferred"}]}

ENTITIES = [
    item("Q159", {"en": "Russia", "ru": "Россия", "de": "Russland"},
         {"en": ["Russian Federation", "RF", "RU"], "ru": ["Российская Федерация", "РФ"]},
         ["Q3624078", "Q6256"], population, {"en": "country in Eastern Europe and Asia"}),
    item("Q7747", {"en": "Vladimir Putin", "ru": "Владимир Владимирович Путин", "fr": "Vladimir Poutine"},
         {"en": ["Putin", "Vladimir Vladimirovich Putin"], "ru": ["Путин", "Владимир Путин"]},
         ["Q5"], None, {"en": "President of Russia"}),
    item("Q649", {"en": "Moscow", "ru": "Москва"}, {"en": ["Moskva"], "ru": []}, ["Q1549591", "Q5119"]),
    item("Q1899", {"en": "Kyiv", "ru": "Киев", "uk": "Київ"}, {"en": ["Kiev"], "ru": []}, ["Q1549591", "Q5119"]),
    item("Q7184", {"en": "NATO", "ru": "Организация Североатлантического договора"},
         {"en": ["North Atlantic Treaty Organization", "OTAN"], "ru": ["НАТО", "Североатлантический альянс"]},
         ["Q484652"]),
    item("Q900000001", {"en": "Taliban", "ru": "Талибан"}, {"en": ["Islamic Emirate of Afghanistan"], "ru": ["талибы"]},
         ["Q43229"]),
    item("Q900000002", {"en": "Dmitry Peskov", "ru": "Дмитрий Сергеевич Песков"}, {"en": ["Peskov"], "ru": ["Песков"]}, ["Q5"]),
    item("Q900000003", {"en": "Sergey Lavrov", "ru": "Сергей Викторович Лавров"}, {"en": ["Lavrov"], "ru": ["Лавров"]}, ["Q5"]),
    item("Q1055", {"en": "Hamburg", "ru": "Гамбург", "de": "Hamburg"}, {}, ["Q1549591"]),
    item("Q900000004", {"en": "ITAR-TASS"}, {"en": ["TASS"]}, ["Q192283"]),  # no Russian label in this sample
    item("Q42", {"en": "Douglas Adams", "fr": "Douglas Adams"}, {}, ["Q5"]),
    item("Q146", {"en": "house cat", "ru": "кошка"}, {"en": ["cat"]}, ["Q55983715"]),  # not a mapped class
    item("Q999999999", {"de": "nur deutsch"}, {}, ["Q5"]),  # no English or Russian label
    {"type": "property", "id": "P31", "labels": {"en": {"language": "en", "value": "instance of"}}, "claims": {}},
]

def main():
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    out = os.path.join(root, "tests", "data", "wikidata-sample.json.gz")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in ENTITIES]
    body = "[\n" + ",\n".join(lines) + "\n]\n"
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        f.write(body.encode())
    print(f"wrote {out}: {len(ENTITIES)} entities")

if __name__ == "__main__":
    main()

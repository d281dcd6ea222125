#!/usr/bin/env python3
"""Generate the country files of the default gazetteer.

Writes (deterministically, sorted by id):

* gazetteers/entities-countries.csv  one row per country or territory
* gazetteers/aliases-countries.csv   official names and common short forms
* tests/data/countries.tsv           id, name_en, name_ru, inflected_ru (the
                                     genitive singular of name_ru, from
                                     pymorphy3), input of check_countries.py

Source: ISO 3166-1 as packaged by PyPI `pycountry` (English short and
official names) with the Russian translations of its bundled Debian
`iso-codes` locales (iso3166-1.mo). ISO names are not always the names news
uses ("Korea, Republic of", "Российская Федерация"), so CANON below overrides
the canonical names by hand, each with the reason; ALIASES adds the usual
short forms and abbreviations. Entries outside ISO 3166-1 (Kosovo and the
breakaway states news names) are in EXTRA.

Coverage: the 193 UN member states, the 2 UN observer states (Holy See,
Palestine), Taiwan, Kosovo, the inhabited territories listed in TERRITORIES,
and the entries of EXTRA. Uninhabited or rarely named ISO entries are in
SKIPPED with the reason.

Usage (from the repository root):
    pip install pycountry pymorphy3 pymorphy3-dicts-ru
    python3 tools/gazetteer/gen_countries.py
"""

import csv
import gettext
import io
import os
import re
import sys
import unicodedata

import pycountry
import pymorphy3

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ISO_SOURCE = "ISO 3166-1 via pycountry/iso-codes"
AS_OF = "2025-06"

# ---------------------------------------------------------------------------
# Which ISO 3166-1 entries are not UN members, and what they are.
# ---------------------------------------------------------------------------
OBSERVERS = {
    "VA": "UN non-member observer state (the Holy See); the Vatican City State",
    "PS": "UN non-member observer state since 2012 (State of Palestine): the West Bank and the Gaza Strip",
}
TERRITORIES = {
    "TW": "Self-governing island (Republic of China); claimed by the People's Republic of China; not a UN member",
    "HK": "Special administrative region of China",
    "MO": "Special administrative region of China",
    "EH": "Disputed territory, mostly administered by Morocco, claimed by the Polisario Front's Sahrawi Arab Democratic Republic",
    "GL": "Autonomous territory within the Kingdom of Denmark",
    "FO": "Self-governing territory within the Kingdom of Denmark",
    "PR": "Unincorporated territory of the United States (commonwealth)",
    "GU": "Unincorporated territory of the United States",
    "AS": "Unincorporated territory of the United States",
    "VI": "Unincorporated territory of the United States",
    "MP": "Commonwealth in political union with the United States",
    "AW": "Constituent country of the Kingdom of the Netherlands",
    "CW": "Constituent country of the Kingdom of the Netherlands",
    "BM": "British Overseas Territory",
    "KY": "British Overseas Territory",
    "VG": "British Overseas Territory",
    "GI": "British Overseas Territory; claimed by Spain",
    "FK": "British Overseas Territory; claimed by Argentina (Malvinas)",
    "IO": "British Overseas Territory (the Chagos Archipelago); sovereignty claimed by Mauritius",
    "GG": "British Crown dependency",
    "IM": "British Crown dependency",
    "GF": "Overseas department and region of France",
    "GP": "Overseas department and region of France",
    "MQ": "Overseas department and region of France",
    "RE": "Overseas department and region of France",
    "YT": "Overseas department and region of France",
    "PF": "Overseas collectivity of France",
    "NC": "Special collectivity of France",
    "AX": "Autonomous region of Finland",
    "SJ": "Norwegian Arctic archipelago under the Svalbard Treaty (ISO 3166-1 entry also covers Jan Mayen)",
    "CK": "Self-governing state in free association with New Zealand; not a UN member",
    "NU": "Self-governing state in free association with New Zealand; not a UN member",
}
SKIPPED = {
    # uninhabited or without permanent population
    "AQ": "a continent, not a country (see entities-places.csv)",
    "BV": "uninhabited", "HM": "uninhabited", "TF": "no permanent population",
    "GS": "no permanent population", "UM": "no permanent population",
    # rarely named in news; short names that collide with frequent words or
    # other places (Jersey inside "New Jersey", Montserrat a first name)
    "JE": "`Jersey` would tag the Jersey of New Jersey",
    "MS": "`Montserrat` is also a first name and a mountain in Spain",
    "AI": "rarely named", "BL": "rarely named", "MF": "rarely named", "SX": "rarely named",
    "BQ": "rarely named", "PM": "rarely named", "WF": "rarely named", "TK": "rarely named",
    "PN": "rarely named", "NF": "rarely named", "CX": "rarely named", "CC": "rarely named",
    "SH": "rarely named", "TC": "rarely named; Russian spelling varies",
}

# ---------------------------------------------------------------------------
# Canonical names that differ from ISO's short names: alpha-2 ->
# (id or None, name_en or None, name_ru or None, reason). None keeps ISO's.
# IDs default to the English name, lowercased, ASCII, hyphenated.
# ---------------------------------------------------------------------------
CANON = {
    "US": ("usa", None, "Соединённые Штаты Америки", "existing ID; Russian official name as canonical (США is an alias)"),
    "GB": (None, None, "Великобритания", "usual Russian short name (ISO: Соединённое Королевство)"),
    "RU": (None, "Russia", "Россия", "common short name (ISO: Russian Federation)"),
    "KR": (None, "South Korea", "Южная Корея", "common short name (ISO: Korea, Republic of / Республика Корея)"),
    "KP": (None, "North Korea", "Северная Корея", "common short name (ISO: Korea, Democratic People's Republic of)"),
    "IR": (None, "Iran", None, "common short name (ISO: Iran, Islamic Republic of)"),
    "SY": (None, "Syria", "Сирия", "common short name (ISO: Syrian Arab Republic)"),
    "LA": (None, "Laos", "Лаос", "common short name (ISO: Lao People's Democratic Republic)"),
    "VN": (None, "Vietnam", None, "common English spelling (ISO: Viet Nam)"),
    "VE": (None, "Venezuela", "Венесуэла", "common short name (ISO: Venezuela, Bolivarian Republic of)"),
    "BO": (None, "Bolivia", None, "common short name (ISO: Bolivia, Plurinational State of)"),
    "TZ": (None, "Tanzania", None, "common short name (ISO: Tanzania, United Republic of)"),
    "MD": (None, "Moldova", "Молдавия", "common short names; Russian news and the Russian MFA write Молдавия (ISO: Республика Молдова)"),
    "BY": (None, None, "Белоруссия", "Russian news agencies (TASS, RIA Novosti, Interfax) write Белоруссия; Беларусь is an alias"),
    "KG": (None, None, "Киргизия", "ISO's Russian short name; Кыргызстан is an alias"),
    "TW": (None, "Taiwan", "Тайвань", "common short name (ISO: Taiwan, Province of China)"),
    "PS": (None, "Palestine", None, "common short name (ISO: Palestine, State of)"),
    "VA": ("vatican", "Vatican City", "Ватикан", "common short name (ISO: Holy See (Vatican City State) / Государство-город Ватикан)"),
    "FM": (None, "Micronesia", "Микронезия", "common short name (ISO: Micronesia, Federated States of)"),
    "CD": ("dr-congo", "Democratic Republic of the Congo", None, "ISO: Congo, The Democratic Republic of the"),
    "CG": ("republic-of-the-congo", "Republic of the Congo", "Республика Конго", "distinguished from the DR Congo (ISO short name: Congo)"),
    "CI": (None, "Ivory Coast", None, "name used by English news (Reuters, AP, BBC); ISO: Côte d'Ivoire"),
    "CV": (None, "Cape Verde", None, "name used by English news; ISO: Cabo Verde"),
    "CZ": (None, "Czech Republic", None, "name used by most English news; ISO: Czechia"),
    "TL": (None, "East Timor", None, "name used by English news (AP, Reuters); ISO: Timor-Leste"),
    "TR": ("turkey", "Turkey", None, "existing ID; English news mostly writes Turkey (ISO: Türkiye)"),
    "BN": (None, "Brunei", "Бруней", "common short name (ISO: Brunei Darussalam)"),
    "CF": (None, None, "Центральноафриканская Республика", "Russian spelling (ISO: Центрально-африканская республика)"),
    "DO": (None, None, "Доминиканская Республика", "capitalized as a proper name (ISO: Доминиканская республика)"),
    "ZA": (None, None, "Южно-Африканская Республика", "Russian official name as canonical, as for the USA (ЮАР is an alias)"),
    "FK": (None, "Falkland Islands", "Фолклендские острова", "without the parenthesis (ISO: Falkland Islands (Malvinas))"),
    "VG": (None, "British Virgin Islands", "Британские Виргинские Острова", "ISO: Virgin Islands, British"),
    "VI": (None, "United States Virgin Islands", "Американские Виргинские Острова", "ISO: Virgin Islands, U.S."),
    "MP": (None, None, "Северные Марианские Острова", "Russian name (ISO's Острова северной Марианы is not used)"),
    "AS": (None, None, "Американское Самоа", "Russian name (ISO: Американские Самоа)"),
    "MO": (None, "Macau", None, "spelling of most English news (ISO: Macao)"),
    "SJ": ("svalbard", "Svalbard", "Шпицберген", "the archipelago news names (ISO: Svalbard and Jan Mayen)"),
    "YT": (None, None, "Майотта", "spelling of Russian news (ISO: Майот)"),
    "BS": (None, "Bahamas", None, "ISO"),
    "PG": (None, None, "Папуа — Новая Гвинея", "ISO (iso-codes) Russian name, kept"),
}

# ---------------------------------------------------------------------------
# Extra aliases: alpha-2 -> [(alias, lang, case)]. ISO short names that are not
# canonical and ISO official names are added automatically (see aliases_for).
# ---------------------------------------------------------------------------
A = lambda *xs: [(x, "", "") for x in xs]  # noqa: E731
ALIASES = {
    "US": [("US", "", "exact")] + A("USA", "U.S.", "U.S.A.", "United States of America", "США", "Соединённые Штаты"),
    "GB": A("UK", "U.K.", "Britain", "Great Britain", "Британия", "Соединённое Королевство"),
    "RU": A("Russian Federation", "Российская Федерация", "РФ"),
    "DE": A("Federal Republic of Germany", "ФРГ", "Федеративная Республика Германия"),
    "CN": A("People's Republic of China", "PRC", "КНР", "Китайская Народная Республика"),
    "KR": A("Republic of Korea", "Республика Корея", "Korea", "Корея"),
    "KP": A("DPRK", "КНДР", "Democratic People's Republic of Korea", "Корейская Народно-Демократическая Республика", "Korea", "Корея"),
    "AE": A("UAE", "ОАЭ"),
    "ZA": A("ЮАР", "Южная Африка"),
    "TR": A("Türkiye", "Republic of Türkiye", "Турецкая Республика"),
    "IR": A("Islamic Republic of Iran"),
    "NL": A("Голландия"),
    "MM": A("Burma", "Бирма"),
    "SZ": A("Swaziland", "Свазиленд"),
    "CZ": A("Czechia"),
    "BY": A("Беларусь", "Республика Беларусь"),
    "MD": A("Молдова"),
    "KG": A("Кыргызстан", "Kyrgyz Republic", "Кыргызская Республика"),
    "TM": A("Туркмения"),
    "CI": A("Côte d'Ivoire", "Берег Слоновой Кости"),
    "CV": A("Cabo Verde", "Острова Зелёного Мыса"),
    "TL": A("Timor-Leste", "Тимор-Лесте"),
    "VA": A("Vatican", "Holy See", "Святой Престол", "Государство-город Ватикан"),
    "PS": A("State of Palestine", "Государство Палестина"),
    "CD": A("DRC", "DR Congo", "Congo-Kinshasa", "ДРК", "ДР Конго", "Конго-Киншаса", "Congo", "Конго"),
    "CG": A("Congo-Brazzaville", "Конго-Браззавиль", "Congo", "Конго"),
    "CF": A("ЦАР"),
    "BA": A("Bosnia", "Босния"),
    "DO": A("Доминикана"),
    "IE": A("Republic of Ireland"),
    "SC": A("Сейшельские Острова"),
    "BS": A("Багамские Острова"),
    "KM": A("Коморские Острова"),
    "MV": A("Мальдивские Острова"),
    "BM": A("Бермудские Острова"),
    "MK": A("Republic of Macedonia"),
    "MO": A("Macao"),
    "FK": A("Falklands", "Мальвинские острова"),
    "IO": A("Chagos Islands", "Chagos Archipelago", "архипелаг Чагос", "острова Чагос"),
    "SJ": A("Svalbard and Jan Mayen", "Шпицберген и Ян-Майен"),
    "SV": A("Эль-Сальвадор"),
    "LA": A("Лаосская Народно-Демократическая Республика"),
    "SY": A("Сирийская Арабская Республика"),
    "BN": A("Бруней-Даруссалам"),
    "YT": A("Майот"),
    "TW": A("Republic of China", "Китайская Республика"),
    "GL": A("Kalaallit Nunaat"),
    # the hyphenated spelling is common too, and the engine declines it (Папуа-Новой Гвинеи)
    "PG": A("Папуа-Новая Гвинея"),
}

# Country-like places outside ISO 3166-1.
EXTRA = [
    # id, name_en, name_ru, description, aliases, source
    ("kosovo", "Kosovo", "Косово",
     "Declared independence from Serbia in 2008; partially recognized (not by Serbia, Russia or China); not a UN member",
     A("Republic of Kosovo", "Республика Косово"), "user-assigned code XK (not in ISO 3166-1); names as in Russian and English news"),
    ("abkhazia", "Abkhazia", "Абхазия",
     "Breakaway region of Georgia; recognized as a state by Russia since 2008 and by a few others; Georgia and most states regard it as Georgian territory",
     A("Republic of Abkhazia", "Республика Абхазия"), "names as in Russian and English news"),
    ("south-ossetia", "South Ossetia", "Южная Осетия",
     "Breakaway region of Georgia; recognized as a state by Russia since 2008 and by a few others; Georgia and most states regard it as Georgian territory",
     A("Republic of South Ossetia", "Республика Южная Осетия"), "names as in Russian and English news"),
    ("transnistria", "Transnistria", "Приднестровье",
     "Unrecognized breakaway region of Moldova (Pridnestrovian Moldavian Republic)",
     A("Transdniestria", "Pridnestrovie", "Pridnestrovian Moldavian Republic", "Приднестровская Молдавская Республика", "ПМР"),
     "names as in Russian and English news"),
    ("northern-cyprus", "Northern Cyprus", "Северный Кипр",
     "Self-declared Turkish Republic of Northern Cyprus; recognized only by Turkey",
     A("Turkish Republic of Northern Cyprus", "TRNC", "Турецкая Республика Северного Кипра", "ТРСК"),
     "names as in Russian and English news"),
    ("somaliland", "Somaliland", "Сомалиленд",
     "Self-declared state in northern Somalia (since 1991); internationally regarded as part of Somalia",
     A("Republic of Somaliland", "Республика Сомалиленд"), "names as in Russian and English news"),
]

# Genitive forms pymorphy3 cannot produce (multi-word names whose words it
# inflects separately, or that it does not know): name_ru -> genitive.
GENITIVE = {
    "Папуа — Новая Гвинея": "Папуа — Новой Гвинеи",
    "Босния и Герцеговина": "Боснии и Герцеговины",
    "Антигуа и Барбуда": "Антигуа и Барбуды",
    "Тринидад и Тобаго": "Тринидада и Тобаго",
    "Сент-Китс и Невис": "Сент-Китса и Невиса",
    "Сент-Винсент и Гренадины": "Сент-Винсента и Гренадин",
    "Сан-Томе и Принсипи": "Сан-Томе и Принсипи",
    "Соединённые Штаты Америки": "Соединённых Штатов Америки",
    "Остров Мэн": "Острова Мэн",
    "Каймановы острова": "Каймановых островов",
    # plural-only names: genitive without -ов (с Багам, с Бермуд, Союз Комор)
    "Багамы": "Багам",
    "Бермуды": "Бермуд",
    "Коморы": "Комор",
    "Сейшелы": "Сейшел",
    "Кот-д'Ивуар": "Кот-д'Ивуара",
    "Косово": "Косово",  # indeclinable in news usage (в Косово)
}

# iso-codes Russian strings that are misspelled (the canonical name is set in CANON).
MISSPELLED_RU = {"Острова северной Марианы", "Американские Самоа", "Центрально-африканская республика"}

morph = pymorphy3.MorphAnalyzer()
ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])


def clean(s):
    """Strip stress marks (iso-codes writes some, e.g. Респу́блика) and spaces."""
    s = unicodedata.normalize("NFD", s)
    # keep й (и + breve) and ё (е + diaeresis); drop stress accents
    s = "".join(c for c in s if unicodedata.category(c) != "Mn" or c in "\u0306\u0308")
    return unicodedata.normalize("NFC", s).strip()


def tr(s):
    return clean(ru.gettext(s)) if s else ""


def slug(name):
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def natural(s):
    """Whether an ISO name reads as a name in running text."""
    return bool(s) and not re.search(r"[,()]", s)


def genitive_word(word):
    """Genitive singular (or plural) of one word of a name; None if unknown."""
    parses = [p for p in morph.parse(word) if "nomn" in p.tag]
    geo = [p for p in parses if "Geox" in p.tag]
    cands = geo or [p for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    if not cands:
        return None
    p = cands[0]
    if "Fixd" in p.tag:
        return word
    number = "plur" if "plur" in p.tag else "sing"
    form = p.inflect({"gent", number})
    if form is None:
        return None
    out = form.word
    if word[:1].isupper():
        out = out[:1].upper() + out[1:]
    # keep internal capitals of hyphenated names (Гвинея-Бисау)
    if "-" in word and "-" in out:
        out = "-".join(a[:1] + b[1:] if a[:1].isupper() else b
                       for a, b in zip(word.split("-"), out.split("-")))
    return out


def genitive(name):
    if name in GENITIVE:
        return GENITIVE[name]
    words = name.split(" ")
    out = []
    head_done = False
    for w in words:
        if head_done:
            out.append(w)
            continue
        g = genitive_word(w)
        if g is None:
            out.append(w)
            head_done = True
            continue
        out.append(g)
        pos = [p for p in morph.parse(w) if "nomn" in p.tag]
        if pos and pos[0].tag.POS == "NOUN":
            head_done = True  # the head noun: what follows is a complement
    return " ".join(out)


def rows():
    entities, aliases = [], []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        a2 = c.alpha_2
        if a2 in SKIPPED:
            continue
        iso_en = c.name
        iso_common = getattr(c, "common_name", None)
        iso_off = getattr(c, "official_name", None)
        iso_ru = tr(iso_en)
        iso_ru_common = tr(iso_common) if iso_common else ""
        iso_ru_off = tr(iso_off) if iso_off else ""
        cid, en, rus, reason = CANON.get(a2, (None, None, None, None))
        name_en = en or iso_common or iso_en
        name_ru = rus or iso_ru_common or iso_ru
        cid = cid or slug(name_en)
        if a2 in OBSERVERS:
            desc = OBSERVERS[a2]
        elif a2 in TERRITORIES:
            desc = TERRITORIES[a2]
        else:
            desc = "Country; UN member state"
        source = ISO_SOURCE + (f"; canonical name: {reason}" if reason else "")
        entities.append({"id": cid, "type": "LOC", "name_en": name_en, "name_ru": name_ru,
                         "iso_3166": f"{a2}/{c.alpha_3}", "description": desc, "source": source})
        seen = {name_en.casefold(), name_ru.casefold()}

        def add(alias, lang="", case="", src=""):
            key = alias.casefold()
            if not alias or key in seen:
                return
            seen.add(key)
            aliases.append({"id": cid, "alias": alias, "lang": lang, "case": case, "source": src})

        for alias, lang, case in ALIASES.get(a2, []):
            add(alias, lang, case, "common short form")
        # ISO names that differ from the canonical ones
        for s in (iso_en, iso_common, iso_off):
            if s and s.startswith("the "):
                s = s[4:]  # "the State of Eritrea"
            if s and natural(s) and not (a2 == "TW" and "Province" in s):
                add(s, "", "", ISO_SOURCE)
        for s in (iso_ru, iso_ru_common, iso_ru_off):
            if a2 == "KG" and s == "Республика Кыргызстан":
                continue  # not the official name (Кыргызская Республика, above)
            if a2 == "TW" and "провинция" in s:
                continue  # ISO's political label, not a name news uses
            if s in MISSPELLED_RU:
                continue  # misspelled in iso-codes; the canonical name above is right
            if a2 == "HK" or a2 == "MO":
                if s != iso_ru:
                    continue  # iso-codes' official names here are not standard Russian
            if a2 == "UY" and s == "Восточная республика Уругвай":
                s = "Восточная Республика Уругвай"
            if natural(s):
                add(s, "", "", ISO_SOURCE)
    for cid, en, rus, desc, als, src in EXTRA:
        entities.append({"id": cid, "type": "LOC", "name_en": en, "name_ru": rus, "iso_3166": "",
                         "description": desc, "source": src})
        for alias, lang, case in als:
            aliases.append({"id": cid, "alias": alias, "lang": lang, "case": case, "source": src})
    entities.sort(key=lambda r: r["id"])
    aliases.sort(key=lambda r: (r["id"], r["alias"]))
    return entities, aliases


def write_csv(path, fields, rows_, header_comment):
    buf = io.StringIO()
    buf.write(header_comment)
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows_:
        w.writerow(r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main():
    entities, aliases = rows()
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids)), "duplicate ids"
    members = [e for e in entities if e["description"].startswith("Country; UN member")]
    assert len(members) == 193, f"{len(members)} UN members, expected 193"
    note = "# GENERATED by tools/gazetteer/gen_countries.py from ISO 3166-1 (pycountry/iso-codes); edit the script, not this file.\n"
    for e in entities:
        e["as_of"] = AS_OF
    write_csv(os.path.join(ROOT, "gazetteers", "entities-countries.csv"),
              ["id", "type", "name_en", "name_ru", "iso_3166", "description", "as_of", "source"], entities, note)
    write_csv(os.path.join(ROOT, "gazetteers", "aliases-countries.csv"),
              ["id", "alias", "lang", "case", "source"], aliases, note)
    os.makedirs(os.path.join(ROOT, "tests", "data"), exist_ok=True)
    with open(os.path.join(ROOT, "tests", "data", "countries.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("id\tname_en\tname_ru\tinflected_ru\n")
        for e in entities:
            f.write(f"{e['id']}\t{e['name_en']}\t{e['name_ru']}\t{genitive(e['name_ru'])}\n")
    print(f"{len(entities)} entities ({len(members)} UN members), {len(aliases)} aliases", file=sys.stderr)


if __name__ == "__main__":
    main()

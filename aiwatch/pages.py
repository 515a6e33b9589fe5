"""Assemble an entity's page: header facts, sections of linked entities, and numbered citations.

A page is plain data, built from index queries only; `views.page` decides how it looks. Each fact
and row carries the numbers of its sources, numbered in order of first use, like footnotes in an
encyclopedia.
"""

from __future__ import annotations

from typing import NamedTuple

from aiwatch.dates import PartialDate, is_active, parse_date, sort_key, span
from aiwatch.query import Entity, KnowledgeBase, Link

# header facts per kind: (field, label)
HEADER_FIELDS = {
    "organization": [("type", "Type"), ("founded", "Founded"), ("dissolved", "Dissolved"),
                     ("headquarters", "Headquarters"), ("website", "Website")],
    "person": [("born", "Born"), ("nationality", "Nationality")],
    "place": [("type", "Type"), ("parent", "Part of")],
    "product": [("type", "Type"), ("developer", "Developer"), ("family", "Family"), ("released", "Released"),
                ("open_weights", "Open weights"), ("licence", "Licence")],
    "event": [("date", "Date"), ("type", "Type"), ("place", "Place")],
    "cohort": [("caveat", "Caveat")],
    "topic": [],
    "quote": [("speaker", "Speaker"), ("said_on", "Said on"), ("language", "Language"),
              ("translated", "Translated"), ("gloss", "English gloss"), ("context", "Context"), ("event", "Event")],
    "source": [("type", "Type"), ("publisher", "Publisher"), ("author", "Author"), ("published", "Published"),
               ("language", "Language"), ("url", "URL")],
}
LINKED_FIELDS = {"headquarters", "nationality", "parent", "developer", "family", "place", "speaker", "event"}
LANGUAGES = {"id": "Indonesian", "en": "English", "zh": "Chinese"}

# (section title, link type, outgoing) in page order; links not named here fall into "Relations"
SECTIONS = [
    ("People", "works_at", False),
    ("Founded by", "founded", False),
    ("Roles", "works_at", True),
    ("Founded", "founded", True),
    ("Products", "develops", True),
    ("Members", "member_of", False),
    ("Participants", "took_part_in", False),
    ("Includes", "part_of", False),
    ("Home of", "based_in", False),
    ("Cohorts", "member_of", True),
    ("Timeline", "took_part_in", True),
    ("Events here", "held_in", False),
    ("Listed here", "listed_on", False),
    ("Related topics", "related_topic", True),
    ("Related topics", "related_topic", False),
    ("Topics", "about", True),
    ("Covered by", "about", False),
]
# shown elsewhere on the page: as a header fact (headquarters, parent, developer, place, nationality,
# listings) or among the quotes
HIDDEN = {("said", True), ("said", False), ("said_at", False), ("said_at", True), ("based_in", True),
          ("part_of", True), ("develops", False), ("held_in", True), ("nationality", True), ("listed_on", True)}


class Row(NamedTuple):
    text: str
    entity: str | None = None
    kind: str | None = None
    detail: str | None = None
    since: str | None = None
    until: str | None = None
    date: str | None = None
    note: str | None = None
    sources: list[int] = ()


class Section(NamedTuple):
    title: str
    rows: list[Row]


class Fact(NamedTuple):
    label: str
    value: str
    entity: str | None = None
    sources: list[int] = ()


class SourceNote(NamedTuple):
    number: int
    id: str
    title: str
    publisher: str | None
    author: str | None
    published: str | None
    url: str | None
    language: str | None


class Page(NamedTuple):
    id: str
    kind: str
    name: str
    native_name: str | None
    summary: str | None
    summary_sources: list[int]
    facts: list[Fact]
    sections: list[Section]
    sources: list[SourceNote]
    aliases: list[str] = ()
    note: str | None = None
    as_of: str | None = None


class Citations:
    """Numbers sources in order of first use."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def cite(self, *source_ids: str | None) -> list[int]:
        numbers = []
        for source_id in source_ids:
            if not source_id:
                continue
            if source_id not in self.order:
                self.order.append(source_id)
            numbers.append(self.order.index(source_id) + 1)
        return sorted(set(numbers))

    def notes(self, kb: KnowledgeBase) -> list[SourceNote]:
        found = kb.get_many(self.order)
        return [_source_note(number, found[source_id]) for number, source_id in enumerate(self.order, 1)]


def _source_note(number: int, source: Entity) -> SourceNote:
    fields = source.fields
    return SourceNote(number, source.id, fields["title"], fields.get("publisher"), fields.get("author"),
                      fields.get("published"), fields.get("url"), fields.get("language"))


def build_page(kb: KnowledgeBase, entity: Entity, as_of: PartialDate | None = None) -> Page:
    fields = entity.fields
    citations = Citations()
    own_sources = fields.get("sources", [])
    summary_sources = citations.cite(*own_sources)
    links = kb.links(entity.id, as_of=as_of)
    names = {link.other: link.other_name for link in links}
    facts = _facts(entity, names, citations, as_of)
    sections = _sections(kb, entity, links, citations, as_of)
    return Page(entity.id, entity.kind, entity.name, fields.get("native_name"), fields.get("summary"),
                summary_sources, facts, sections, citations.notes(kb), fields.get("aliases", []),
                fields.get("note"), str(as_of) if as_of else None)


def _facts(entity: Entity, names: dict[str, str], citations: Citations, as_of: PartialDate | None) -> list[Fact]:
    fields = entity.fields
    cite = fields.get("cite", {})
    facts = []
    for name, label in HEADER_FIELDS[entity.kind]:
        if name not in fields:
            continue
        value = fields[name]
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if name == "language":
            value = LANGUAGES.get(value, value)
        if name == "date":
            value = f"{value} ({parse_date(value).precision})"
        reference = value if name in LINKED_FIELDS else None
        shown = names.get(value, value) if reference else value
        facts.append(Fact(label, shown, reference, citations.cite(*cite.get(name, []))))
    if entity.kind == "organization":
        facts += _listing_facts(fields, names, citations, as_of)
    if entity.kind == "quote" and "original" in fields:
        original = fields["original"]
        facts.append(Fact(f"Original ({LANGUAGES.get(original['language'], original['language'])})",
                          original["text"], None, citations.cite(original["source"])))
    return facts


def _listing_facts(fields: dict, names: dict[str, str], citations: Citations,
                   as_of: PartialDate | None) -> list[Fact]:
    facts = []
    for listing in fields.get("listings", []):
        if as_of and not is_active(listing.get("listed"), listing.get("delisted"), as_of):
            continue
        exchange = names.get(listing["exchange"], listing["exchange"])
        period = span(listing.get("listed"), listing.get("delisted"))
        status = "delisted" if listing.get("delisted") else "listed"
        facts.append(Fact("Listing", f"{exchange}: {listing['ticker']} ({status}{', ' + period if period else ''})",
                          listing["exchange"], citations.cite(listing["source"])))
    facts.append(Fact("Status", _status(fields, as_of)))
    return facts


def _status(fields: dict, as_of: PartialDate | None) -> str:
    """dissolved, not yet founded, listed, delisted or active: as it stood at `as_of`, else now."""
    founded, dissolved = fields.get("founded"), fields.get("dissolved")
    if as_of and founded and parse_date(founded).first_day > as_of.last_day:
        return "not yet founded"
    if dissolved and (not as_of or parse_date(dissolved).last_day <= as_of.last_day):
        return f"dissolved {dissolved}"
    listings = [item for item in fields.get("listings", [])
                if not as_of or is_active(item.get("listed"), None, as_of)]
    if any(is_active(item.get("listed"), item.get("delisted"), as_of or parse_date("9999")) for item in listings):
        return "listed"
    return "delisted" if listings else "active"


def _sections(kb: KnowledgeBase, entity: Entity, links: list[Link], citations: Citations,
              as_of: PartialDate | None) -> list[Section]:
    grouped: dict[str, list[Row]] = {}
    for title, _type, _outgoing in SECTIONS:
        grouped.setdefault(title, [])
    named = {(link_type, outgoing): title for title, link_type, outgoing in SECTIONS}
    relation_groups: dict[str, list[Row]] = {}
    for link in links:
        key = (link.type, link.outgoing)
        if key in HIDDEN:
            continue
        since = None if link.type == "took_part_in" else link.since  # an event's own date shows instead
        row = Row(link.other_name, link.other, link.other_kind, link.detail, since, link.until,
                  link.other_date if link.other_kind in ("event", "quote") else None, link.note,
                  citations.cite(link.source))
        if key in named:
            grouped[named[key]].append(row)
        else:
            relation_groups.setdefault(link.label, []).append(row)
    for title in ("Timeline", "Participants", "Events here"):
        grouped[title].sort(key=lambda row: (sort_key(row.date, missing="9999"), row.text))
    sections = [Section(title, rows) for title, rows in grouped.items() if rows]
    position = next((index for index, section in enumerate(sections) if section.title == "Timeline"), len(sections))
    for label, rows in sorted(relation_groups.items()):
        sections.insert(position, Section(label[0].upper() + label[1:], rows))
        position += 1
    quotes = _quotes(kb, entity, links, citations, as_of)
    if quotes:
        sections.append(Section("Quotes", quotes))
    if entity.kind == "source":
        cited = [Row(other.name, other.id, other.kind, date=other.date) for other in kb.cited_by(entity.id)]
        if cited:
            sections.append(Section("Cited by", cited))
    return sections


def _quotes(kb: KnowledgeBase, entity: Entity, links: list[Link], citations: Citations,
            as_of: PartialDate | None) -> list[Row]:
    """Quotes by the entity, by its people, said at the event, or on the topic."""
    quote_ids = [link.other for link in links if link.other_kind == "quote"]
    if entity.kind == "organization":
        people = {link.other for link in links if link.type in ("works_at", "founded") and not link.outgoing}
        for person in sorted(people):
            quote_ids += [link.other for link in kb.links(person, as_of=as_of) if link.type == "said"]
    quotes = kb.get_many(list(dict.fromkeys(quote_ids)))
    rows = []
    for quote in sorted(quotes.values(), key=lambda quote: (sort_key(quote.date, missing="9999"), quote.id)):
        fields = quote.fields
        speaker = kb.get(fields["speaker"])
        translated = " (translated)" if fields["translated"] else ""
        detail = f"{speaker.name if speaker else fields['speaker']}{translated}"
        rows.append(Row(fields["text"], quote.id, "quote", detail, date=fields.get("said_on"),
                        note=fields.get("gloss"), sources=citations.cite(*fields["sources"])))
    return rows

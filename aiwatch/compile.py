"""Turn validated records into index rows: one entity row, its names, and its edges.

Every link between entities becomes one directed edge, whichever field wrote it (a relation, a
headquarters, a role, a participant, a quote's speaker), so that queries read links from both ends
through one table with one vocabulary.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from aiwatch.dates import parse_date
from aiwatch.loader import Record
from aiwatch.names import index_text, normalize, squash

# kind -> the field that dates it, for sorting and the timeline
DATE_FIELD = {"organization": "founded", "person": "born", "product": "released", "event": "date",
              "quote": "said_on", "source": "published"}
TITLE_FIELD = {"event": "title", "source": "title"}


def display_name(record: Record) -> str:
    fields = record.fields
    if record.kind == "quote":
        text = fields.get("gloss") or fields["text"]
        return text if len(text) <= 80 else text[:77].rstrip() + "..."
    return fields[TITLE_FIELD.get(record.kind, "name")]


def entity_row(record: Record) -> tuple:
    fields = record.fields
    date = fields.get(DATE_FIELD.get(record.kind, ""))
    span = parse_date(date) if date else None
    # the first and last day a partial date may stand for, so that range filters run in SQL
    return (record.id, record.kind, display_name(record), fields.get("type"), date,
            span and span.sort_key, span and span.first_day.isoformat(), span and span.last_day.isoformat(),
            record.document.path, json.dumps(fields, ensure_ascii=False))


def name_rows(record: Record) -> Iterator[tuple[str, str, str]]:
    """Lookup keys: the id, name, native name and aliases, each normalized and squashed."""
    fields = record.fields
    names = [("id", record.id), ("name", display_name(record))]
    names += [("native_name", fields["native_name"])] if "native_name" in fields else []
    names += [("alias", alias) for alias in fields.get("aliases", [])]
    seen = set()
    for field, text in names:
        for key in (normalize(text), squash(text)):
            if key and (key, field) not in seen:
                seen.add((key, field))
                yield key, record.id, field


def _cited(record: Record, field: str) -> str | None:
    """The source pinned to a field, else the record's first source, which backs all its fields."""
    sources = record.fields.get("cite", {}).get(field) or record.fields.get("sources")
    return sources[0] if sources else None


def edges_of(record: Record) -> Iterator[tuple]:
    """(subject, type, object, since, until, source, detail, note) for every link the record writes."""
    fields, me = record.fields, record.id
    for entry in fields.get("relations", []):
        yield (me, entry["type"], entry["target"], entry.get("since"), entry.get("until"), entry["source"],
               None, entry.get("note"))
    for field, relation in (("headquarters", "based_in"), ("parent", "part_of"), ("family", "part_of"),
                            ("nationality", "nationality"), ("place", "held_in"), ("event", "said_at")):
        if field in fields:
            yield me, relation, fields[field], None, None, _cited(record, field), None, None
    if "developer" in fields:
        yield fields["developer"], "develops", me, None, None, _cited(record, "developer"), None, None
    if "speaker" in fields:
        yield fields["speaker"], "said", me, fields.get("said_on"), None, fields["sources"][0], None, None
    for topic in fields.get("topics", []):
        yield me, "about", topic, None, None, None, None, None
    for topic in fields.get("related", []):
        yield me, "related_topic", topic, None, None, None, None, None
    for role in fields.get("roles", []):
        yield (me, "works_at", role["organization"], role.get("since"), role.get("until"), role["source"],
               role["title"], role.get("note"))
    for listing in fields.get("listings", []):
        yield (me, "listed_on", listing["exchange"], listing.get("listed"), listing.get("delisted"),
               listing["source"], listing["ticker"], listing.get("note"))
    for member in fields.get("members", []):
        yield (member["entity"], "member_of", me, member.get("since"), member.get("until"), member["source"],
               None, member.get("note"))
    for participant in fields.get("participants", []):
        yield (participant["entity"], "took_part_in", me, fields["date"], None, fields["sources"][0],
               participant["role"], participant.get("note"))


def cited_sources(record: Record) -> set[str]:
    """Every source id the record cites, wherever in the file."""
    found: set[str] = set()
    pending: list = [record.fields]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "source":
                    found.add(item)
                elif key == "sources":
                    found.update(item)
                elif key == "cite":
                    found.update(source for sources in item.values() for source in sources)
                else:
                    pending.append(item)
        elif isinstance(value, list):
            pending.extend(value)
    return found


SEARCH_BODY_FIELDS = ("summary", "text", "gloss", "context", "caveat", "note", "title", "publisher", "author")


def names_of(record: Record) -> list[str]:
    fields = record.fields
    return [display_name(record), *filter(None, [fields.get("native_name")]), *fields.get("aliases", [])]


def search_row(record: Record, names: Callable[[str], list[str]]) -> tuple[str, str, str, str, str]:
    """(id, kind, names, tags, body) for the full-text index, all in index_text form.

    The tags column carries the names and aliases of the entity's topics, so that a search for a
    topic's synonym ("chip ban") also finds what is filed under it; a quote's body carries its
    speaker's names.
    """
    fields = record.fields
    own = names_of(record) + [record.id.replace("-", " ")]
    tags = list(fields.get("tags", []))
    for topic in fields.get("topics", []):
        tags += names(topic)
    body = [fields[name] for name in SEARCH_BODY_FIELDS if isinstance(fields.get(name), str)]
    if "speaker" in fields:
        body += names(fields["speaker"])
    if "original" in fields:
        body.append(fields["original"]["text"])
    return (record.id, record.kind, index_text(" | ".join(own)), index_text(" | ".join(tags)),
            index_text(" | ".join(body)))

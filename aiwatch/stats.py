"""Figures about the knowledge base: counts, how well facts are sourced, events per year, hubs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from aiwatch.pages import HEADER_FIELDS
from aiwatch.query import KnowledgeBase
from aiwatch.vocabulary import KIND_FOLDERS

# written facts that carry their own `source` (a relation, a role, a listing, a cohort member)
CITED_ENTRIES = ("relations", "roles", "listings", "members")


@dataclass
class Stats:
    counts: dict[str, int]
    facts: int
    facts_cited: int  # with a source of their own (an entry's `source`, or `cite` for a field)
    facts_covered: int  # backed at least by the entity's own `sources` list
    events_per_year: dict[str, int]
    most_connected: list[dict]
    sources_with_url: int


def compute(kb: KnowledgeBase, top: int = 10) -> Stats:
    entities = kb.every()
    counts = Counter(entity.kind for entity in entities)
    facts = cited = covered = 0
    for entity in entities:
        if entity.kind == "source":
            continue  # a source's fields describe the document itself
        fields = entity.fields
        has_sources = bool(fields.get("sources"))
        header = [name for name, _label in HEADER_FIELDS.get(entity.kind, []) if name in fields]
        facts += len(header)
        cited += sum(name in fields.get("cite", {}) for name in header)
        covered += len(header) if has_sources else 0
        entries = [entry for name in CITED_ENTRIES for entry in fields.get(name, [])]
        facts += len(entries)
        cited += sum("source" in entry for entry in entries)
        covered += sum("source" in entry or has_sources for entry in entries)
    years = Counter(entity.date[:4] for entity in entities if entity.kind == "event")
    degree = kb.db.execute(
        "SELECT id, name, kind, COUNT(*) AS links FROM (SELECT subject AS node FROM edges WHERE type != 'about' "
        "UNION ALL SELECT object FROM edges WHERE type != 'about') JOIN entities ON id = node "
        "WHERE kind NOT IN ('topic', 'source') GROUP BY id ORDER BY links DESC, id LIMIT ?", (top,)).fetchall()
    return Stats({kind: counts.get(kind, 0) for kind in KIND_FOLDERS}, facts, cited, covered,
                 dict(sorted(years.items())),
                 [{"id": row[0], "name": row[1], "kind": row[2], "links": row[3]} for row in degree],
                 sum(1 for entity in entities if entity.kind == "source" and "url" in entity.fields))

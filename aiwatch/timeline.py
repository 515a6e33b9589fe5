"""The timeline: dated events in order, each with its participants and numbered sources."""

from __future__ import annotations

from dataclasses import dataclass

from aiwatch.dates import parse_date
from aiwatch.pages import Citations, SourceNote
from aiwatch.query import Entity, KnowledgeBase


@dataclass
class TimelineRow:
    date: str
    precision: str
    id: str
    title: str
    type: str
    participants: list[dict]
    sources: list[int]


@dataclass
class Timeline:
    rows: list[TimelineRow]
    sources: list[SourceNote]
    filters: dict


def build_timeline(kb: KnowledgeBase, events: list[Entity], filters: dict) -> Timeline:
    citations = Citations()
    participants = kb.participants([event.id for event in events]) if events else {}
    rows = [TimelineRow(event.date, parse_date(event.date).precision, event.id, event.name, event.type or "",
                        [{"id": entity, "name": name, "role": role}
                         for entity, name, role in participants.get(event.id, [])],
                        citations.cite(*event.fields["sources"]))
            for event in events]
    return Timeline(rows, citations.notes(kb), {key: value for key, value in filters.items() if value})

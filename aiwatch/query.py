"""Questions asked of the index: resolve a name, fetch an entity, its links both ways, lists, events.

Reads only the compiled SQLite index (never YAML) and returns plain named tuples; the views decide
how they look. Every single-entity question is answered through an indexed lookup.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aiwatch.names import normalize, squash

if TYPE_CHECKING:
    from aiwatch.dates import PartialDate

ENTITY_COLUMNS = "id, kind, name, type, date, path, body"
LONG_ANSWER = 2000  # an answer naming more entities than this checks every file, not theirs alone


# named tuples, not dataclasses: every run defines these classes, and a dataclass costs four times more
class Entity(NamedTuple):
    id: str
    kind: str
    name: str
    type: str | None
    date: str | None
    path: str
    fields: dict

    @classmethod
    def from_row(cls, row: tuple) -> Entity:
        import json  # here, not at the top: shell completion reads no entity and need not load json

        return cls(*row[:6], json.loads(row[6]))


class Link(NamedTuple):
    """A relation read from one entity: `label` is worded from that entity's side."""

    type: str
    label: str
    outgoing: bool
    other: str
    other_name: str
    other_kind: str
    other_date: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    detail: str | None = None
    note: str | None = None


class Resolution(NamedTuple):
    """What a name the user typed resolves to."""

    query: str
    matches: list[Entity]
    elsewhere: list[Entity]  # matches of other kinds than asked for


WITHIN_PLACE = ("WITH RECURSIVE within(id) AS (SELECT ? UNION SELECT e.subject FROM edges e "
                "JOIN within w ON e.object = w.id WHERE e.type = 'part_of') ")


def _date_clauses(clauses: list[str], params: list, start: PartialDate | None, end: PartialDate | None,
                  required: bool = False) -> None:
    """SQL for "the date may fall within [start, end]": its last possible day is not before the start,
    its first possible day not after the end, so `2025-01` is in a range from 2025-01-15."""
    if required:
        clauses.append("first_day IS NOT NULL")
    if start:
        clauses.append("last_day >= ?")
        params.append(start.first_day.isoformat())
    if end:
        clauses.append("first_day <= ?")
        params.append(end.last_day.isoformat())


class KnowledgeBase:
    def __init__(self, connection: sqlite3.Connection, data_dir: Path | None = None, checked: bool = True) -> None:
        self.db = connection
        self.data_dir = data_dir
        self.checked = checked  # every file was checked against the index, not only the folders

    @classmethod
    def open(cls, data_dir: Path, whole: bool = True) -> KnowledgeBase:
        """The index of a data folder; `whole=False` for a lookup of one entity (see index.py)."""
        from aiwatch.index import open_index

        connection, checked = open_index(data_dir, whole)
        return cls(connection, data_dir, checked)

    def make_current(self) -> bool:
        """After a folder-only check, check every file (rebuilding the index if one changed); False when
        every file had been checked already, so that asking again cannot change the answer."""
        if self.checked:
            return False
        from aiwatch.index import open_index

        self.db.close()
        self.db, self.checked = open_index(self.data_dir, whole=True)
        return True

    def confirm(self, entity_ids: list[str], neighbours: bool = False) -> bool:
        """After a folder-only check: True (and those files read again) when the file of one of these
        entities, or with `neighbours` of an entity linked to one, changed since the index was built."""
        if self.checked:
            return False
        import json

        from aiwatch.build import refresh
        from aiwatch.index import files_changed
        from aiwatch.vocabulary import KIND_FOLDERS

        if len(entity_ids) > LONG_ANSWER:
            return self.make_current()
        marks = ",".join("?" * len(entity_ids))
        linked = (f" UNION SELECT object FROM edges WHERE subject IN ({marks}) UNION SELECT subject FROM edges "
                  f"WHERE object IN ({marks}) UNION SELECT source FROM citations WHERE entity IN ({marks}) "
                  f"UNION SELECT entity FROM citations WHERE source IN ({marks})") if neighbours else ""
        rows = self.db.execute(f"SELECT id, kind FROM entities WHERE id IN (SELECT value FROM json_each(?){linked})",
                               [json.dumps(entity_ids)] + (entity_ids * 4 if neighbours else []))
        changed = files_changed(self.db, self.data_dir, [f"{KIND_FOLDERS[kind]}/{entity_id}.yaml"
                                                         for entity_id, kind in rows])
        if changed:
            self.db = refresh(self.db, self.data_dir, changed)
        return bool(changed)

    def size(self) -> tuple[int, int]:
        """How many entities the index holds, and from how many files."""
        return self.db.execute("SELECT (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM files)").fetchone()

    def get(self, entity_id: str) -> Entity | None:
        row = self.db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return Entity.from_row(row) if row else None

    def get_many(self, ids: list[str]) -> dict[str, Entity]:
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id IN ({marks})", ids)
        return {row[0]: Entity.from_row(row) for row in rows}

    def resolve(self, text: str, kinds: tuple[str, ...] = ()) -> Resolution:
        """Match a typed name against ids, names, native names and aliases, ignoring case and width."""
        for key in dict.fromkeys((normalize(text), squash(text))):
            rows = self.db.execute(
                f"SELECT DISTINCT {ENTITY_COLUMNS} FROM entities WHERE id IN "
                "(SELECT id FROM names WHERE key = ?) ORDER BY kind, id", (key,)).fetchall()
            found = [Entity.from_row(row) for row in rows]
            if found:
                return Resolution(text, [entity for entity in found if not kinds or entity.kind in kinds],
                                  [entity for entity in found if kinds and entity.kind not in kinds])
        return Resolution(text, [], [])

    def suggest(self, text: str, kinds: tuple[str, ...] = (), limit: int = 5) -> list[Entity]:
        """The names closest to a near miss; only reached when an exact lookup found nothing."""
        from rapidfuzz import fuzz, process

        kind_filter = f"WHERE e.kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        rows = self.db.execute(f"SELECT n.key, n.id FROM names n JOIN entities e ON e.id = n.id {kind_filter}",
                               kinds).fetchall()
        # QRatio, not WRatio: WRatio's partial matching calls 'nope' a near miss of 'OpenAI'
        scored = process.extract(normalize(text), [key for key, _ in rows], scorer=fuzz.QRatio,
                                 limit=limit * 4, score_cutoff=70)
        best = scored[0][1] if scored else 0
        # only the near-best: a clear winner should not come with a tail of weak look-alikes
        ids = list(dict.fromkeys(rows[index][1] for _key, score, index in scored if score >= best - 8))[:limit]
        found = self.get_many(ids)
        return [found[entity_id] for entity_id in ids]

    def links(self, entity_id: str, as_of: PartialDate | None = None) -> list[Link]:
        """Every edge touching the entity, from both ends, worded from the entity's side."""
        from aiwatch.dates import is_active, sort_key  # not at the top: completion reads no dates
        from aiwatch.vocabulary import RELATIONS

        rows = self.db.execute(
            "SELECT 1, e.type, e.object, o.name, o.kind, o.date, e.since, e.until, e.source, e.detail, e.note "
            "FROM edges e JOIN entities o ON o.id = e.object WHERE e.subject = ? "
            "UNION ALL "
            "SELECT 0, e.type, e.subject, s.name, s.kind, s.date, e.since, e.until, e.source, e.detail, e.note "
            "FROM edges e JOIN entities s ON s.id = e.subject WHERE e.object = ?",
            (entity_id, entity_id)).fetchall()
        links = []
        for outgoing, kind, *rest in rows:
            since, until = rest[4], rest[5]
            if as_of and not is_active(since, until, as_of):
                continue
            relation = RELATIONS[kind]
            label = relation.label if outgoing else relation.reverse
            links.append(Link(kind, label, bool(outgoing), *rest))
        links.sort(key=lambda link: (link.type, not link.outgoing, sort_key(link.since),
                                     link.other_name.casefold()))
        return links

    def list(self, kind: str, *, type: str | None = None, tag: str | None = None, hub: str | None = None,
             cohort: str | None = None, topic: str | None = None, founded_after: PartialDate | None = None,
             founded_before: PartialDate | None = None, as_of: PartialDate | None = None,
             sort: str = "name") -> list[Entity]:
        """Entities of one kind, filtered in SQL where a filter is an edge, and sorted."""
        from aiwatch.dates import sort_key

        clauses, params = ["kind = ?"], [kind]
        if type:
            clauses.append("type = ?")
            params.append(type)
        prefix = ""
        if hub:
            prefix = WITHIN_PLACE
            clauses.append("id IN (SELECT subject FROM edges WHERE type = 'based_in' AND object IN within)")
            params.insert(0, hub)
        for relation, target in (("member_of", cohort), ("about", topic)):
            if target:
                clauses.append("id IN (SELECT subject FROM edges WHERE type = ? AND object = ?)")
                params += [relation, target]
        _date_clauses(clauses, params, founded_after, founded_before, required=bool(founded_after or founded_before))
        if as_of:
            clauses.append("(first_day IS NULL OR first_day <= ?)")
            params.append(as_of.last_day.isoformat())
        rows = self.db.execute(f"{prefix}SELECT {ENTITY_COLUMNS} FROM entities WHERE {' AND '.join(clauses)}",
                               params)
        entities = [Entity.from_row(row) for row in rows]
        if tag:
            entities = [entity for entity in entities if tag in entity.fields.get("tags", [])]
        if sort == "date":
            entities.sort(key=lambda entity: (entity.date is None, sort_key(entity.date), entity.name.casefold()))
        else:
            entities.sort(key=lambda entity: entity.name.casefold())
        return entities

    def events(self, *, start: PartialDate | None = None, end: PartialDate | None = None,
               entity: str | None = None, topic: str | None = None, hub: str | None = None,
               type: str | None = None) -> list[Entity]:
        """Events in chronological order, a coarse date after the finer dates it contains."""
        clauses, params = ["kind = 'event'"], []
        prefix = ""
        if hub:
            prefix = WITHIN_PLACE
            clauses.append("id IN (SELECT subject FROM edges WHERE type = 'held_in' AND object IN within)")
            params.append(hub)
        if type:
            clauses.append("type = ?")
            params.append(type)
        if entity:
            clauses.append("id IN (SELECT object FROM edges WHERE type = 'took_part_in' AND subject = ?)")
            params.append(entity)
        if topic:
            clauses.append("id IN (SELECT subject FROM edges WHERE type = 'about' AND object = ?)")
            params.append(topic)
        _date_clauses(clauses, params, start, end)
        rows = self.db.execute(f"{prefix}SELECT {ENTITY_COLUMNS} FROM entities WHERE {' AND '.join(clauses)} "
                               "ORDER BY sort_key, id", params)
        return [Entity.from_row(row) for row in rows]

    def participants(self, event_ids: list[str]) -> dict[str, list[tuple[str, str, str]]]:
        """event id -> [(entity id, name, role)] for many events in one query."""
        marks = ",".join("?" * len(event_ids))
        rows = self.db.execute(f"SELECT e.object, e.subject, s.name, e.detail FROM edges e JOIN entities s "
                               f"ON s.id = e.subject WHERE e.type = 'took_part_in' AND e.object IN ({marks}) "
                               "ORDER BY e.rowid", event_ids)
        found: dict[str, list[tuple[str, str, str]]] = {}
        for event, entity, name, role in rows:
            found.setdefault(event, []).append((entity, name, role))
        return found

    def every(self, kind: str | None = None) -> list[Entity]:
        """Every entity (of one kind), in kind then id order: for exports and statistics."""
        rows = self.db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE ? IS NULL OR kind = ? ORDER BY kind, id",
                               (kind, kind))
        return [Entity.from_row(row) for row in rows]

    def edges_touching(self, ids: list[str]) -> list[tuple]:
        """Raw edges (subject, type, object, since, until, source, detail, note) at any of the ids."""
        marks = ",".join("?" * len(ids))
        return self.db.execute(f"SELECT subject, type, object, since, until, source, detail, note FROM edges "
                               f"WHERE subject IN ({marks}) OR object IN ({marks}) ORDER BY rowid",
                               [*ids, *ids]).fetchall()

    def all_edges(self) -> list[tuple]:
        return self.db.execute("SELECT subject, type, object, since, until, source, detail, note FROM edges "
                               "ORDER BY rowid").fetchall()

    def cited_by(self, source_id: str) -> list[Entity]:
        rows = self.db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id IN "
                               "(SELECT entity FROM citations WHERE source = ?) ORDER BY kind, name", (source_id,))
        return [Entity.from_row(row) for row in rows]

    def complete(self, prefix: str, kinds: tuple[str, ...] = (), limit: int = 50) -> list[tuple[str, str]]:
        """(word to complete to, name) for the entities whose id, name, native name or alias starts with the
        prefix (as names compare: case and width aside); a range over the names index, never a scan.

        The word is what the shell puts on the command line, so it starts with the prefix as typed: the id
        where it does, else a name or alias of one word (`深` completes to `深度求索`)."""
        kind_filter = f"AND e.kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        key = normalize(prefix)
        if not key:
            return self.db.execute(f"SELECT e.id, e.name FROM entities e WHERE 1 {kind_filter} ORDER BY e.id LIMIT ?",
                                   (*kinds, limit)).fetchall()
        rows = self.db.execute(
            f"SELECT DISTINCT e.id, e.name, e.body FROM names n JOIN entities e ON e.id = n.id "
            f"WHERE n.key >= ? AND n.key < ? {kind_filter} ORDER BY e.id LIMIT ?",
            (key, key + "\U0010ffff", *kinds, limit)).fetchall()
        return [(_completion(entity_id, name, body, prefix), name) for entity_id, name, body in rows]


def _completion(entity_id: str, name: str, body: str, prefix: str) -> str:
    if entity_id.startswith(prefix):
        return entity_id
    import json  # only when the id does not do: most completions never load it

    fields = json.loads(body)
    words = [name, fields.get("native_name"), *fields.get("aliases", [])]
    return next((word for word in words if word and word.startswith(prefix) and len(word.split()) == 1), entity_id)

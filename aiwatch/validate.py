"""Rules across the whole knowledge base: ids, references, names, sources, date order.

Runs after `loader.load` has checked each file on its own: the second of two phases, as in
followthemoney's model (read every file, then resolve references).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from aiwatch.characters import UNSAFE
from aiwatch.compile import cited_sources
from aiwatch.dates import parse_date
from aiwatch.loader import PARSER, Record, discover, load, location_name
from aiwatch.names import normalize
from aiwatch.problems import ERROR, WARNING, Problem, did_you_mean
from aiwatch.vocabulary import NAMED_KINDS, RELATIONS

ANY_NAMED = NAMED_KINDS
# field -> kinds its reference may point at, for references outside `relations`
REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "headquarters": ("place",),
    "nationality": ("place",),
    "parent": ("place",),
    "developer": ("organization",),
    "family": ("product",),
    "exchange": ("organization",),
    "organization": ("organization",),
    "place": ("place",),
    "speaker": ("person", "organization"),
    "event": ("event",),
    "topics": ("topic",),
    "related": ("topic",),
    "sources": ("source",),
    "source": ("source",),
}
# (mapping field, entry field) whose target kinds depend on the entry
ENTRY_TARGETS = {("participants", "entity"): ANY_NAMED, ("members", "entity"): ("organization", "person")}
DATE_FIELDS = {"founded", "dissolved", "born", "since", "until", "listed", "delisted", "released", "date",
               "said_on", "published", "reviewed"}
DATE_ORDER = [("founded", "dissolved"), ("since", "until"), ("listed", "delisted")]


@dataclass
class Report:
    files: int
    records: list[Record]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == ERROR]


def validate(data_dir: Path, parser=PARSER, today: date | None = None) -> Report:
    """Load and check the whole folder: the records and every problem, sorted by place.

    With the default parser, a file the index holds as it is on disk is not read again: its own
    verdict comes from the index, so a large base is checked in the time its changed files take.
    """
    if parser is not PARSER:  # another parser's verdicts, as the tests that compare parsers need
        records, problems, failed = load(data_dir, parser)
        problems += check_records(records, today or date.today(), failed)
        return Report(sum(1 for _ in discover(data_dir)), records, sorted(set(problems)))
    from aiwatch.build import cached_verdicts, checked

    verdicts = cached_verdicts(data_dir)
    try:
        records, problems = checked(data_dir, verdicts, today)
    finally:
        if verdicts.previous is not None:
            verdicts.previous.close()
    return Report(len(verdicts.stats), records, sorted(set(problems)))


@dataclass
class Elsewhere:
    """An entity checked before, outside the records at hand: what a reference to it needs."""

    id: str
    kind: str


def check_records(records: list[Record], today: date, failed: set[str] = frozenset(),
                  others: Mapping[str, Elsewhere] | None = None) -> list[Problem]:
    """Rules across records; references into files that failed on their own are not reported twice.

    `others` (id -> Elsewhere) stands for the rest of a base checked before, when only some files
    changed: references are then checked against it, names and citations only among the records given.
    """
    by_id: ChainMap[str, Record | Elsewhere | None] = ChainMap(dict.fromkeys(failed), others or {})
    problems: list[Problem] = []
    for record in records:
        document = record.document
        if record.id != document.stem:
            problems.append(document.problem(("id",), f"id '{record.id}' differs from the file name "
                                             f"'{document.stem}': they must be equal"))
        if isinstance(by_id.get(record.id), Record):
            first = by_id[record.id].document.path
            problems.append(document.problem(("id",), f"duplicate id '{record.id}' (also {first}); ids are "
                                             "unique across all kinds"))
            continue
        by_id[record.id] = record
    cited = {source for record in records for source in cited_sources(record)}
    for record in records:
        nodes = _walk(record.fields)
        problems += _check_references(record, nodes, by_id)
        problems += _check_dates(record, nodes, today)
        problems += _check_relations(record, by_id)
        problems += _check_quote(record)
        problems += _check_text(record, nodes)
    problems += _check_names(records)
    for record in records:
        if record.kind == "source" and record.id not in cited:
            problems.append(record.document.problem(("id",), f"source '{record.id}' is never cited",
                                                    severity=WARNING))
    return problems


def _walk(value) -> list[tuple[tuple, object]]:
    """Every (location, value) pair under a value, itself included."""
    found, pending = [], [((), value)]
    while pending:
        location, value = pending.pop()
        found.append((location, value))
        if isinstance(value, dict):
            pending.extend((location + (key,), item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((location + (index,), item) for index, item in enumerate(value))
    return found


def _expected_kinds(record: Record, location: tuple) -> tuple[str, ...] | None:
    keys = [step for step in location if isinstance(step, str)]
    if not keys:
        return None
    if keys[0] == "relations" and keys[-1] == "target":
        return None  # checked against the relation type in _check_relations
    if keys[0] == "cite" and len(keys) == 2:
        return ("source",)
    if len(keys) == 2 and (keys[0], keys[1]) in ENTRY_TARGETS:
        return ENTRY_TARGETS[(keys[0], keys[1])]
    if keys[0] == "original" and keys[-1] == "source":
        return ("source",)
    return REFERENCE_FIELDS.get(keys[-1]) if len(keys) <= 2 else None


def _reference_problem(record: Record, location: tuple, target: str, kinds: tuple[str, ...],
                       by_id: dict[str, Record]) -> Problem | None:
    if target in by_id and by_id[target] is None:
        return None  # the target's file failed its own checks, which are reported there
    found = by_id.get(target)
    wanted = " or ".join(kinds)
    if found is None:
        candidates = [other.id for other in by_id.values() if other and other.kind in kinds]
        return record.document.problem(location, f"unknown {wanted} '{target}'{did_you_mean(target, candidates)}")
    if found.kind not in kinds:
        return record.document.problem(location, f"'{target}' is of kind {found.kind}, expected {wanted}")
    if found.id == record.id:
        return record.document.problem(location, f"'{target}' refers to the entity itself")
    return None


def _check_references(record: Record, nodes: list, by_id: dict[str, Record]) -> list[Problem]:
    problems = []
    for location, value in nodes:
        if not isinstance(value, str) or not location:
            continue
        kinds = _expected_kinds(record, location)
        if kinds is None:
            continue
        problem = _reference_problem(record, location, value, kinds, by_id)
        if problem:
            problems.append(problem)
    for field_name in record.fields.get("cite", {}):
        if not record.document.sets((field_name,)):
            problems.append(record.document.problem(("cite", field_name), f"cite names '{field_name}', which "
                                                    f"this file does not set{did_you_mean(field_name, record.fields)}",
                                                    key=True))
    return problems


def _check_text(record: Record, nodes: list) -> list[Problem]:
    return [record.document.problem(location, f"{location_name(location)}: text contains "
                                    f"{'control' if ord(found.group()) <= 0xFF else 'bidirectional'} character "
                                    f"U+{ord(found.group()):04X}; it is shown escaped, never interpreted",
                                    severity=WARNING)
            for location, value in nodes if isinstance(value, str) and (found := UNSAFE.search(value))]


def _check_dates(record: Record, nodes: list, today: date) -> list[Problem]:
    problems = []
    for location, value in nodes:
        if isinstance(value, dict):
            for start, end in DATE_ORDER:
                if start in value and end in value and \
                        parse_date(value[start]).first_day > parse_date(value[end]).last_day:
                    problems.append(record.document.problem(location + (end,), f"{end} {value[end]} is before "
                                                            f"{start} {value[start]}"))
        elif isinstance(value, str) and location and location[-1] in DATE_FIELDS \
                and parse_date(value).first_day > today:
            problems.append(record.document.problem(location, f"{location[-1]} {value} is in the future"))
    return problems


def _check_relations(record: Record, by_id: dict[str, Record]) -> list[Problem]:
    problems, seen = [], set()
    for index, entry in enumerate(record.fields.get("relations", [])):
        relation = RELATIONS[entry["type"]]
        problem = _reference_problem(record, ("relations", index, "target"), entry["target"], relation.objects, by_id)
        if problem:
            problems.append(problem)
        if record.kind not in relation.subjects:
            problems.append(record.document.problem(("relations", index, "type"),
                                                    f"a {record.kind} cannot have relation '{entry['type']}' "
                                                    f"(allowed for {', '.join(relation.subjects)})"))
        key = (entry["type"], entry["target"])
        if key in seen:
            problems.append(record.document.problem(("relations", index), f"relation {key[0]} -> {key[1]} is "
                                                    "written twice", severity=WARNING))
        seen.add(key)
    return problems


def _check_quote(record: Record) -> list[Problem]:
    if record.kind != "quote":
        return []
    fields = record.fields
    if fields["language"] != "en" and "gloss" not in fields:
        return [record.document.problem(("text",), "a quote not in English needs an English `gloss`")]
    return []


def claimed_names(record: Record) -> list[tuple[tuple, str]]:
    """(location, text) of every name a record claims for itself alone: name, native name, aliases."""
    if record.kind not in NAMED_KINDS:
        return []
    names = [(("name",), record.fields["name"])]
    if "native_name" in record.fields:
        names.append((("native_name",), record.fields["native_name"]))
    return names + [(("aliases", index), alias) for index, alias in enumerate(record.fields.get("aliases", []))]


def _check_names(records: list[Record]) -> list[Problem]:
    claims: dict[str, Record] = {}
    problems = []
    for record in records:
        own: set[str] = set()
        for location, text in claimed_names(record):
            key = normalize(text)
            if key in own:
                problems.append(record.document.problem(location, f"'{text}' repeats a name of this entity",
                                                        severity=WARNING))
                continue
            own.add(key)
            holder = claims.setdefault(key, record)
            if holder is not record:
                problems.append(record.document.problem(location, f"name '{text}' is also claimed by "
                                                        f"{holder.kind} '{holder.id}' ({holder.document.path})"))
    return problems

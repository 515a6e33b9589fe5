"""The knowledge base as records: JSON, JSON Lines and spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
import json

from aiwatch.query import Entity
from aiwatch.views.output import literal, strict_json

CSV_COLUMNS = ["id", "kind", "name", "native_name", "type", "date", "summary", "aliases", "tags", "topics",
               "sources", "url", "path"]
# A cell starting with one of these is read as a formula by spreadsheets (CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def record(entity: Entity) -> dict:
    return {"id": entity.id, "kind": entity.kind, **entity.fields}


def to_json(entities: list[Entity]) -> str:
    return strict_json(json.dumps([record(entity) for entity in entities], ensure_ascii=False, indent=2,
                                  allow_nan=False)) + "\n"


def to_jsonl(entities: list[Entity]) -> str:
    return "".join(strict_json(json.dumps(record(entity), ensure_ascii=False, allow_nan=False)) + "\n"
                   for entity in entities)


def safe_cell(value: object) -> str:
    """A cell that a spreadsheet shows as text: a leading formula character is escaped with a quote, and
    an escape code is shown as `\\x1b` (the CSV often reaches a terminal before a spreadsheet)."""
    text = "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    text = literal(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(entities: list[Entity]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entity in entities:
        fields = entity.fields
        row = {"id": entity.id, "kind": entity.kind, "name": entity.name, "type": entity.type, "date": entity.date,
               "path": entity.path, **{name: fields.get(name) for name in CSV_COLUMNS[3:] if name in fields}}
        writer.writerow([safe_cell(row.get(column)) for column in CSV_COLUMNS])
    return buffer.getvalue()

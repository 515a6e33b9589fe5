"""Lists of entities: a Rich table, tab-separated plain lines, or JSON rows."""

from __future__ import annotations

from aiwatch.query import Entity
from aiwatch.views.output import literal


def list_rows(entities: list[Entity]) -> list[dict]:
    return [{"id": entity.id, "kind": entity.kind, "name": entity.name, "type": entity.type, "date": entity.date,
             "native_name": entity.fields.get("native_name")} for entity in entities]


def list_plain(entities: list[Entity]) -> str:
    if not entities:
        return "nothing matches"
    return "\n".join("\t".join(literal(value or "") for value in (entity.id, entity.name,
                                                                   entity.fields.get("native_name"), entity.type,
                                                                   entity.date))
                     for entity in entities)


def list_rich(entities: list[Entity]):
    from rich.table import Table
    from rich.text import Text

    if not entities:
        return Text("nothing matches")
    table = Table(caption=f"{len(entities)} shown", show_lines=False)
    for name, style in (("id", "cyan"), ("name", "bold"), ("native", ""), ("type", "dim"), ("date", "")):
        table.add_column(name, style=style or None, overflow="fold")
    for entity in entities:
        table.add_row(*(Text(literal(value or "")) for value in (entity.id, entity.name,
                                                                  entity.fields.get("native_name"), entity.type,
                                                                  entity.date)))
    return table

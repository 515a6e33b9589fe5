"""Plain renderings of an entity and of lists, and their JSON shapes."""

from __future__ import annotations

import json
from dataclasses import asdict

from aiwatch.query import Entity, Link


def entity_text(entity: Entity, links: list[Link]) -> str:
    fields = entity.fields
    native = f" ({fields['native_name']})" if "native_name" in fields else ""
    lines = [f"{entity.name}{native}  [{entity.kind}{', ' + entity.type if entity.type else ''}]"]
    if entity.date:
        lines.append(f"date: {entity.date}")
    if "summary" in fields:
        lines.append(fields["summary"])
    for link in links:
        dates = "–".join(filter(None, [link.since, link.until]))
        lines.append(f"  {link.label}: {link.other_name}" + (f" ({link.detail})" if link.detail else "")
                     + (f" [{dates}]" if dates else ""))
    return "\n".join(lines)


def entity_json(entity: Entity, links: list[Link]) -> str:
    return json.dumps({"id": entity.id, "kind": entity.kind, "name": entity.name, "fields": entity.fields,
                       "links": [asdict(link) for link in links]}, ensure_ascii=False, indent=2)


def list_text(entities: list[Entity]) -> str:
    return "\n".join(f"{entity.id}\t{entity.name}\t{entity.type or ''}\t{entity.date or ''}" for entity in entities)


def list_json(entities: list[Entity]) -> str:
    return json.dumps([{"id": entity.id, "kind": entity.kind, "name": entity.name, "type": entity.type,
                        "date": entity.date} for entity in entities], ensure_ascii=False, indent=2)

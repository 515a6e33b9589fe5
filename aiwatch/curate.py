"""Curator tools that touch the data folder: a template for a new entity, and what needs review."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from aiwatch.dates import parse_date
from aiwatch.vocabulary import KIND_FOLDERS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DURATION = re.compile(r"^(\d+)([dwmy])$")
DAYS_PER_UNIT = {"d": 1, "w": 7, "m": 30, "y": 365}
HINTS = {
    "name": "the name most users know",
    "title": "a short headline in your own words",
    "native_name": "Chinese characters, if any",
    "aliases": "[short names, pinyin, brands, former names, tickers]",
    "type": "see data/README.md for the allowed values",
    "summary": ">- one to three sentences in your own words",
    "tags": "[lowercase-slugs]",
    "topics": "[topic ids]",
    "relations": "- {type: backs, target: some-id, since: 2024, source: source-id}",
    "sources": "[ids of files in data/sources/]",
    "cite": "{founded: [source-id]}  pin one field to one source",
    "founded": "YYYY, YYYY-MM or YYYY-MM-DD, at the precision known",
    "headquarters": "a place id",
    "website": "https://... only when known, never guessed",
    "listings": "- {exchange: hkex, ticker: '0000', listed: 2026-01-09, source: source-id}",
    "roles": "- {organization: some-id, title: CEO, since: 2023, source: source-id}",
    "nationality": "a country's place id",
    "parent": "the place it lies in",
    "developer": "the organization that makes it",
    "family": "the product line it belongs to",
    "members": "- {entity: some-id, source: source-id, note: in some counts only}",
    "participants": "- {entity: some-id, role: subject}",
    "date": "YYYY, YYYY-MM or YYYY-MM-DD, at the precision known",
    "speaker": "a person id",
    "text": "the words exactly as the cited source prints them",
    "language": "id, en or zh: the language of `text`",
    "translated": "true when `text` is a rendering, not the speaker's own words",
    "gloss": "the English meaning, for a text not in English",
    "url": "https://... only the exact address you read; never guessed",
    "note": "conflicts between sources, caveats",
    "reviewed": "the date you last checked this file against its sources",
}


class CurateError(Exception):
    """A request that must not write anything; the message says why. `usage`: the request itself is malformed."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def template(kind: str, entity_id: str) -> str:
    """A commented starting file: required fields to fill, optional ones commented out."""
    from aiwatch.schema import MODELS

    model = MODELS[kind]
    names = [name for name in model.model_fields if name not in ("id", "note", "reviewed")] + ["note", "reviewed"]
    lines = ["# yaml-language-server: $schema=../schema.json", f"id: {entity_id}  # never renamed once published"]
    for name in names:
        required = model.model_fields[name].is_required()
        hint = HINTS.get(name, model.model_fields[name].description or "")
        value = date.today().isoformat() if name == "reviewed" else ""
        line = f"{name}: {value}".rstrip() + (f"  # {hint}" if hint else "")
        lines.append(line if required or name == "reviewed" else f"# {line}")
    return "\n".join(lines) + "\n"


def create_entity(data_dir: Path, kind: str, entity_id: str) -> Path:
    """Write the template for a new entity; never overwrite, never write outside the data folder."""
    if kind not in KIND_FOLDERS:
        raise CurateError(f"unknown kind '{kind}'", usage=True)
    if not SLUG.match(entity_id):
        raise CurateError(f"'{entity_id}' is not an id: use lowercase letters, digits and single hyphens", usage=True)
    root = data_dir.resolve()
    folder = root / KIND_FOLDERS[kind]
    path = (folder / f"{entity_id}.yaml").resolve()
    if not path.is_relative_to(root) or path.parent != folder:
        raise CurateError(f"'{path}' is outside the data folder {root}")
    taken = [found for found in root.glob(f"*/{entity_id}.yaml") if found != path]
    if taken:
        raise CurateError(f"id '{entity_id}' is taken by {taken[0]}; ids are unique across kinds")
    folder.mkdir(exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise CurateError(f"{path} exists; it was not touched") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(template(kind, entity_id))
    return path


def parse_age(text: str) -> timedelta:
    found = DURATION.match(text.strip().lower())
    if not found:
        raise CurateError(f"'{text}' is not an age: use a number and d, w, m or y (90d, 6m, 1y)", usage=True)
    return timedelta(days=int(found.group(1)) * DAYS_PER_UNIT[found.group(2)])


@dataclass
class StaleEntry:
    id: str
    kind: str
    name: str
    reviewed: str | None
    path: str


def stale(kb, older_than: timedelta, today: date | None = None, kind: str | None = None) -> list[StaleEntry]:
    """Entities never reviewed, then those reviewed longest ago, up to the cut-off."""
    cutoff = (today or date.today()) - older_than
    found = [StaleEntry(entity.id, entity.kind, entity.name, entity.fields.get("reviewed"), entity.path)
             for entity in kb.every(kind)
             if "reviewed" not in entity.fields or parse_date(entity.fields["reviewed"]).last_day < cutoff]
    return sorted(found, key=lambda entry: (entry.reviewed is not None, entry.reviewed or "", entry.kind, entry.id))

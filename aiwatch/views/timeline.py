"""The timeline: events grouped by year and month, each date at its own precision."""

from __future__ import annotations

from collections.abc import Iterator

from aiwatch.timeline import Timeline, TimelineRow
from aiwatch.views.output import literal, marks
from aiwatch.views.page import rich_rows, row_text, source_line

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def groups(timeline: Timeline) -> Iterator[tuple[str, str | None, list[TimelineRow]]]:
    """(year, month heading or None for year-only dates, rows) in order."""
    current: tuple[str, str | None] | None = None
    bucket: list[TimelineRow] = []
    for row in timeline.rows:
        parts = row.date.split("-")
        key = (parts[0], MONTHS[int(parts[1]) - 1] if len(parts) > 1 else None)
        if key != current and bucket:
            yield (*current, bucket)
            bucket = []
        current = key
        bucket.append(row)
    if bucket:
        yield (*current, bucket)


def who(row: TimelineRow) -> str:
    return ", ".join(f"{literal(person['name'])} ({person['role']})" for person in row.participants)


def timeline_plain(timeline: Timeline) -> str:
    if not timeline.rows:
        return "no events match"
    lines: list[str] = []
    year_shown = None
    for year, month, rows in groups(timeline):
        if year != year_shown:
            lines += ["", year] if lines else [year]
            year_shown = year
        lines.append(f"  {month or 'Sometime in ' + year}")
        for row in rows:
            lines.append(f"    {row.date}  {literal(row.title)} ({row.type}) {marks(row.sources)}".rstrip())
            if row.participants:
                lines.append(f"      {who(row)}")
    lines += ["", "Sources"] + [f"  [{note.number}] {source_line(note)}" for note in timeline.sources]
    lines.append(f"\n{len(timeline.rows)} event(s)")
    return "\n".join(lines)


def timeline_rich(timeline: Timeline):
    from rich.console import Group
    from rich.text import Text

    if not timeline.rows:
        return Text("no events match")
    blocks = []
    for year, month, rows in groups(timeline):
        lines = []
        for row in rows:
            line = row_text(row.date, literal(row.title), f"{row.type}; {who(row)}" if row.participants else row.type,
                            marks(row.sources))
            lines.append(line)
        blocks.append(rich_rows(f"{month or 'Sometime in'} {year}", lines))
    blocks.append(rich_rows("Sources", [Text.assemble((f"[{note.number}] ", "dim"), source_line(note))
                                        for note in timeline.sources]))
    blocks.append(Text(f"{len(timeline.rows)} event(s)", style="dim"))
    return Group(*blocks)

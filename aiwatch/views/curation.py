"""Renderings of `stale` and `diff`."""

from __future__ import annotations

from aiwatch.curate import StaleEntry
from aiwatch.history import Change, Diff
from aiwatch.views.output import literal


def stale_plain(entries: list[StaleEntry]) -> str:
    if not entries:
        return "nothing to review: every entity was reviewed recently"
    lines = [f"{entry.reviewed or 'never':<10}  {entry.kind:<12}  {entry.id}  {literal(entry.path)}"
             for entry in entries]
    return "\n".join([*lines, f"{len(entries)} to review"])


def stale_rich(entries: list[StaleEntry]):
    from rich.text import Text

    return Text(stale_plain(entries))


def _change_line(sign: str, change: Change) -> str:
    fields = f"  ({', '.join(change.fields)})" if change.fields else ""
    date = f" {change.date}" if change.date else ""
    return f"  {sign} [{change.kind}] {change.id}: {literal(change.name)}{date}{fields}"


def diff_plain(found: Diff) -> str:
    base = f"commit {found.commit[:10]} of {found.committed}" if found.commit else "an empty knowledge base"
    lines = [f"Since {found.since} ({base}): {len(found.added)} added, {len(found.removed)} removed, "
             f"{len(found.changed)} changed; {len(found.events_added)} new event(s)"]
    for title, sign, changes in (("Added", "+", found.added), ("Removed", "-", found.removed),
                                 ("Changed", "~", found.changed)):
        if changes:
            lines += ["", title] + [_change_line(sign, change) for change in changes]
    return "\n".join(lines)


def diff_rich(found: Diff):
    from rich.text import Text

    return Text(diff_plain(found))

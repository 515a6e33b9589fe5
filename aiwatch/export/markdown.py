"""Pages as Markdown dossiers: prose and tables with numbered footnotes, every data string escaped."""

from __future__ import annotations

import re

from aiwatch.characters import UNSAFE
from aiwatch.dates import span
from aiwatch.pages import Page, Row
from aiwatch.views.page import source_line

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape(text: object, *, in_table: bool = False) -> str:
    """Data as literal Markdown text: markup characters backslashed, `&` as an entity, control
    characters dropped; in a table cell a line break becomes <br> so that the row stays one line."""
    value = UNSAFE.sub("", str(text)).replace("&", "&amp;")
    value = _SPECIAL.sub(r"\\\1", value)
    lines = value.splitlines() or [""]
    return "<br>".join(lines) if in_table else " ".join(line.strip() for line in lines)


def notes(numbers: list[int]) -> str:
    return "".join(f"[^{number}]" for number in numbers)


def _row(row: Row) -> list[str]:
    when = row.date or span(row.since, row.until)
    text = f"“{row.text}”" if row.kind == "quote" else row.text
    detail = "; ".join(filter(None, [row.detail, row.note]))
    return [escape(when, in_table=True), escape(text, in_table=True), escape(detail, in_table=True),
            notes(row.sources)]


def page_markdown(page: Page, level: int = 1) -> str:
    """A dossier of one page; `level` sets the heading depth, so that many pages nest in one file."""
    hashes = "#" * level
    title = escape(page.name) + (f" ({escape(page.native_name)})" if page.native_name else "")
    lines = [f"{hashes} {title}", "", f"*{page.kind}*" + (f" · as of {page.as_of}" if page.as_of else "")]
    if page.aliases:
        lines[-1] += " · also known as " + ", ".join(escape(alias) for alias in page.aliases)
    lines.append("")
    if page.facts:
        lines += ["| Fact | Value |", "| --- | --- |"]
        lines += [f"| {escape(fact.label, in_table=True)} | {escape(fact.value, in_table=True)}{notes(fact.sources)} |"
                  for fact in page.facts]
        lines.append("")
    if page.summary:
        lines += [escape(page.summary) + notes(page.summary_sources), ""]
    if page.note:
        lines += [f"> Note: {escape(page.note)}", ""]
    for section in page.sections:
        lines += [f"{hashes}# {escape(section.title)}", "", "| When | What | Detail | Sources |",
                  "| --- | --- | --- | --- |"]
        lines += ["| " + " | ".join(_row(row)) + " |" for row in section.rows]
        lines.append("")
    if page.sources:
        lines += [f"{hashes}# Sources", ""]
        lines += [f"[^{note.number}]: {escape(source_line(note))}" for note in page.sources]
        lines.append("")
    return "\n".join(lines)


def pages_markdown(pages: list[Page], title: str) -> str:
    """Many pages in one document. Footnote labels are made unique per page, since Markdown's are global."""
    parts = [f"# {escape(title)}", ""]
    for page in pages:
        text = page_markdown(page, level=2)
        parts.append(re.sub(r"\[\^(\d+)\]", lambda found, page_id=page.id: f"[^{page_id}-{found.group(1)}]", text))
    return "\n".join(parts)

"""An entity page as Rich renderables or as plain text; both read the same `pages.Page`."""

from __future__ import annotations

from aiwatch.dates import span
from aiwatch.pages import Page, Row, SourceNote
from aiwatch.views.output import literal, marks


def row_cells(row: Row) -> tuple[str, str, str, str]:
    """(when, what, detail, footnotes) of one row, as literal text."""
    when = row.date or span(row.since, row.until)
    text = f"“{row.text}”" if row.kind == "quote" else row.text
    detail = "; ".join(filter(None, [row.detail, f"“{row.note}”" if row.kind == "quote" and row.note
                                     else row.note]))
    return literal(when), literal(text), literal(detail), marks(row.sources)


def source_line(note: SourceNote) -> str:
    parts = [note.title, note.author, note.publisher, note.published]
    line = ". ".join(literal(part) for part in parts if part)
    return f"{line}. {literal(note.url)}" if note.url else line


def heading(page: Page) -> str:
    native = f" ({page.native_name})" if page.native_name else ""
    return literal(f"{page.name}{native}")


def page_plain(page: Page) -> str:
    lines = [f"{heading(page)}  [{page.kind}]"]
    if page.as_of:
        lines.append(f"as of {page.as_of}")
    if page.aliases:
        lines.append("also: " + ", ".join(literal(alias) for alias in page.aliases))
    lines += [f"{literal(fact.label)}: {literal(fact.value)} {marks(fact.sources)}".rstrip() for fact in page.facts]
    if page.summary:
        lines += ["", f"{literal(page.summary)} {marks(page.summary_sources)}".rstrip()]
    if page.note:
        lines.append(f"Note: {literal(page.note)}")
    for section in page.sections:
        lines += ["", section.title]
        for row in section.rows:
            when, text, detail, footnotes = row_cells(row)
            line = "  " + "  ".join(filter(None, [when, text]))
            line += f" — {detail}" if detail else ""
            lines.append(f"{line} {footnotes}".rstrip())
    if page.sources:
        lines += ["", "Sources"] + [f"  [{note.number}] {source_line(note)}" for note in page.sources]
    return "\n".join(lines)


def row_text(when: str, text: str, detail: str, footnotes: str):
    """One row as one wrapping line: a narrow terminal folds it but never drops a part."""
    from rich.text import Text

    line = Text()
    if when:
        line.append(when + "  ", style="cyan")
    line.append(text)
    if detail:
        line.append(" — " + detail, style="dim")
    if footnotes:
        line.append(" " + footnotes, style="dim")
    return line


def rich_rows(title: str, lines: list):
    """A titled block of lines, indented, each wrapping within the indent."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    table = Table.grid()
    table.add_column(overflow="fold")
    for line in lines:
        table.add_row(line)
    return Group(Text(title, style="bold"), Padding(table, (0, 0, 0, 2)))


def page_rich(page: Page):
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold", overflow="fold")
    header.add_column(overflow="fold")
    if page.aliases:
        header.add_row("Also", Text(", ".join(literal(alias) for alias in page.aliases)))
    for fact in page.facts:
        header.add_row(Text(literal(fact.label)), Text.assemble(literal(fact.value), " ",
                                                                (marks(fact.sources), "dim")))
    if page.as_of:
        header.add_row("As of", Text(page.as_of))
    parts = [header]
    if page.summary:
        parts.append(Text.assemble("\n", literal(page.summary), " ", (marks(page.summary_sources), "dim")))
    if page.note:
        parts.append(Text.assemble(("Note: ", "italic"), literal(page.note), style="dim"))
    title = Text.assemble((heading(page), "bold"), (f"  {page.kind}", "dim"))
    blocks = [Panel(Group(*parts), title=title, title_align="left")]
    for section in page.sections:
        blocks.append(rich_rows(section.title, [row_text(*row_cells(row)) for row in section.rows]))
    if page.sources:
        blocks.append(rich_rows("Sources", [Text.assemble((f"[{note.number}] ", "dim"), source_line(note))
                                            for note in page.sources]))
    return Group(*blocks)

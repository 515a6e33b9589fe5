"""Search results: rank, kind, name, date and a snippet with the matched words marked."""

from __future__ import annotations

from aiwatch.search import Hit, SearchResult
from aiwatch.views.output import literal


def marked(hit: Hit, left: str = "«", right: str = "»") -> str:
    """The snippet with each matched span between markers (plain text has no bold)."""
    text, position, parts = hit.snippet, 0, []
    for start, end in hit.highlights:
        parts += [literal(text[position:start]), left, literal(text[start:end]), right]
        position = end
    return "".join(parts) + literal(text[position:])


def _label(hit: Hit) -> str:
    date = f" ({hit.date})" if hit.date and hit.kind in ("event", "quote") else ""
    return f"{literal(hit.name)}{date}"


def _nothing(result: SearchResult) -> str:
    hint = "; did you mean " + ", ".join(f"{literal(item['name'])} ({item['kind']} {item['id']})"
                                         for item in result.suggestions) + "?" if result.suggestions else ""
    return f"no results for '{literal(result.query)}'{hint}"


def search_plain(result: SearchResult) -> str:
    if not result.hits:
        return _nothing(result)
    lines = []
    for rank, hit in enumerate(result.hits, 1):
        lines.append(f"{rank:>2}. [{hit.kind}] {_label(hit)}  id: {hit.id}")
        if hit.snippet:
            lines.append(f"    {marked(hit)}")
    lines.append(f"{len(result.hits)} of {result.total} result(s)")
    return "\n".join(lines)


def search_rich(result: SearchResult):
    from rich.table import Table
    from rich.text import Text

    if not result.hits:
        return Text(_nothing(result))
    table = Table(caption=f"{len(result.hits)} of {result.total} result(s)", show_lines=False, expand=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind", style="cyan", overflow="fold")
    table.add_column("name", style="bold", overflow="fold", ratio=1)
    table.add_column("why", overflow="fold", ratio=3)
    for rank, hit in enumerate(result.hits, 1):
        snippet = Text(literal(hit.snippet))
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        table.add_row(str(rank), hit.kind, Text(f"{_label(hit)}\n{hit.id}"), snippet)
    return table

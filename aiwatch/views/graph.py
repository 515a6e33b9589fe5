"""Renderings of `related` (a tree), `path` (hops in words) and `compare` (a side-by-side table)."""

from __future__ import annotations

from aiwatch.dates import span
from aiwatch.graph import Branch, Comparison, Hop, Paths, Related
from aiwatch.views.output import literal, marks
from aiwatch.views.page import rich_rows, source_line


def branch_line(branch: Branch) -> str:
    dates = branch.date or span(branch.since, branch.until)
    extras = ", ".join(filter(None, [branch.detail, dates]))
    return (f"{branch.label}: {literal(branch.node.name)} [{branch.node.kind}]"
            + (f" ({literal(extras)})" if extras else "") + (f" {marks(branch.sources)}" if branch.sources else ""))


def _sources_plain(notes) -> list[str]:
    return ["", "Sources"] + [f"  [{note.number}] {source_line(note)}" for note in notes] if notes else []


def related_plain(tree: Related) -> str:
    lines = [f"{literal(tree.root.name)} [{tree.root.kind}]" + (f"  as of {tree.as_of}" if tree.as_of else "")]

    def walk(branches: list[Branch], indent: int) -> None:
        for branch in branches:
            lines.append("  " * indent + branch_line(branch))
            walk(branch.children, indent + 1)

    walk(tree.branches, 1)
    if not tree.branches:
        lines.append("  no links")
    return "\n".join(lines + _sources_plain(tree.sources))


def related_rich(tree: Related):
    from rich.console import Group
    from rich.text import Text
    from rich.tree import Tree

    root = Tree(Text.assemble((literal(tree.root.name), "bold"), (f"  {tree.root.kind}", "dim")))

    def walk(node: Tree, branches: list[Branch]) -> None:
        for branch in branches:
            walk(node.add(Text(branch_line(branch))), branch.children)

    walk(root, tree.branches)
    blocks = [root]
    if tree.sources:
        blocks.append(rich_rows("Sources", [Text(f"[{note.number}] {source_line(note)}") for note in tree.sources]))
    return Group(*blocks)


def hop_text(hop: Hop) -> str:
    detail = f" ({literal(hop.detail)})" if hop.detail else ""
    arrow = f" —{hop.label}{detail}→ " if hop.forward else f" ←{hop.label}{detail}— "
    return arrow + literal(hop.end.name)


def path_line(path: list[Hop]) -> str:
    return literal(path[0].start.name) + "".join(hop_text(hop) for hop in path)


def hop_detail(hop: Hop) -> str:
    subject, target = (hop.start, hop.end) if hop.forward else (hop.end, hop.start)
    dates = hop.date or span(hop.since, hop.until)
    return (f"{literal(subject.name)} {hop.label} {literal(target.name)}"
            + (f" ({literal(hop.detail)})" if hop.detail else "") + (f", {dates}" if dates else "")
            + (f" {marks(hop.sources)}" if hop.sources else ""))


def paths_plain(found: Paths) -> str:
    if not found.paths:
        return (f"no connection between {literal(found.start.name)} and {literal(found.end.name)} "
                f"within {found.max_hops} hops (try --max-hops {found.max_hops + 1})")
    lines = []
    for number, path in enumerate(found.paths, 1):
        prefix = f"{number}. " if len(found.paths) > 1 else ""
        lines.append(prefix + path_line(path))
        lines += [f"     {hop_detail(hop)}" for hop in path]
    hops = len(found.paths[0])
    lines.append(f"{len(found.paths)} shortest path(s) of {hops} hop(s)")
    return "\n".join(lines + _sources_plain(found.sources))


def paths_rich(found: Paths):
    from rich.text import Text

    return Text(paths_plain(found))


def comparison_plain(table: Comparison) -> str:
    names = [literal(node.name) for node in table.entities]
    lines = ["\t".join(["", *names])]
    lines += ["\t".join([label, *(literal(value) for value in values)]) for label, values in table.rows]
    return "\n".join(lines)


def comparison_rich(table: Comparison):
    from rich.table import Table
    from rich.text import Text

    grid = Table(show_lines=True)
    grid.add_column("", style="bold", overflow="fold")
    for node in table.entities:
        grid.add_column(Text(literal(node.name)), overflow="fold")
    for label, values in table.rows:
        grid.add_row(label, *(Text(literal(value)) for value in values))
    return grid

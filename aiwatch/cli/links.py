"""Cross-reference commands: `related`, `path`, `compare` and `graph`."""

from typing import Annotated, Literal

import typer

from aiwatch.cli.common import (
    AsOfOption,
    DataOption,
    JsonOption,
    check_choice,
    completer,
    date_option,
    fail,
    open_knowledge_base,
    resolve_one,
)
from aiwatch.vocabulary import KIND_FOLDERS, RELATIONS

NameArgument = Annotated[str, typer.Argument(help="Id, name, alias or native name of any entity.",
                                             autocompletion=completer())]
RelOption = Annotated[list[str] | None, typer.Option(
    "--rel", metavar="TYPE", help="Only these relation types (repeatable): " + ", ".join(RELATIONS) + ".")]
KindOption = Annotated[list[str] | None, typer.Option(
    "--kind", help="Only neighbours of these kinds (repeatable): " + ", ".join(KIND_FOLDERS) + ".")]


def _selection(rel: list[str] | None, kind: list[str] | None, as_of: str | None):
    from aiwatch.graph import Selection

    for name in rel or ():
        check_choice(name, RELATIONS, "relation type")
    for name in kind or ():
        check_choice(name, KIND_FOLDERS, "kind")
    return Selection(frozenset(rel) if rel else None, frozenset(kind) if kind else None, date_option(as_of))


def related_command(
    name: NameArgument,
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="How many hops out (1 to 3).")] = 1,
    rel: RelOption = None,
    kind: KindOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """An entity's neighbours as a tree: relations both ways, shared events and cohorts, with dates and sources."""
    from aiwatch.graph import related
    from aiwatch.views.graph import related_plain, related_rich
    from aiwatch.views.output import emit

    selection = _selection(rel, kind, as_of)
    kb = open_knowledge_base(data)
    entity = resolve_one(kb, name, (), "entity")
    emit(related(kb, entity, depth, selection), as_json=json, plain=related_plain, rich=related_rich)


def path_command(
    start: NameArgument,
    end: NameArgument,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=8, help="Longest connection to look for.")] = 4,
    every: Annotated[bool, typer.Option("--all", help="Every shortest connection, not just the first.")] = False,
    rel: RelOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """How two entities are connected: the shortest chain of relations, roles, events and cohorts, in words."""
    from aiwatch.graph import shortest_paths
    from aiwatch.views.graph import paths_plain, paths_rich
    from aiwatch.views.output import emit

    selection = _selection(rel, None, as_of)
    kb = open_knowledge_base(data)
    first = resolve_one(kb, start, (), "entity")
    last = resolve_one(kb, end, (), "entity")
    if first.id == last.id:
        fail(f"'{start}' and '{end}' are the same entity", code=2)
    emit(shortest_paths(kb, first, last, max_hops, every, selection), as_json=json, plain=paths_plain,
         rich=paths_rich)


def compare_command(
    names: Annotated[list[str], typer.Argument(help="Two or more organizations, or two or more people.",
                                               autocompletion=completer("organization", "person"))],
    as_of: AsOfOption = None,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Organizations (or people) side by side: type, founding, base, leaders, backers, products, listing."""
    from aiwatch.graph import compare
    from aiwatch.views.graph import comparison_plain, comparison_rich
    from aiwatch.views.output import emit

    if len(names) < 2:
        fail("compare needs at least two names", code=2)
    moment = date_option(as_of)
    kb = open_knowledge_base(data)
    entities = [resolve_one(kb, name, ("organization", "person"), "organization or person") for name in names]
    kinds = {entity.kind for entity in entities}
    if len(kinds) > 1:
        fail("compare organizations with organizations and people with people, not both", code=2)
    emit(compare(kb, entities, moment), as_json=json, plain=comparison_plain, rich=comparison_rich)


def graph_command(
    name: Annotated[str | None, typer.Argument(help="Centre of the graph; the whole knowledge base without it.",
                                               autocompletion=completer())] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="Hops out from NAME.")] = 1,
    format: Annotated[Literal["dot", "mermaid", "json"], typer.Option(
        "--format", help="dot (Graphviz), mermaid (Markdown pages) or json (node-link).")] = "dot",
    rel: RelOption = None,
    kind: KindOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
) -> None:
    """The neighbourhood of NAME, or the whole knowledge base, as Graphviz DOT, Mermaid or node-link JSON."""
    from aiwatch.export.graphs import FORMATS
    from aiwatch.graph import subgraph

    selection = _selection(rel, kind, as_of)
    kb = open_knowledge_base(data)
    root = resolve_one(kb, name, (), "entity") if name else None
    typer.echo(FORMATS[format](subgraph(kb, root, depth, selection)))


COMMANDS = {"related": related_command, "path": path_command, "compare": compare_command,
            "graph": graph_command}

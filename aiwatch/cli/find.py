"""`search`: one query over every kind of record."""


from typing import Annotated

import typer

from aiwatch.cli.common import DataOption, JsonOption, answer, check_choice, fail
from aiwatch.vocabulary import KIND_FOLDERS


def search_command(
    words: Annotated[list[str], typer.Argument(metavar="QUERY", help='Words, "a phrase", a typo or a Chinese name; '
                                               "several words need no quotes.")],
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only this kind (repeatable): "
                                                   + ", ".join(KIND_FOLDERS) + ".")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="At most this many results.")] = 20,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Search names, aliases, summaries, tags, quotes and glosses of every kind; exit 1 if nothing matches."""
    from aiwatch.search import EmptyQuery, search
    from aiwatch.views.output import emit
    from aiwatch.views.search import search_plain, search_rich

    query = " ".join(words)
    kinds = tuple(check_choice(name, KIND_FOLDERS, "kind") for name in kind or ())
    if not query.strip():
        fail("the search query is empty", code=2)
    try:
        result = answer(data, lambda kb: search(kb, query, kinds, limit), lambda found: [hit.id for hit in found.hits])
    except EmptyQuery:
        fail(f"'{query}' has no word to search for", code=2)
    emit(result, as_json=json, plain=search_plain, rich=search_rich)
    if not result.hits:
        raise typer.Exit(1)


COMMANDS = {"search": search_command}

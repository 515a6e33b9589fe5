"""Curator commands: `new`, `stale` and `diff`."""

from typing import Annotated

import typer

from aiwatch.cli.common import DataOption, JsonOption, check_choice, data_dir, fail, open_knowledge_base
from aiwatch.vocabulary import KIND_FOLDERS


def new_command(
    kind: Annotated[str, typer.Argument(help="Kind of entity: " + ", ".join(KIND_FOLDERS) + ".")],
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="Its id: a lowercase slug, never renamed.")],
    data: DataOption = None,
) -> None:
    """Write a commented template for a new entity file; refuses an existing file or a bad id."""
    from aiwatch.curate import CurateError, create_entity

    try:
        path = create_entity(data_dir(data), kind, entity_id)
    except CurateError as error:
        fail(str(error), code=2 if error.usage else 1)
    typer.echo(f"wrote {path}; fill it in, then run `aiwatch validate`")


def stale_command(
    older_than: Annotated[str, typer.Option("--older-than", help="Age limit of `reviewed`: 90d, 6m, 1y.")] = "6m",
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind.")] = None,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Entities whose `reviewed` date is missing or older than the limit, for curators to re-check."""
    from aiwatch.curate import CurateError, parse_age, stale
    from aiwatch.views.curation import stale_plain, stale_rich
    from aiwatch.views.output import emit

    try:
        age = parse_age(older_than)
    except CurateError as error:
        fail(str(error), code=2)
    if kind:
        check_choice(kind, KIND_FOLDERS, "kind")
    emit(stale(open_knowledge_base(data), age, kind=kind), as_json=json, plain=stale_plain, rich=stale_rich)


def diff_command(
    since: Annotated[str, typer.Option("--since", help="A date (YYYY[-MM[-DD]]) or a git revision.")],
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """What changed in the knowledge base since a date or a git revision: added, removed, changed."""
    from aiwatch.history import HistoryError, diff
    from aiwatch.views.curation import diff_plain, diff_rich
    from aiwatch.views.output import emit

    try:
        found = diff(data_dir(data), since)
    except HistoryError as error:
        fail(f"diff --since {since}: {error}")
    emit(found, as_json=json, plain=diff_plain, rich=diff_rich)


COMMANDS = {"new": new_command, "stale": stale_command, "diff": diff_command}

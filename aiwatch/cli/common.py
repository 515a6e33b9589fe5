"""What every command shares: the data folder option, opening the index, resolving names, failing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from aiwatch.dates import PartialDate, parse_date

DataOption = Annotated[Path | None, typer.Option(
    "--data", envvar="AIWATCH_DATA", show_default=False, file_okay=False,
    help="Knowledge-base folder to read [default: the bundled data; env AIWATCH_DATA].")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr and a non-zero exit; never a traceback."""
    typer.echo(f"aiwatch: error: {message}", err=True)
    raise typer.Exit(code)


def data_dir(option: Path | None) -> Path:
    from aiwatch.paths import bundled_data_dir

    folder = option or bundled_data_dir()
    if not folder.is_dir():
        fail(f"data folder '{folder}' does not exist (give --data DIR or set AIWATCH_DATA)")
    return folder


def open_knowledge_base(option: Path | None):
    from aiwatch.index import DataInvalid
    from aiwatch.query import KnowledgeBase

    folder = data_dir(option)
    try:
        return KnowledgeBase.open(folder)
    except DataInvalid as invalid:
        first = invalid.problems[0]
        more = len(invalid.problems) - 1
        tail = f" (and {more} more error(s))" if more else ""
        fail(f"the data is invalid: {first}{tail}; run `aiwatch validate --data {folder}`")


def date_option(value: str | None) -> PartialDate | None:
    """Typer callback: a partial ISO date, or a usage error naming what is wrong."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None

"""What every command shares: options, opening the index, resolving names, completion, failing."""


import contextlib
from pathlib import Path
from typing import Annotated, NoReturn

import typer

DataOption = Annotated[Path | None, typer.Option(
    "--data", envvar="AIWATCH_DATA", show_default=False, file_okay=False,
    help="Knowledge-base folder to read [default: the bundled data; env AIWATCH_DATA].")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (shape: README, 'JSON output').")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="Roles, relations and events as they stood on DATE (YYYY[-MM[-DD]]).")]

# kind -> the command that shows it
COMMAND_FOR_KIND = {"organization": "company", "person": "person", "place": "hub", "product": "product",
                    "event": "event", "cohort": "cohort", "topic": "topic", "source": "source", "quote": "quote"}


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr and a non-zero exit; never a traceback. Names from the data or the command line
    in the message are shown literally: an escape code in them is not obeyed by the terminal."""
    from aiwatch.views.output import literal

    typer.echo(f"aiwatch: error: {literal(message)}", err=True)
    raise typer.Exit(code)


def check_choice(value: str, choices, what: str) -> str:
    """A value from a closed list, or a usage error naming the closest choice."""
    if value not in choices:
        from aiwatch.problems import did_you_mean

        fail(f"unknown {what} '{value}'{did_you_mean(value, choices)}", code=2)
    return value


def data_dir(option: Path | None) -> Path:
    from aiwatch.paths import bundled_data_dir

    folder = option or bundled_data_dir()
    if not folder.is_dir():
        fail(f"data folder '{folder}' does not exist (give --data DIR or set AIWATCH_DATA)")
    return folder


def open_knowledge_base(option: Path | None, whole: bool = True):
    """The knowledge base; `whole=False` for a lookup of one entity, which then calls `kb.confirm`."""
    from aiwatch.query import KnowledgeBase

    folder = data_dir(option)
    with _valid_data(folder):
        return KnowledgeBase.open(folder, whole)


@contextlib.contextmanager
def _valid_data(folder: Path):
    """Invalid data, found when the index is built or brought up to date, as one line that says what to run."""
    from aiwatch.index import DataInvalid

    try:
        yield
    except DataInvalid as invalid:
        first = invalid.problems[0]
        more = len(invalid.problems) - 1
        tail = f" (and {more} more error(s))" if more else ""
        fail(f"the data is invalid: {first}{tail}; run `aiwatch validate --data {folder}`")


def answer(data: Path | None, question, shown, neighbours: bool = False):
    """`question(kb)` answered from the index. On a base too large to check every file on every run,
    the index is opened after a check of its folders; the files of the entities `shown(answer)` names
    (and with `neighbours`, of the entities linked to them) are then checked, and the question is
    asked again of a current index if one of them changed."""
    kb = open_knowledge_base(data, whole=False)
    with _valid_data(kb.data_dir):
        result = question(kb)
        if kb.confirm(shown(result), neighbours):
            result = question(kb)
    return result


def date_option(value: str | None, option: str = "--as-of"):
    """A partial ISO date from an option, or a usage error naming what is wrong."""
    from aiwatch.dates import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        fail(f"{option}: {error}", code=2)


def resolve_one(kb, name: str, kinds: tuple[str, ...], wanted: str):
    """The one entity a typed name means; says so on stderr when it was reached through another entity.

    Fails with the candidates when the name is ambiguous, and with the closest names on a near miss.
    """
    from aiwatch.vocabulary import NAMED_KINDS

    if not name.strip():
        fail(f"the name is empty: give the {wanted}'s id, name or alias", code=2)
    resolution = kb.resolve(name, kinds)
    named = [entity for entity in resolution.matches if entity.kind in NAMED_KINDS]
    if len(resolution.matches) == 1 or len(named) == 1:  # "Sam Altman" the person, not his Wikipedia page
        return (named or resolution.matches)[0]
    if not resolution.matches and kb.make_current():  # the name may be in a file edited since the last build
        return resolve_one(kb, name, kinds, wanted)
    if resolution.matches:
        listed = ", ".join(f"{entity.name} ({entity.id})" for entity in resolution.matches)
        fail(f"'{name}' is ambiguous: {listed}; give the id")
    named = [entity for entity in resolution.elsewhere if entity.kind in NAMED_KINDS] or resolution.elsewhere
    if len(named) == 1:
        other = named[0]
        maker = other.fields.get("developer")
        if other.kind == "product" and "organization" in kinds and maker:
            from aiwatch.views.output import literal

            typer.echo(literal(f"'{name}' is the product {other.name}; showing its developer"), err=True)
            return kb.get(maker)
        fail(f"'{name}' names a {other.kind}: try `aiwatch {COMMAND_FOR_KIND[other.kind]} {other.id}`")
    suggestions = kb.suggest(name, kinds)
    if suggestions:
        fail(f"no {wanted} named '{name}'; did you mean "
             + ", ".join(f"{entity.name} ({entity.id})" for entity in suggestions) + "?")
    others = kb.suggest(name, NAMED_KINDS) if kinds else []
    hint = "; did you mean " + ", ".join(f"{entity.name} (`aiwatch {COMMAND_FOR_KIND[entity.kind]} {entity.id}`)"
                                         for entity in others) + "?" if others else ""
    fail(f"no {wanted} named '{name}'{hint}")


def completer(*kinds: str):
    """Shell completion of entity names from the cached index; it never reads YAML or builds."""
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        import sqlite3

        from aiwatch.index import open_cached
        from aiwatch.paths import bundled_data_dir
        from aiwatch.query import KnowledgeBase

        given = ctx.params.get("data")  # raw text while completing
        connection = open_cached(Path(given) if given else _env_data() or bundled_data_dir())
        if connection is None:
            return []
        try:
            return KnowledgeBase(connection).complete(incomplete, kinds)
        except sqlite3.Error:  # a stale or damaged cache: completing nothing beats failing
            return []

    return complete


def _env_data() -> Path | None:
    import os

    return Path(os.environ["AIWATCH_DATA"]) if os.environ.get("AIWATCH_DATA") else None

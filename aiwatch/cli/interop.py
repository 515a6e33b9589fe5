"""Interop commands: `export`, `brief` and `stats`."""

from pathlib import Path
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
from aiwatch.vocabulary import KIND_FOLDERS

OutOption = Annotated[Path | None, typer.Option("--out", dir_okay=False, help="Write to this file, not stdout.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")]


def _build(out: Path, build, force: bool) -> None:
    """Create `out` through `build(temporary)`, with the one-line errors every writing command gives."""
    from aiwatch.export.files import WouldClobber, build_file

    try:
        build_file(out, build, overwrite=force)
    except WouldClobber:
        fail(f"{out} exists; give --force to overwrite it")
    except OSError as error:
        fail(f"cannot write {out}: {error.strerror}")
    typer.echo(f"wrote {out}", err=True)


def _write(out: Path | None, text: str, force: bool) -> None:
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        _build(out, lambda temporary: temporary.write_text(text, encoding="utf-8"), force)


def export_command(
    format: Annotated[Literal["json", "jsonl", "csv", "sqlite", "markdown"], typer.Option(
        "--format", help="json, jsonl, csv (spreadsheet-safe), sqlite (for Datasette) or markdown.")] = "json",
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind: " + ", ".join(KIND_FOLDERS) + ".")] = None,
    out: OutOption = None,
    force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """Export the whole knowledge base, or one kind, for other tools; never overwrites without --force."""
    if kind:
        check_choice(kind, KIND_FOLDERS, "kind")
    if format == "sqlite" and out is None:
        fail("--format sqlite writes a file: give --out PATH", code=2)
    kb = open_knowledge_base(data)
    if format == "sqlite":
        from aiwatch.export.database import write_database

        _build(out, lambda temporary: write_database(kb, temporary, kind), force)
        return
    entities = kb.every(kind)
    if format == "markdown":
        from aiwatch.export.markdown import pages_markdown
        from aiwatch.pages import build_page

        text = pages_markdown([build_page(kb, entity) for entity in entities],
                              f"aiwatch knowledge base: {KIND_FOLDERS[kind] if kind else 'everything'}")
    else:
        from aiwatch.export import tables

        text = {"json": tables.to_json, "jsonl": tables.to_jsonl, "csv": tables.to_csv}[format](entities)
    _write(out, text, force)


def brief_command(
    name: Annotated[str, typer.Argument(help="Id, name, alias or native name of any entity.",
                                        autocompletion=completer())],
    as_of: AsOfOption = None,
    out: OutOption = None,
    force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """A Markdown dossier of one entity: its page as prose and tables, with numbered footnotes."""
    from aiwatch.export.markdown import page_markdown
    from aiwatch.pages import build_page

    moment = date_option(as_of)
    kb = open_knowledge_base(data)
    entity = resolve_one(kb, name, (), "entity")
    _write(out, page_markdown(build_page(kb, entity, moment)), force)


def stats_command(json: JsonOption = False, data: DataOption = None) -> None:
    """Counts per kind, the share of facts with a source, events per year, the most connected entities."""
    from aiwatch.stats import compute
    from aiwatch.views.output import emit
    from aiwatch.views.stats import stats_plain, stats_rich

    emit(compute(open_knowledge_base(data)), as_json=json, plain=stats_plain, rich=stats_rich)


COMMANDS = {"export": export_command, "brief": brief_command, "stats": stats_command}

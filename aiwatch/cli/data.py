"""Curator commands on the data itself: `validate` and `schema`."""


import json
from typing import Annotated, Literal

import typer

from aiwatch.cli.common import DataOption, data_dir


def validate(
    data: DataOption = None,
    format: Annotated[Literal["text", "json"], typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Check every entity file; list each problem as file:line:col. Exit 1 on any error."""
    from aiwatch.validate import validate as check
    from aiwatch.views.problems import problems_json, problems_text

    report = check(data_dir(data))
    render = problems_json if format == "json" else problems_text
    typer.echo(render(report.problems, report.files))
    raise typer.Exit(1 if report.errors else 0)


def schema() -> None:
    """Print the JSON Schema of entity files (committed as data/schema.json for editors)."""
    from aiwatch.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def index(data: DataOption = None) -> None:
    """Check every file and bring the index up to date, e.g. after edits in place on a large base."""
    from aiwatch.cli.common import open_knowledge_base

    entities, files = open_knowledge_base(data).size()
    typer.echo(f"index up to date: {entities} entities from {files} files")


COMMANDS = {"validate": validate, "schema": schema, "index": index}

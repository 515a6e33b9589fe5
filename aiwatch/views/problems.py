"""How `aiwatch validate` reports: one line per problem, or JSON."""

from __future__ import annotations

import json

from aiwatch.problems import ERROR, Problem
from aiwatch.views.output import literal, strict_json


def problems_text(problems: list[Problem], files: int) -> str:
    errors = sum(problem.severity == ERROR for problem in problems)
    warnings = len(problems) - errors
    # a message quotes the file's own text (a key, a value, a file name): shown, never obeyed
    lines = [literal(problem) for problem in problems]
    lines.append(f"{files} files checked: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def problems_json(problems: list[Problem], files: int) -> str:
    errors = sum(problem.severity == ERROR for problem in problems)
    return strict_json(json.dumps({"files": files, "errors": errors, "warnings": len(problems) - errors,
                                   "problems": [problem.as_dict() for problem in problems]}, ensure_ascii=False,
                                  indent=2))

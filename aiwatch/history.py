"""What changed in the knowledge base since a date or a git revision, read from git history.

Both sides are read as raw YAML values (the loader's event builder, no validation), so that a diff
still works across schema changes and on files that were invalid at the time.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from aiwatch.dates import DATE_PATTERN, parse_date
from aiwatch.loader import YamlRefused, build
from aiwatch.vocabulary import FOLDER_KINDS

DATE = re.compile(DATE_PATTERN)


class HistoryError(Exception):
    """No history to compare with; the message says why."""


@dataclass
class Change:
    id: str
    kind: str
    name: str
    fields: list[str] = field(default_factory=list)  # changed fields: `+name` added, `-name` removed, `name` edited
    date: str | None = None


@dataclass
class Diff:
    since: str
    commit: str | None
    committed: str | None
    added: list[Change]
    removed: list[Change]
    changed: list[Change]

    @property
    def events_added(self) -> list[Change]:
        return [change for change in self.added if change.kind == "event"]


def _git(repository: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repository), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise HistoryError("git is not installed; diff reads the data folder's git history") from None
    if done.returncode != 0:
        raise HistoryError(done.stderr.decode(errors="replace").strip().splitlines()[-1] if done.stderr else
                           f"git {' '.join(args)} failed")
    return done.stdout


def _commit_for(repository: Path, since: str) -> str | None:
    """The commit a DATE or REV names; for a date, the last commit before that day began (None: none)."""
    if DATE.match(since):
        day = parse_date(since).first_day.isoformat()
        found = _git(repository, "rev-list", "-1", f"--before={day}T00:00:00", "HEAD").decode().strip()
        return found or None
    try:
        return _git(repository, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}").decode().strip()
    except HistoryError:
        raise HistoryError(f"'{since}' is neither a date (YYYY[-MM[-DD]]) nor a revision of this repository") from None


def _parse(text: str, relative: str) -> dict:
    import yaml

    try:
        document = build(text, relative, FOLDER_KINDS[Path(relative).parent.name])
    except (YamlRefused, yaml.YAMLError):  # a file that does not parse counts as present, contents unknown
        return {}
    return document.data if isinstance(document.data, dict) else {}


def _old_files(repository: Path, commit: str, prefix: str) -> dict[str, dict]:
    listing = _git(repository, "ls-tree", "-r", "--name-only", commit, "--", prefix or ".").decode().splitlines()
    wanted = [path for path in listing if _is_entity_file(path[len(prefix):].lstrip("/"))]
    if not wanted:
        return {}
    batch = _git(repository, "cat-file", "--batch", stdin="".join(f"{commit}:{path}\n" for path in wanted).encode())
    files, position = {}, 0
    for path in wanted:
        header_end = batch.index(b"\n", position)
        size = int(batch[position:header_end].split()[2])
        content = batch[header_end + 1: header_end + 1 + size]
        position = header_end + 1 + size + 1
        files[path[len(prefix):].lstrip("/")] = _parse(content.decode("utf-8", errors="replace"), path)
    return files


def _is_entity_file(relative: str) -> bool:
    parts = relative.split("/")
    return len(parts) == 2 and parts[0] in FOLDER_KINDS and parts[1].endswith(".yaml")


def _current_files(data_dir: Path) -> dict[str, dict]:
    return {f"{path.parent.name}/{path.name}": _parse(path.read_text(encoding="utf-8", errors="replace"),
                                                      f"{path.parent.name}/{path.name}")
            for path in sorted(data_dir.glob("*/*.yaml")) if _is_entity_file(f"{path.parent.name}/{path.name}")}


def _change(relative: str, data: dict, fields: list[str] | None = None) -> Change:
    kind = FOLDER_KINDS[relative.split("/", maxsplit=1)[0]]
    name = data.get("name") or data.get("title") or data.get("gloss") or Path(relative).stem
    return Change(Path(relative).stem, kind, str(name), fields or [], data.get("date") or data.get("said_on"))


def diff(data_dir: Path, since: str) -> Diff:
    repository = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
    prefix = data_dir.resolve().relative_to(repository.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix
    commit = _commit_for(repository, since)
    old = _old_files(repository, commit, prefix) if commit else {}
    new = _current_files(data_dir)
    committed = _git(repository, "show", "-s", "--format=%cs", commit).decode().strip() if commit else None
    added = [_change(path, new[path]) for path in sorted(new.keys() - old.keys())]
    removed = [_change(path, old[path]) for path in sorted(old.keys() - new.keys())]
    changed = []
    for path in sorted(new.keys() & old.keys()):
        before, after = old[path], new[path]
        fields = [f"+{key}" for key in after if key not in before]
        fields += [f"-{key}" for key in before if key not in after]
        fields += [key for key in after if key in before and after[key] != before[key]]
        if fields:
            changed.append(_change(path, after, fields))
    return Diff(since, commit, committed, added, removed, changed)

"""YAML files -> validated records, with every problem placed at `file:line:col`.

The YAML is read as a stream of parser events and built into plain values here, not by PyYAML's
constructor, for four reasons: the schema and not YAML 1.1 decides types (`no`, `1:20`, `012` and
`2025-01-20` stay text); duplicate keys are caught instead of silently overwritten; anchors, tags and
deep nesting are refused before anything is built (libyaml's recursive composer can crash on deep
nesting, the event parser does not); and every key and value keeps its line and column. The events
are the same with libyaml's CSafeLoader and the pure-Python SafeLoader, so the verdicts are too.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from aiwatch.characters import SURROGATE
from aiwatch.paths import survey
from aiwatch.problems import ERROR, Problem, did_you_mean
from aiwatch.vocabulary import FOLDER_KINDS, KIND_FOLDERS

PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 256 * 1024  # the largest real entity file is a few KiB
MAX_DEPTH = 12  # the deepest real path is entity -> list -> entry -> mapping
NULLS = {"", "~", "null"}
NO_ANCHORS = "anchors and aliases are not allowed: write each value out"
BOOLEANS = {"true": True, "false": False}

Location = tuple  # a path of keys and list indexes, as pydantic reports it
# What YAML refuses to read, found before parsing so that both parsers place and word it alike
# (libyaml and PyYAML disagree on the wording, and neither gives a line and column)
NOT_YAML_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # as YAML counts lines


@dataclass
class Document:
    """One entity file: its plain values, and where each key and value stands in the text."""

    path: str
    kind: str
    stem: str
    data: Any
    values: dict[Location, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Location, tuple[int, int]] = field(default_factory=dict)
    packed_places: bytes | None = None  # values and keys as the index stores them, read when first needed

    def _unpack_places(self) -> None:
        if self.packed_places is not None:
            import marshal

            self.values, self.keys = marshal.loads(self.packed_places)
            self.packed_places = None

    def sets(self, location: Location) -> bool:
        """Whether the file writes this key (`("cite",)`), whatever its value."""
        self._unpack_places()
        return tuple(location) in self.keys

    def place(self, location: Location, *, key: bool = False) -> tuple[int, int]:
        """The line and column of a location, or of its nearest enclosing one that exists."""
        self._unpack_places()
        location = tuple(location)
        table = self.keys if key else self.values
        while location not in table and location:
            location = location[:-1]
        return table.get(location, (1, 1))

    def problem(self, location: Location, message: str, *, key: bool = False, severity: str = ERROR) -> Problem:
        line, col = self.place(location, key=key)
        return Problem(self.path, line, col, severity, message)


@dataclass
class Record:
    """A validated entity: its kind, id, fields (as JSON-ready values) and source document."""

    kind: str
    id: str
    fields: dict
    document: Document


class YamlRefused(Exception):
    def __init__(self, message: str, mark) -> None:
        super().__init__(message)
        self.line, self.col = (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _scalar(event) -> Any:
    if found := SURROGATE.search(event.value):
        # PyYAML turns "\ud800" into half a character that no file, database or terminal can take
        raise YamlRefused(f"'\\u{ord(found.group()):04x}' is half of a UTF-16 surrogate pair, not a character: "
                          "write the character itself", event.start_mark)
    if event.style:  # quoted or block scalars are always text
        return event.value
    if event.value in NULLS:
        return None
    return BOOLEANS.get(event.value, event.value)


def _attach(document: Document, stack: list[list], value: Any, mark) -> None:
    """Put a value where the parser stands: the root, the next list item, a key, or a key's value.

    Each open container on the stack is [value, location, pending key or None].
    """
    position = (mark.line + 1, mark.column + 1)
    if not stack:
        document.data = value
        document.values[()] = position
        return
    frame = stack[-1]
    container, location = frame[0], frame[1]
    if isinstance(container, list):
        document.values[location + (len(container),)] = position
        container.append(value)
    elif frame[2] is None:
        if not isinstance(value, str) or isinstance(value, bool):
            raise YamlRefused("a mapping key must be plain text", mark)
        if value in container:
            first_line = document.keys[location + (value,)][0]
            raise YamlRefused(f"duplicate key '{value}' (first at line {first_line})", mark)
        frame[2] = value
        document.keys[location + (value,)] = position
    else:
        document.values[location + (frame[2],)] = position
        container[frame[2]] = value
        frame[2] = None


def _child_location(stack: list[list]) -> Location:
    if not stack:
        return ()
    container, location, pending = stack[-1][0], stack[-1][1], stack[-1][2]
    return location + ((len(container),) if isinstance(container, list) else (pending,))


def _refuse_marks(event) -> None:
    if event.anchor:
        raise YamlRefused(NO_ANCHORS, event.start_mark)
    if event.tag:  # a tag is only set where written; the parsers disagree on `implicit` for a bare `!`
        raise YamlRefused(f"explicit tags such as '{event.tag}' are not allowed", event.start_mark)


def build(text: str, path: str, kind: str, parser=PARSER) -> Document:
    """Build one document from YAML text; raise YamlRefused or yaml.YAMLError on bad input."""
    document = Document(path=path, kind=kind, stem=Path(path).stem, data=None)
    stack: list[list] = []
    documents = 0
    loader = parser(text)
    try:  # get_event in a loop, not yaml.parse's generator: this loop is most of a cold build's time
        while True:
            event = loader.get_event()
            event_type = type(event)
            if event_type is yaml.ScalarEvent:
                _refuse_marks(event)
                _attach(document, stack, _scalar(event), event.start_mark)
            elif event_type is yaml.MappingStartEvent or event_type is yaml.SequenceStartEvent:
                _refuse_marks(event)
                if len(stack) >= MAX_DEPTH:
                    raise YamlRefused(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
                value: Any = {} if event_type is yaml.MappingStartEvent else []
                location = _child_location(stack)
                _attach(document, stack, value, event.start_mark)
                stack.append([value, location, None])
            elif event_type is yaml.MappingEndEvent or event_type is yaml.SequenceEndEvent:
                stack.pop()
            elif event_type is yaml.AliasEvent:
                raise YamlRefused(NO_ANCHORS, event.start_mark)
            elif event_type is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlRefused("one entity per file: a second YAML document starts here", event.start_mark)
            elif event_type is yaml.StreamEndEvent:
                return document
    finally:
        loader.dispose()


def _line_col(text: str, index: int) -> tuple[int, int]:
    """The line and column (from 1, in characters) of a position in the text."""
    breaks = list(LINE_BREAK.finditer(text, 0, index))
    return len(breaks) + 1, index - (breaks[-1].end() if breaks else 0) + 1


def read(path: Path, kind: str, display: str, parser=PARSER) -> tuple[Document | None, list[Problem]]:
    """Read and build one file; a file that cannot be read yields one problem and no document."""
    def refuse(message: str, line: int = 1, col: int = 1):
        return None, [Problem(display, line, col, ERROR, message)]

    # an entity file sits at <data folder>/<kind folder>/<file>; a link out of that folder would read
    # whatever the link's author chose (~/.ssh, another user's data) as if it were curated
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.parent.resolve()):
        return refuse("a symbolic link to a file outside the data folder is not read: copy the file in")
    try:
        # opened without blocking, then checked: a pipe would wait forever for a writer, /dev/zero never ends
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return refuse("not a regular file (a pipe, device or socket): entity files are plain files")
            raw = handle.read(MAX_FILE_BYTES + 1)  # the size on disk may change while it is read
    except OSError as error:
        return refuse(f"cannot read the file: {error.strerror}")
    if len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw))
        return refuse(f"file is {size} bytes, over the limit of {MAX_FILE_BYTES}: split it or trim it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8").lstrip("\ufeff")
        line, col = _line_col(before, len(before))
        return refuse(f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded", line, col)
    text = text.lstrip("\ufeff")
    if not text.strip():
        return refuse("empty file: an entity file needs at least `id:`")
    if found := NOT_YAML_TEXT.search(text):
        line, col = _line_col(text, found.start())
        return refuse(f"character U+{ord(found.group()):04X} is not allowed in YAML (a control character): "
                      "remove it", line, col)
    try:
        document = build(text, display, kind, parser)
        document.stem = path.stem  # the display path may be a placeholder, filled in later (index.py)
    except YamlRefused as refused:
        return refuse(str(refused), refused.line, refused.col)
    except yaml.MarkedYAMLError as error:
        if parser is not yaml.SafeLoader:
            # libyaml words its syntax errors differently: describe them as the pure-Python parser
            # does, so that the verdict is the same with either parser
            return read(path, kind, display, yaml.SafeLoader)
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return refuse(f"YAML syntax: {error.problem or error.context}", line, col)
    except yaml.YAMLError as error:
        return refuse(f"YAML syntax: {error}")
    if not isinstance(document.data, dict):
        return refuse("an entity file must be a mapping of fields (`id: ...`, `name: ...`)")
    return document, []


def kind_of(relative: str) -> str | None:
    """The kind of a file from its place, `organizations/x.yaml`, or None outside the kind folders."""
    parts = relative.split("/")
    return FOLDER_KINDS.get(parts[0]) if len(parts) == 2 else None


def discover(data_dir: Path) -> Iterator[tuple[Path, str | None]]:
    """Every entity file under the data folder with its kind, or None where it sits in no kind's folder."""
    for relative in sorted(survey(data_dir)[0]):
        if "/" in relative:  # files beside the kind folders (README.md, schema.json) are documentation
            yield data_dir / relative, kind_of(relative)


def display_prefix(data_dir: Path) -> str:
    """The data folder as the user would type it: relative to the working folder when inside it."""
    try:
        inside = str(data_dir.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(data_dir)
    return "" if inside == "." else inside


def load_file(data_dir: Path, relative: str, display: str, parser=PARSER) -> tuple[Record | None, list[Problem]]:
    """One file checked on its own: its record, or the problems that keep it from being one."""
    from aiwatch.schema import MODELS

    kind = kind_of(relative)
    if kind is None:
        folder = relative.split("/", maxsplit=1)[0]
        what = "a sub-folder is not read" if folder in FOLDER_KINDS else \
            f"unknown folder '{folder}'{did_you_mean(folder, KIND_FOLDERS.values())}"
        return None, [Problem(display, 1, 1, ERROR, f"{what}: entity files are data/<kind folder>/<id>.yaml")]
    suffix = os.path.splitext(relative)[1]
    if suffix != ".yaml":
        return None, [Problem(display, 1, 1, ERROR, f"entity files end in .yaml, not '{suffix}'")]
    document, problems = read(data_dir / relative, kind, display, parser)
    fields, field_problems = check_fields(document, MODELS[kind]) if document else (None, [])
    if fields is None:
        return None, problems + field_problems
    return Record(kind, fields["id"], fields, document), problems + field_problems


def load(data_dir: Path, parser=PARSER) -> tuple[list[Record], list[Problem], set[str]]:
    """Read and validate every file on its own; cross-file rules live in `validate`.

    Also returns the stems of files that failed, so that references to them are not reported again.
    """
    records: list[Record] = []
    problems: list[Problem] = []
    failed: set[str] = set()
    prefix = display_prefix(data_dir)
    for path, _kind in discover(data_dir):
        relative = path.relative_to(data_dir).as_posix()
        record, file_problems = load_file(data_dir, relative, os.path.join(prefix, relative), parser)
        problems += file_problems
        if record is None:
            failed.add(path.stem)
        else:
            records.append(record)
    return records, problems, failed


def check_fields(document: Document, model) -> tuple[dict | None, list[Problem]]:
    """Validate a document against its kind's model; every field problem becomes a Problem."""
    from pydantic import ValidationError

    try:
        entity = model.model_validate(document.data)
    except ValidationError as failure:
        return None, [_field_problem(document, model, error) for error in failure.errors()]
    return entity.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {"id": entity.id}, []


def _allowed_fields(model, location: Location) -> list[str]:
    """The field names allowed at a location, walking nested models by annotation."""
    current = model
    for step in location[:-1]:
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step)
        nested = _nested_model(info.annotation) if info else None
        if nested is None:
            return []
        current = nested
    return list(current.model_fields)


def _nested_model(annotation):
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else f"'{value}'"


def location_name(location: Location) -> str:
    """A location as the curator reads it: `relations[0].source`."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in location).lstrip(".")


def _field_problem(document: Document, model, error: dict) -> Problem:
    location = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    name = location_name(location)
    last = location[-1] if location else ""
    if kind == "extra_forbidden":
        hint = did_you_mean(str(last), _allowed_fields(model, location))
        return document.problem(location, f"unknown field '{name}'{hint}", key=True)
    if kind == "missing":
        return document.problem(location[:-1], f"missing field '{name}'")
    if kind == "literal_error":
        expected = [choice.strip("' ") for choice in error["ctx"]["expected"].replace(" or ", ", ").split(", ")]
        if value is None:
            return document.problem(location, f"{name}: no value; expected one of {', '.join(expected)}")
        hint = did_you_mean(str(value), expected)
        return document.problem(location, f"{name}: {_describe(value)} is not one of {', '.join(expected)}{hint}")
    if kind == "string_pattern_mismatch":
        what = "a date of the form YYYY, YYYY-MM or YYYY-MM-DD" if "[0-9]{4}" in error["ctx"]["pattern"] \
            else "an id: a lowercase slug of letters, digits and single hyphens"
        return document.problem(location, f"{name}: {_describe(value)} is not {what}")
    if kind == "value_error":
        return document.problem(location, f"{name}: {error['ctx']['error']}")
    if kind == "bool_type":
        return document.problem(location, f"{name}: expected true or false, got {_describe(value)}")
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping"}.get(kind, "a mapping")
        return document.problem(location, f"{name}: expected {expected}, got {_describe(value)}")
    if kind in ("too_short", "string_too_short"):
        return document.problem(location, f"{name}: must not be empty")
    return document.problem(location, f"{name}: {error['msg']}")

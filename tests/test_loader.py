import re

import pytest
import yaml

from aiwatch.loader import MAX_FILE_BYTES, build, load, read
from tests.conftest import BROKEN, DATA, KB


def built(text):
    return build(text, "x.yaml", "organization").data


def test_yaml_1_1_scalars_stay_text_and_only_true_false_are_booleans():
    data = built("a: no\nb: 1:20\nc: 012\nd: 2025-01-20\ne: 2025\nf: true\ng: 'true'\nh:\ni: ~\nj: yes\n")
    assert data == {"a": "no", "b": "1:20", "c": "012", "d": "2025-01-20", "e": "2025", "f": True,
                    "g": "true", "h": None, "i": None, "j": "yes"}


def test_every_key_and_value_keeps_its_line_and_column():
    document = build("id: x\nroles:\n  - {organization: a, title: CEO}\n", "x.yaml", "person")
    assert document.place(("roles", 0, "title")) == (3, 30)
    assert document.place(("roles", 0, "title"), key=True) == (3, 23)
    assert document.place(("roles", 5, "nothing")) == (3, 3)  # falls back to the nearest known place


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)"),
    ("a: &x 1\nb: *x\n", "anchors and aliases are not allowed"),
    ("a: !!int 1\n", "explicit tags"),
    ("a: " + "[" * 40 + "]" * 40 + "\n", "nesting deeper than"),
    ("? [a]\n: 1\n", "a mapping key must be plain text"),
])
def test_dangerous_or_ambiguous_yaml_is_refused(text, message):
    from aiwatch.loader import YamlRefused

    with pytest.raises(YamlRefused, match=re.escape(message)):
        built(text)


def test_very_deep_nesting_is_refused_without_crashing_the_parser():
    from aiwatch.loader import YamlRefused

    with pytest.raises(YamlRefused):
        built("a: " + "[" * 100_000 + "]" * 100_000 + "\n")


def test_huge_files_are_refused_before_parsing(tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_text("id: huge\nsummary: " + "x" * (MAX_FILE_BYTES + 1) + "\n")
    document, problems = read(huge, "organization", "huge.yaml")
    assert document is None
    assert "over the limit" in problems[0].message


@pytest.mark.parametrize("folder", [BROKEN, KB, DATA], ids=["broken", "kb", "data"])
def test_libyaml_and_pure_python_parsers_give_identical_verdicts(folder):
    from aiwatch.validate import validate

    fast = validate(folder, parser=yaml.CSafeLoader)
    slow = validate(folder, parser=yaml.SafeLoader)
    assert [str(problem) for problem in fast.problems] == [str(problem) for problem in slow.problems]
    assert [record.fields for record in fast.records] == [record.fields for record in slow.records]


def test_records_carry_only_the_fields_set_in_the_file():
    records, problems, failed = load(KB)
    assert problems == [] and failed == set()
    alpha = next(record for record in records if record.id == "alpha-one")
    assert alpha.fields == {"id": "alpha-one", "name": "Alpha-1", "aliases": ["AlphaChat"], "type": "model",
                            "developer": "alpha-lab", "released": "2025-01-20", "open_weights": True,
                            "licence": "MIT", "summary": "The first test model.", "sources": ["test-article"]}

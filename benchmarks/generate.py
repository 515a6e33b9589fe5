"""Write a synthetic knowledge base of N organizations (with a person, a product and an event each) for
scale benchmarks: does a warm lookup stay flat as the data grows?

    python benchmarks/generate.py OUT_DIR --orgs 5000

The bundled data is copied in first, so that `aiwatch company deepseek` answers on the big set too.
Synthetic entities are obviously fake (ids `synthetic-org-123`) and never go into data/.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "data"

ORG = """id: synthetic-org-{n}
name: Synthetic Org {n}
type: company
founded: {year}
headquarters: hangzhou
summary: Synthetic organization number {n}, made for scale benchmarks.
tags: [synthetic]
topics: [open-source]
relations:
  - {{type: invests_in, target: synthetic-org-{previous}, since: {year}, source: synthetic-source}}
sources: [synthetic-source]
"""
PERSON = """id: synthetic-person-{n}
name: Synthetic Person {n}
summary: Founder of Synthetic Org {n}.
roles:
  - {{organization: synthetic-org-{n}, title: CEO, since: {year}, source: synthetic-source}}
relations:
  - {{type: founded, target: synthetic-org-{n}, since: {year}, source: synthetic-source}}
sources: [synthetic-source]
"""
PRODUCT = """id: synthetic-model-{n}
name: Synthetic Model {n}
type: model
developer: synthetic-org-{n}
released: {year}-0{month}
summary: The model of Synthetic Org {n}.
sources: [synthetic-source]
"""
EVENT = """id: synthetic-release-{n}
title: Synthetic Org {n} releases its model
date: {year}-0{month}-1{day}
type: release
summary: A synthetic release event.
participants:
  - {{entity: synthetic-org-{n}, role: subject}}
  - {{entity: synthetic-model-{n}, role: subject}}
topics: [open-source]
sources: [synthetic-source]
"""
SOURCE = """id: synthetic-source
title: Synthetic source for scale benchmarks
type: article
language: en
"""


def generate(out: Path, orgs: int) -> None:
    shutil.copytree(BUNDLED, out)
    (out / "sources" / "synthetic-source.yaml").write_text(SOURCE, encoding="utf-8")
    for n in range(orgs):
        values = {"n": n, "previous": (n - 1) % orgs, "year": 2000 + n % 25, "month": 1 + n % 9, "day": n % 9}
        for folder, template, prefix in (("organizations", ORG, "synthetic-org"),
                                         ("people", PERSON, "synthetic-person"),
                                         ("products", PRODUCT, "synthetic-model"),
                                         ("events", EVENT, "synthetic-release")):
            (out / folder / f"{prefix}-{n}.yaml").write_text(template.format(**values), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--orgs", type=int, default=5000)
    options = parser.parse_args()
    if options.out.exists():
        raise SystemExit(f"{options.out} exists; give a new folder")
    generate(options.out, options.orgs)
    print(f"wrote {options.orgs * 4 + 1} synthetic files beside the bundled data in {options.out}")


if __name__ == "__main__":
    main()

"""Write a synthetic knowledge base of N entities of every kind, for benchmarks at scale.

    python benchmarks/generate.py OUT_DIR --entities 10000 [--seed 1]

The bundled data is copied in first, so that `aiwatch company deepseek` answers on the big set too,
and N synthetic entities are added beside it: organizations with Chinese names and aliases, people
with roles and relations, places, products, dated events with participants, quotes, cohorts, topics
and the sources they all cite. Text is made of the phrases the real data uses ("export controls",
"open-weight models", "Hangzhou"), so that searches hit a realistic share of records. The same seed
and N always write the same files; `aiwatch validate --data OUT_DIR` passes with no problem.

Synthetic entities carry `synthetic` in their tags and are never copied into data/.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

BUNDLED = Path(__file__).resolve().parent.parent / "data"
REAL_TOPICS = ["open-source", "export-controls", "chips", "capital", "talent", "hong-kong-ipos"]
REAL_PLACES = ["hangzhou", "beijing", "shanghai", "shenzhen"]
# share of the N synthetic entities per kind; the rest are organizations
SHARES = {"source": 0.10, "place": 0.02, "topic": 0.005, "person": 0.25, "product": 0.18, "event": 0.18,
          "quote": 0.05, "cohort": 0.005}
FOLDERS = {"organization": "organizations", "person": "people", "place": "places", "product": "products",
           "event": "events", "cohort": "cohorts", "topic": "topics", "quote": "quotes", "source": "sources"}

# pinyin syllable -> a character it may stand for, to make names with a native form
PINYIN = ["zhi", "hui", "yun", "xin", "tian", "hai", "guang", "yuan", "shu", "neng", "xing", "hua", "teng", "da",
          "ming", "chen", "feng", "lan", "qing", "long", "jin", "an", "bo", "rui", "kai", "heng", "tong", "lian",
          "ke", "chuang", "wei", "xiang", "yu", "jing", "chang", "mei", "ling", "shan", "he", "ping", "sheng", "tai",
          "wen", "xue", "yi", "zhong", "bai", "hong", "mo", "ze", "ran", "shen", "du", "qiu", "suo", "ji", "qi"]
SYLLABLES = dict(zip(PINYIN, "智慧云芯天海光元数能星华腾达明辰峰岚清龙金安博睿凯恒通联科创维翔宇晶昌美灵山禾平"
                             "盛泰文学意中百鸿墨泽然深度求索极启", strict=True))
ORG_SUFFIXES = [("Technology", "科技"), ("Intelligence", "智能"), ("Robotics", "机器人"), ("AI", "人工智能"),
                ("Semiconductor", "半导体"), ("Capital", "资本"), ("Cloud", "云计算"), ("Labs", "实验室")]
SURNAMES = dict(zip(["wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "ma",
                     "zhu", "hu", "guo", "lin", "he", "gao", "luo"],
                    "王李张刘陈杨赵黄周吴徐孙马朱胡郭林何高罗", strict=True))
WORK = ["open-weight language models", "reasoning models", "AI chips for data centres", "humanoid robots",
        "computer vision for cities", "AI video generation", "coding assistants", "speech recognition",
        "autonomous driving software", "recommendation engines", "cloud computing for model training"]
CONTEXT = ["under US export controls on advanced chips", "after the DeepSeek moment of January 2025",
           "with funding from state guidance funds", "ahead of a Hong Kong listing",
           "as Nvidia's H20 sales to China stalled", "in a price war among Chinese model makers",
           "with talent trained at Alibaba and Zhejiang University"]
EVENT_KINDS = [("release", "releases"), ("funding", "raises a funding round for"), ("launch", "launches"),
               ("listing", "files to list"), ("adoption", "adopts")]
TITLES = ["CEO", "Founder and CEO", "Chief scientist", "CTO", "Head of research", "Partner"]
PRODUCT_TYPES = ["model", "model", "model", "app", "chip", "platform", "model-family"]
WORDS = ["frontier", "open", "reasoning", "efficient", "sovereign", "compute", "scaling", "agentic"]


def slug(text: str, number: int) -> str:
    return "-".join(text.lower().replace(".", "").split()) + f"-{number}"


def pick(rng: random.Random, items: list, count: int) -> list:
    return rng.sample(items, min(count, len(items)))


def date(rng: random.Random, first: int = 2015, last: int = 2025, precision: int = 3) -> str:
    year, month, day = rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28)
    return [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"][rng.randint(0, precision - 1)]


def plan(total: int) -> dict[str, int]:
    counts = {kind: max(1, int(total * share)) for kind, share in SHARES.items()}
    counts["organization"] = max(1, total - sum(counts.values()))
    return counts


class World:
    """The synthetic entities made so far, and the names they claim (unique across the whole base)."""

    def __init__(self, seed: int, bundled_names: list[str]) -> None:
        self.rng = random.Random(seed)
        self.taken: set[str] = set()
        self.claim(*bundled_names)
        self.ids: dict[str, list[str]] = {kind: [] for kind in FOLDERS}
        self.files: dict[str, dict] = {}
        self.titles: dict[str, str] = {}  # organization id -> name, for event titles
        self.cited: list[str] = []  # sources not cited yet: each is, once, before any is cited at random

    def claim(self, *names: str) -> bool:
        keys = [" ".join(name.casefold().split()) for name in names]
        if any(key in self.taken for key in keys) or len(set(keys)) < len(keys):
            return False
        self.taken.update(keys)
        return True

    def syllables(self, count: int) -> tuple[str, str]:
        picked = self.rng.sample(list(SYLLABLES), count)
        return "".join(picked).capitalize(), "".join(SYLLABLES[syllable] for syllable in picked)

    def add(self, kind: str, fields: dict) -> None:
        self.ids[kind].append(fields["id"])
        self.files[f"{FOLDERS[kind]}/{fields['id']}.yaml"] = fields

    def sources(self) -> list[str]:
        first = self.cited.pop() if self.cited else self.rng.choice(self.ids["source"])
        return [first] + [other for other in pick(self.rng, self.ids["source"], self.rng.randint(0, 1))
                          if other != first]

    def add_sources(self, count: int) -> None:
        for n in range(count):
            self.add("source", {"id": f"synthetic-report-{n}", "title": f"Synthetic report {n} on China's AI industry",
                                "type": self.rng.choice(["article", "official", "paper", "post"]),
                                "publisher": self.rng.choice(["Synthetic Daily", "Synthetic Review", "Synthetic Wire"]),
                                "published": date(self.rng, 2020), "language": "en"})
        self.cited = list(reversed(self.ids["source"]))

    def add_topics(self, count: int) -> None:
        for n in range(count):
            word = WORDS[n % len(WORDS)]
            name = f"{word.capitalize()} AI {n}"
            self.claim(name)
            self.add("topic", {"id": slug(f"{word} AI", n), "name": name,
                               "summary": f"Synthetic theme: {word} AI {CONTEXT[n % len(CONTEXT)]}.",
                               "related": pick(self.rng, REAL_TOPICS, 2), "sources": self.sources()})

    def add_places(self, count: int) -> None:
        for n in range(count):
            while not self.claim(name := self.syllables(2)[0] + " City", native := self.syllables(2)[1] + "市"):
                pass
            self.add("place", {"id": slug(name, n), "name": name, "native_name": native, "type": "city",
                               "parent": "zhejiang" if n % 2 else "guangdong",
                               "summary": f"Synthetic city with a cluster of firms building {self.rng.choice(WORK)}.",
                               "sources": self.sources()})

    def add_organizations(self, count: int) -> None:
        rng, places = self.rng, REAL_PLACES + self.ids["place"]
        for n in range(count):
            english, chinese = rng.choice(ORG_SUFFIXES)
            while True:
                stem, native_stem = self.syllables(rng.choice([2, 2, 3]))
                name, native, alias = f"{stem} {english}", f"{native_stem}{chinese}", f"{stem} {english} Co."
                if self.claim(name, native, alias):
                    break
            base = rng.choice(places)
            fields = {"id": slug(name, n), "name": name, "native_name": native, "aliases": [alias],
                      "type": rng.choice(["company"] * 6 + ["research-lab", "investment-firm"]),
                      "founded": date(rng, 1998, 2024, 2), "headquarters": base,
                      "summary": f"{rng.choice(['Start-up', 'Company', 'Lab'])} based in "
                                 f"{base.split('-')[0].title()} building {rng.choice(WORK)} {rng.choice(CONTEXT)}.",
                      "tags": ["synthetic", rng.choice(["llm", "chips", "robotics", "start-up"])],
                      "topics": pick(rng, self.topics, rng.randint(1, 3)), "sources": self.sources()}
            if self.ids["organization"] and rng.random() < 0.4:
                fields["relations"] = [{"type": rng.choice(["invests_in", "partners_with", "competes_with"]),
                                        "target": rng.choice(self.ids["organization"]), "since": date(rng, 2018),
                                        "source": fields["sources"][0]}]
            self.add("organization", fields)
            self.titles[fields["id"]] = name

    @property
    def topics(self) -> list[str]:
        return REAL_TOPICS + self.ids["topic"]

    def add_people(self, count: int) -> None:
        rng = self.rng
        for n in range(count):
            while True:
                surname = rng.choice(list(SURNAMES))
                given, native_given = self.syllables(2)
                name, native = f"{surname.capitalize()} {given}", SURNAMES[surname] + native_given
                if self.claim(name, native):
                    break
            employer, sources, since = rng.choice(self.ids["organization"]), self.sources(), date(rng, 2010, 2025, 2)
            self.add("person", {
                "id": slug(name, n), "name": name, "native_name": native,
                "summary": f"{rng.choice(TITLES)} at a firm building {rng.choice(WORK)}; "
                           f"spoke on {rng.choice(['export controls', 'open source', 'chips', 'talent'])}.",
                "roles": [{"organization": employer, "title": rng.choice(TITLES), "since": since,
                           "source": sources[0]}],
                "relations": [{"type": "founded", "target": employer, "since": since, "source": sources[0]},
                              {"type": "studied_at", "target": "zhejiang-university", "source": sources[0]}],
                "topics": pick(rng, self.topics, 1), "sources": sources})

    def add_products(self, count: int) -> None:
        rng = self.rng
        for n in range(count):
            while not self.claim(name := f"{self.syllables(2)[0]}-{rng.randint(1, 9)}{rng.choice(['', 'X', 'Pro'])}"):
                pass
            kind = rng.choice(PRODUCT_TYPES)
            fields = {"id": slug(name, n), "name": name, "type": kind,
                      "developer": rng.choice(self.ids["organization"]), "released": date(rng, 2019),
                      "summary": f"Synthetic {kind} for {rng.choice(WORK)}, released {rng.choice(CONTEXT)}.",
                      "topics": pick(rng, self.topics, 1), "sources": self.sources()}
            if kind == "model":
                fields["open_weights"] = rng.random() < 0.6
            self.add("product", fields)

    def add_events(self, count: int) -> None:
        rng, places = self.rng, REAL_PLACES + self.ids["place"]
        for n in range(count):
            event_type, verb = rng.choice(EVENT_KINDS)
            subject = rng.choice(self.ids["organization"])
            participants = [{"entity": subject, "role": "subject"}]
            if self.ids["product"] and event_type in ("release", "launch"):
                participants.append({"entity": rng.choice(self.ids["product"]), "role": "subject"})
            self.add("event", {"id": f"synthetic-{event_type}-{n}", "title": f"{self.titles[subject]} {verb} "
                                                                             f"{rng.choice(WORK)}",
                               "date": date(rng, 2016, 2025), "type": event_type, "place": rng.choice(places),
                               "summary": f"A synthetic {event_type} {rng.choice(CONTEXT)}.",
                               "participants": participants, "topics": pick(rng, self.topics, rng.randint(1, 2)),
                               "sources": self.sources()})

    def add_quotes(self, count: int) -> None:
        for n in range(count):
            said = self.rng.choice(["Chips are the bottleneck, not talent", "Open weights win developers",
                                    "We must build our own compute", "Copying is the first step to leading"])
            self.add("quote", {"id": f"synthetic-quote-{n}", "speaker": self.rng.choice(self.ids["person"]),
                               "said_on": date(self.rng, 2020), "text": f"{said} ({n})", "language": "en",
                               "translated": False, "context": f"Said in an interview {self.rng.choice(CONTEXT)}.",
                               "topics": pick(self.rng, self.topics, 1), "sources": self.sources()})

    def add_cohorts(self, count: int) -> None:
        for n in range(count):
            group = f"Synthetic {self.rng.choice(['Dragons', 'Tigers', 'Stars'])}"
            self.claim(name := f"{group} {n}")
            sources = self.sources()
            members = [{"entity": member, "source": sources[0]}
                       for member in pick(self.rng, self.ids["organization"], 5)]
            self.add("cohort", {"id": slug(group, n), "name": name, "summary": "A synthetic group of start-ups.",
                                "members": members, "sources": sources})


def generate(out: Path, total: int, seed: int) -> dict[str, int]:
    """Copy the bundled data to OUT and add TOTAL synthetic entities; returns the count per kind."""
    counts = plan(total)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    bundled = []
    for path in BUNDLED.glob("*/*.yaml"):  # the bundled names stay unique too
        fields = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        bundled += [str(name) for name in [fields.get("name"), fields.get("native_name"), *fields.get("aliases", [])]
                    if name]
    world = World(seed, bundled)
    world.add_sources(counts["source"])
    world.add_topics(counts["topic"])
    world.add_places(counts["place"])
    world.add_organizations(counts["organization"])
    world.add_people(counts["person"])
    world.add_products(counts["product"])
    world.add_events(counts["event"])
    world.add_quotes(counts["quote"])
    world.add_cohorts(counts["cohort"])
    shutil.copytree(BUNDLED, out)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for relative, fields in world.files.items():
        text = yaml.dump(fields, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        (out / relative).write_text(text, encoding="utf-8")
    return {kind: len(found) for kind, found in world.ids.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--entities", type=int, default=10_000, help="synthetic entities to add (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    if options.out.exists():
        raise SystemExit(f"{options.out} exists; give a new folder")
    counts = generate(options.out, options.entities, options.seed)
    print(f"wrote {sum(counts.values())} synthetic entities beside the bundled data in {options.out}: "
          + ", ".join(f"{count} {kind}" for kind, count in counts.items()))


if __name__ == "__main__":
    main()

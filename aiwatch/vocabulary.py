"""The closed vocabularies of the knowledge base: kinds, types and relations, one comment per value.

Plain data with no heavy imports, so that the warm path (index reads, pages) can label relations
without loading the schema library. `data/README.md` documents the same lists for curators, and a
test keeps the two in step.
"""

from __future__ import annotations

from typing import NamedTuple

# kind -> folder under data/
KIND_FOLDERS: dict[str, str] = {
    "organization": "organizations",
    "person": "people",
    "place": "places",
    "product": "products",
    "event": "events",
    "cohort": "cohorts",
    "topic": "topics",
    "quote": "quotes",
    "source": "sources",
}
FOLDER_KINDS = {folder: kind for kind, folder in KIND_FOLDERS.items()}

# Kinds whose names and aliases must be unique: a user looks them up by name.
NAMED_KINDS = ("organization", "person", "place", "product", "cohort", "topic")

ORGANIZATION_TYPES = {
    "company": "a business, listed or private, from start-up to conglomerate",
    "research-lab": "a lab or institute whose main output is research",
    "investment-firm": "a hedge fund, venture firm or state guidance fund",
    "university": "a university or college",
    "government-body": "a ministry, agency, regulator or council of a state",
    "advisory-firm": "a consultancy, think tank or advisory firm",
    "exchange": "a stock exchange",
    "nonprofit": "a foundation or non-profit community body",
}

PLACE_TYPES = {
    "city": "a city or metropolitan area",
    "province": "a province, state or other first-level division",
    "country": "a sovereign state or a territory with its own economy (Hong Kong)",
    "region": "an area that spans borders or has no legal shape (Silicon Valley, the Global South)",
}

PRODUCT_TYPES = {
    "model": "one AI model release (DeepSeek-R1)",
    "model-family": "a line of models under one brand (Qwen, GLM, Llama)",
    "chip": "a chip or a chip family (Ascend, H20)",
    "app": "a consumer or business application (Kimi, Doubao, WeChat)",
    "game": "a video game",
    "platform": "a developer or hosting platform",
}

EVENT_TYPES = {
    "release": "a model, chip or product is released",
    "launch": "an app, service or programme goes live",
    "regulation": "a rule is issued, changed or rescinded (export controls, AI rules)",
    "sanction": "an entity is listed or delisted by a government (Entity List)",
    "enforcement": "a regulator acts against a firm (a fine, a halted IPO)",
    "listing": "a company lists its shares",
    "funding": "a funding round, investment or state fund",
    "meeting": "a political or industry meeting",
    "speech": "a speech or public statement",
    "market": "a market move (a sell-off, a rally)",
    "adoption": "a firm adopts or integrates another's technology",
    "appointment": "a person takes or leaves a post",
    "culture": "a broadcast, game or public moment",
}

PARTICIPANT_ROLES = {
    "subject": "what the event is about: the releaser, the listed firm, the product",
    "organizer": "who held or issued it: the host, the regulator issuing a rule",
    "attendee": "present at a meeting",
    "speaker": "spoke or made the remark",
    "affected": "targeted or hit by it: a listed firm, a sold-off stock",
    "partner": "the other side of a deal or adoption",
}

QUOTE_LANGUAGES = {"id": "Indonesian", "en": "English", "zh": "Chinese"}

SOURCE_TYPES = {
    "article": "a news or magazine article",
    "reference": "an encyclopedia or reference page",
    "official": "a page or filing of the entity itself or a government",
    "paper": "a research paper or technical report",
    "repository": "a model or code repository page (Hugging Face, GitHub)",
    "post": "a blog or social media post",
    "book": "a book",
}


class Relation(NamedTuple):
    label: str  # read from the subject: "DeepSeek develops DeepSeek-R1"
    reverse: str  # read from the object: "DeepSeek-R1 developed by DeepSeek"
    subjects: tuple[str, ...]  # kinds allowed on the written side
    objects: tuple[str, ...]  # kinds allowed as target
    comment: str
    written: bool = True  # False: only derived from another field, never written in `relations`


ORG, PERSON, PLACE, PRODUCT = "organization", "person", "place", "product"

RELATIONS: dict[str, Relation] = {
    "founded": Relation("founded", "founded by", (PERSON, ORG), (ORG,),
                        "the subject founded or co-founded the target"),
    "backs": Relation("backs", "backed by", (ORG, PERSON), (ORG,),
                      "sole or main funder or sponsor (High-Flyer backs DeepSeek)"),
    "invests_in": Relation("invests in", "investors", (ORG, PERSON), (ORG,),
                           "holds an equity stake, one investor among several"),
    "develops": Relation("develops", "developed by", (ORG,), (PRODUCT,),
                         "makes the product; written as a product's `developer`, or here for a co-developer"),
    "parent_of": Relation("parent of", "subsidiary of", (ORG,), (ORG,),
                          "owns and controls the target"),
    "spun_off_from": Relation("spun off from", "spin-offs", (ORG,), (ORG,),
                              "started inside the target (a university lab, a parent company)"),
    "partners_with": Relation("partners with", "partners with", (ORG,), (ORG,),
                              "a declared partnership or strategic cooperation; symmetric"),
    "integrates": Relation("integrates", "integrated by", (ORG, PRODUCT), (PRODUCT,),
                           "builds the target product into its own products"),
    "supplies": Relation("supplies", "supplied by", (ORG,), (ORG,),
                         "sells chips, cloud or parts to the target"),
    "competes_with": Relation("competes with", "competes with", (ORG, PRODUCT), (ORG, PRODUCT),
                              "a direct rival named as such by a source; symmetric"),
    "restricts": Relation("restricts", "restricted by", (ORG,), (ORG, PRODUCT),
                          "a government body lists, bans or limits the target (Entity List)"),
    "studied_at": Relation("studied at", "alumni", (PERSON,), (ORG,),
                           "the person studied at the university"),
    "based_on": Relation("based on", "basis for", (PRODUCT,), (PRODUCT,),
                         "the model is built or fine-tuned from the target"),
    "succeeds": Relation("succeeds", "succeeded by", (PRODUCT,), (PRODUCT,),
                         "the next version after the target"),
    "based_in": Relation("based in", "home of", (ORG, PERSON), (PLACE,),
                         "headquarters or home; written as an organization's `headquarters`", written=False),
    "part_of": Relation("part of", "includes", (PLACE, PRODUCT), (PLACE, PRODUCT),
                        "written as a place's `parent` or a product's `family`", written=False),
    "member_of": Relation("member of", "members", (ORG, PERSON), ("cohort",),
                          "written as a cohort's `members`", written=False),
    "listed_on": Relation("listed on", "lists", (ORG,), (ORG,),
                          "written as an organization's `listings`", written=False),
    "works_at": Relation("works at", "people", (PERSON,), (ORG,),
                         "written as a person's `roles`, with a title", written=False),
    "took_part_in": Relation("took part in", "participants", (ORG, PERSON, PLACE, PRODUCT), ("event",),
                             "written as an event's `participants`, with a role", written=False),
    "held_in": Relation("held in", "venue of", ("event",), (PLACE,),
                        "written as an event's `place`", written=False),
    "said": Relation("said", "said by", (PERSON, ORG), ("quote",),
                     "written as a quote's `speaker`", written=False),
    "said_at": Relation("said at", "remarks", ("quote",), ("event",),
                        "written as a quote's `event`", written=False),
    "about": Relation("about", "covered by", ("event", "quote", ORG, PERSON, PRODUCT, "cohort"),
                      ("topic",), "written as `topics`", written=False),
    "related_topic": Relation("related to", "related to", ("topic",), ("topic",),
                              "written as a topic's `related`; symmetric", written=False),
    "nationality": Relation("national of", "nationals", (PERSON,), (PLACE,),
                            "written as a person's `nationality`", written=False),
}

WRITTEN_RELATIONS = {name: rel for name, rel in RELATIONS.items() if rel.written}

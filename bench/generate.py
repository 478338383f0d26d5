"""Generate a synthetic governance repository for benchmarks.

    python bench/generate.py OUT_DIR --contracts 1000 --metrics 200 --pipelines 50 \
        --teams 12 --bad-share 0.05 --seed 1 [--git-history 2000 --notices 20]

The repository follows PRODUCT.md section 1: native contracts under
``contracts/<domain>/``, one metric a file under ``metrics/``, and
``ownership/{teams,pipelines,raci}.yaml``. Every file of a "good" document loads
without problems and every reference resolves; a ``--bad-share`` of contracts
and metrics carries one realistic defect each so that ``govern lint`` has
findings to report (``--manifest`` lists them).

``--git-history N`` makes OUT_DIR a git repository whose ``main`` has N dated
commits (built with ``git fast-import``: thousands of commits take seconds).
``--notices K`` deprecates K fields on ``main`` at various ages and checks out a
branch ``feature`` that removes them: the input of the ``govern breaking``
benchmark.

Only the standard library is used, and YAML is written by hand: generating a
10,000-contract repository must not dominate a benchmark run. Output is
deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# --- vocabulary -----------------------------------------------------------------------------
# fmt: off

DOMAINS: dict[str, list[str]] = {
    "orders": ["order", "order_line", "cart", "checkout", "return", "shipment"],
    "billing": ["invoice", "subscription", "payment", "refund", "credit_note", "charge"],
    "payroll": ["payroll_run", "payslip", "timesheet", "deduction", "bonus", "tax_filing"],
    "customers": ["customer", "account", "household", "consent", "profile", "segment"],
    "inventory": ["stock_level", "sku", "warehouse_move", "purchase_order", "supplier", "count"],
    "marketing": ["campaign", "ad_click", "newsletter", "promotion", "coupon", "attribution"],
    "support": ["ticket", "chat", "csat_survey", "escalation", "sla_breach", "call"],
    "logistics": ["delivery", "route", "carrier_scan", "pickup", "parcel", "driver_shift"],
    "finance": ["journal_entry", "cost_allocation", "budget", "fx_rate", "ledger", "expense"],
    "product": ["page_view", "session", "feature_flag", "exposure", "signup", "search"],
    "risk": ["fraud_check", "chargeback", "kyc_check", "risk_score", "dispute", "block"],
    "hr": ["employee", "leave_request", "review", "hire", "termination", "training"],
}
EVENTS = ["created", "updated", "completed", "cancelled", "recorded", "changed"]
GRAINS = ["daily", "hourly", "snapshot"]
REGIONS = ["", "eu", "us", "apac", "latam", "uk", "de", "fr", "br", "jp", "in", "au", "ca", "mx"]
# The teams of the seeds first, then made-up ones.
SEED_TEAMS = ["data-engineering", "data-science", "analytics", "finance", "payroll-engine",
              "platform", "accounts", "product-analytics", "operations", "mlops", "growth",
              "business-analytics", "risk", "support-ops"]
TEAM_AREAS = ["data", "payroll", "billing", "growth", "finance", "ops", "risk", "product",
              "platform", "support"]
TEAM_FUNCTIONS = ["engineering", "analytics", "science", "platform", "ops", "insights"]
PEOPLE = ["ana", "bo", "chen", "dana", "eli", "fatima", "gus", "hana", "ivan", "jo", "kofi",
          "lea", "mia", "nils", "omar", "pia", "quinn", "rosa", "sam", "tara", "uma", "vik",
          "wei", "xena", "yara", "zoe", "arjun", "bea", "carl", "dina", "emil", "fern"]
USES = ["Revenue dashboards", "Weekly business review", "Forecasting models",
        "Experiment readouts", "Investor reporting", "Fraud models", "Operational alerts",
        "Cost allocation", "Customer health scores", "Capacity planning"]
DESCRIPTION_NOTES = [
    "Late-arriving records are upserted by primary key.",
    "Amounts are in the transaction currency unless stated otherwise.",
    "Backfilled from 2024-01-01 after the platform migration.",
    "Test traffic is flagged and kept; filter it in consumers.",
    "One record per source change; replays are deduplicated upstream.",
    "Times are UTC and taken from the producing service clock.",
]
# Freshness each layer promises (seed 002): a dataset named
# {layer}_{entity}_{granularity} must not promise less.
LAYER_FRESHNESS = {"raw": ["5m", "15m"], "staging": ["30m", "1h"],
                   "curated": ["1h", "2h", "4h"], "marts": ["4h", "6h"]}
# fmt: on
YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


# --- documents --------------------------------------------------------------------------------


@dataclass
class FieldSpec:
    name: str
    type: str
    description: str | None
    role: str = "other"  # id | measure | count | flag | category | time | pii | nested
    required: bool = False
    unique: bool = False
    enum: list[str] | None = None
    pattern: str | None = None
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    pii: bool = False
    classification: str | None = None
    masking: str | None = None
    deprecated: tuple[str, str] | None = None  # (reason, removal date)
    fields: list[FieldSpec] | None = None
    items: FieldSpec | None = None
    extra: list[str] = field(default_factory=list)  # raw "key: value" lines (defects)


@dataclass
class ContractSpec:
    id: str
    domain: str
    entity: str
    path: str
    version: list[int]
    status: str
    kind: str
    description: str | None
    owner: str
    producer: str
    dataset: str | None
    consumers: list[tuple[str, str]]
    fields: list[FieldSpec]
    freshness: str
    delivery: str | None  # events and streams have no schedule
    notice_days: int
    retention: str
    tags: list[str]
    defect: str | None = None
    extra_top: list[str] = field(default_factory=list)  # raw top-level lines (defects)
    duplicate: str | None = None  # "field" or "version": render a key twice (defect)
    notes: int = 0  # description revisions made by the history


@dataclass
class MetricSpec:
    id: str
    path: str
    text: str
    defect: str | None


@dataclass
class Repo:
    teams: list[str]
    people: dict[str, list[str]]  # team -> members
    contracts: list[ContractSpec]
    metrics: list[MetricSpec]
    ownership: dict[str, str]  # path -> text


# --- YAML text ------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _()./'%+-]*")


def text(value: str) -> str:
    """A YAML scalar for ``value``: plain when that reads back as the same text, in block
    and in flow context alike (no ``:``, ``#``, ``,``, brackets or braces)."""
    if _PLAIN.fullmatch(value) and value.lower() not in YAML_WORDS and value[-1] != " ":
        return value
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(text(v) for v in values) + "]"


def render_field(f: FieldSpec, indent: int) -> list[str]:
    pad = " " * indent
    props: list[tuple[str, str]] = [("type", text(f.type))]
    if f.required:
        props.append(("required", "true"))
    if f.unique:
        props.append(("unique", "true"))
    if f.enum is not None:
        props.append(("enum", flow_list(f.enum)))
    if f.pattern is not None:
        props.append(("pattern", json.dumps(f.pattern)))
    if f.min is not None:
        props.append(("min", str(f.min)))
    if f.max is not None:
        props.append(("max", str(f.max)))
    if f.max_length is not None:
        props.append(("max_length", str(f.max_length)))
    if f.pii:
        props.append(("pii", "true"))
    if f.classification is not None:
        props.append(("classification", f.classification))
    if f.masking is not None:
        props.append(("masking", f.masking))
    nested = f.fields is not None or f.items is not None or f.deprecated is not None
    if not nested and not f.extra and len(props) <= 4:
        if f.description is not None:
            props.append(("description", text(f.description)))
        inner = ", ".join(f"{k}: {v}" for k, v in props)
        return [f"{pad}{f.name}: {{{inner}}}"]
    lines = [f"{pad}{f.name}:"]
    sub = " " * (indent + 2)
    lines += [f"{sub}{k}: {v}" for k, v in props]
    if f.description is not None:
        lines.append(f"{sub}description: {text(f.description)}")
    lines += [f"{sub}{raw}" for raw in f.extra]
    if f.deprecated is not None:
        reason, removal = f.deprecated
        lines.append(f"{sub}deprecated: {{reason: {text(reason)}, removal: {removal}}}")
    if f.fields is not None:
        lines.append(f"{sub}fields:")
        for child in f.fields:
            lines += render_field(child, indent + 4)
    if f.items is not None:
        lines += render_field(f.items, indent + 2)
    return lines


def render_contract(c: ContractSpec) -> str:
    version = ".".join(map(str, c.version))
    lines = [f"contract: {c.id}", f"version: {version}"]
    if c.duplicate == "version":  # a merge that kept both sides
        lines.append(f"version: {c.version[0]}.{c.version[1] + 1}.0")
    lines += [f"status: {c.status}", f"kind: {c.kind}"]
    if c.description is not None:
        desc = c.description
        if c.notes:
            desc += " " + DESCRIPTION_NOTES[(c.notes - 1) % len(DESCRIPTION_NOTES)]
        lines.append(f"description: {text(desc)}")
    lines += [f"owner: {c.owner}", f"producer: {c.producer}"]
    if c.dataset is not None:
        lines.append(f"dataset: {c.dataset}")
    lines += c.extra_top
    lines.append("consumers:")
    for team, use in c.consumers:
        lines += [f"  - team: {team}", f"    use: {text(use)}"]
    lines.append("schema:")
    for f in c.fields:
        lines += render_field(f, 2)
        if c.duplicate == "field" and f is c.fields[1]:  # copy-pasted field
            lines += render_field(f, 2)
    lines += [
        "sla:",
        f"  freshness: {c.freshness}",
        "  completeness: 99.9%",
        "  availability: 99.5%",
        *([f"  delivery: {c.delivery}"] if c.delivery else []),
        "change_policy:",
        f"  notice_days: {c.notice_days}",
        '  channel: "#data-changes"',
        f"retention: {c.retention}",
    ]
    if c.tags:
        lines.append(f"tags: {flow_list(c.tags)}")
    return "\n".join(lines) + "\n"


# --- contracts ------------------------------------------------------------------------------


def words(name: str) -> str:
    return name.replace("_", " ")


def contract_ids(rng: random.Random) -> Iterator[tuple[str, str, str, str]]:
    """(domain, entity, id, file stem): every domain/entity/event once, then regional copies."""
    combos = [(d, e, ev) for d, ents in DOMAINS.items() for e in ents for ev in EVENTS + GRAINS]
    for round_ in range(10**6):
        suffix = REGIONS[round_] if round_ < len(REGIONS) else f"r{round_}"
        order = combos[:]
        rng.shuffle(order)
        for domain, entity, event in order:
            last = f"{event}_{suffix}" if suffix else event
            yield domain, entity, f"{domain}.{entity}.{last}", f"{entity}_{last}"


def fld(
    name: str,
    type_: str,
    description: str,
    spec: str = "",
    *,
    fields: list[FieldSpec] | None = None,
    items: FieldSpec | None = None,
) -> FieldSpec:
    """A field from a compact spec: space-separated words such as ``required``, ``unique``,
    ``role=id``, ``enum=a|b``, ``pattern=^[A-Z]{2}$``, ``min=0``, ``max_length=64`` and
    ``pii=<classification>/<masking>``; ``fields=`` or ``items=`` pass through."""
    f = FieldSpec(name, type_, description, fields=fields, items=items)
    for word in spec.split():
        key, _, value = word.partition("=")
        if key in ("required", "unique"):
            setattr(f, key, True)
        elif key == "enum":
            f.enum = value.split("|")
        elif key in ("min", "max", "max_length"):
            setattr(f, key, int(value))
        elif key == "pii":
            f.pii = True
            f.role = "pii" if f.role == "other" else f.role
            f.classification, f.masking = value.split("/")
        elif key in ("role", "pattern"):
            setattr(f, key, value)
        else:  # pragma: no cover - a typo in the tables below
            raise ValueError(word)
    return f


# The vocabulary tables read best one field a line: keep the formatter out.
# fmt: off
STATUS_ENUMS = ["pending|completed|failed", "open|closed|reopened", "active|paused|cancelled",
                "created|approved|rejected|reversed"]


def base_fields(rng: random.Random, entity: str) -> list[FieldSpec]:
    """The fields every contract has: key, time, a measure, a flag, a category, PII,
    a nested object and an array."""
    ent = words(entity)
    measure = rng.choice(["amount", "total", "cost", "value", "fee"])
    pii = rng.choice([
        fld("customer_email", "string", "Contact email", "pii=confidential/hash max_length=254"),
        fld("phone_number", "string", "Phone number in E.164 form",
            r"pii=restricted/redact pattern=^\+[1-9][0-9]{6,14}$"),
        fld("full_name", "string", "Legal name of the person",
            "pii=confidential/partial max_length=200"),
        fld("ip_address", "string", "Client IP address", "pii=confidential/truncate"),
        fld("date_of_birth", "date", "Date of birth", "pii=restricted/redact"),
    ])
    obj = rng.choice([
        fld("shipping_address", "object", "Where the goods go",
            "role=nested pii=confidential/redact", fields=[
            fld("street", "string", "Street and number", "pii=confidential/redact"),
            fld("city", "string", "City name", "max_length=120"),
            fld("postal_code", "string", "Postal code", "pattern=^[A-Z0-9-]{3,10}$"),
            fld("country_code", "string", "ISO 3166-1 alpha-2 country", "pattern=^[A-Z]{2}$"),
        ]),
        fld("device", "object", "Device that produced the record", "role=nested", fields=[
            fld("os", "string", "Operating system", "role=category enum=ios|android|web|other"),
            fld("app_version", "string", "Semantic app version", r"pattern=^\d+\.\d+\.\d+$"),
            fld("model", "string", "Device model as reported", "max_length=80"),
        ]),
        fld("metadata", "object", "Producer bookkeeping", "role=nested", fields=[
            fld("source_system", "string", "System that emitted the record",
                "role=category enum=erp|crm|web|mobile|batch"),
            fld("schema_version", "integer", "Schema version of the payload", "min=1"),
            fld("ingest_batch_id", "string", "Loader batch identifier"),
        ]),
    ])
    arr = rng.choice([
        fld("line_items", "array", f"Items of the {ent}", "role=nested", items=fld(
            "items", "object", "One line item", fields=[
                fld("sku", "string", "Stock keeping unit", "required pattern=^[A-Z0-9-]{4,20}$"),
                fld("quantity", "integer", "Units ordered", "min=1"),
                fld("unit_price", "decimal(18,2)", "Price of one unit", "min=0"),
            ])),
        fld("labels", "array", "Labels applied by operators", "role=nested", items=fld(
            "items", "string", "One label", "role=category enum=priority|vip|review|backfill")),
        fld("adjustments", "array", "Manual adjustments", "role=nested", items=fld(
            "items", "object", "One adjustment", fields=[
                fld("reason_code", "string", "Why it was adjusted",
                    "role=category enum=correction|goodwill|fraud|other"),
                fld("delta", "decimal(18,2)", "Signed change of the amount"),
            ])),
    ])
    flag = rng.choice(["test", "refunded", "late", "manual", "flagged"])
    return [
        fld(f"{entity}_id", "string", f"Identifier of the {ent}", "role=id required unique"),
        fld("occurred_at", "timestamp_tz", f"When the {ent} event happened", "role=time required"),
        fld(f"{entity}_{measure}", "decimal(18,2)", f"{measure.title()} of the {ent}",
            "role=measure required min=0"),
        fld(f"is_{flag}", "boolean", f"Whether the record is {flag}", "role=flag"),
        fld(f"{entity}_status", "string", f"Lifecycle state of the {ent}",
            f"role=category required enum={rng.choice(STATUS_ENUMS)}"),
        pii,
        obj,
        arr,
    ]


def optional_fields(rng: random.Random, entity: str, domain: str) -> list[FieldSpec]:
    ent = words(entity)
    pool = [
        fld("customer_id", "string", "Customer the record belongs to", "role=id"),
        fld("account_id", "string", "Billing account", "role=id"),
        fld(f"{domain}_region_id", "string", "Operating region", "role=id"),
        fld("currency", "string", "ISO 4217 currency code", "role=category enum=USD|EUR|GBP|JPY"),
        fld("channel", "string", "Sales channel", "role=category enum=web|ios|android|store"),
        fld("country_code", "string", "ISO 3166-1 alpha-2 country", "pattern=^[A-Z]{2}$"),
        fld("tax_amount", "decimal(18,2)", "Tax included in the amount", "role=measure min=0"),
        fld("discount_amount", "decimal(18,2)", "Discount granted", "role=measure min=0"),
        fld(f"{entity}_net_amount", "decimal(18,2)", f"Net amount of the {ent}", "role=measure"),
        fld("quantity", "integer", "Number of units", "role=count min=0"),
        fld(f"{entity}_item_count", "integer", f"Items in the {ent}", "role=count min=0"),
        fld("retry_count", "integer", "Delivery attempts by the producer", "role=count min=0"),
        fld("processing_ms", "long", "Processing time in milliseconds", "role=duration min=0"),
        fld(f"{entity}_duration_s", "long", f"Duration of the {ent} in seconds",
            "role=duration min=0"),
        fld("score", "double", "Model score between 0 and 1", "min=0 max=1"),
        fld("is_first_purchase", "boolean", "First purchase of the customer", "role=flag"),
        fld("is_backfill", "boolean", "Loaded by a backfill job", "role=flag"),
        fld("updated_at", "timestamp_tz", "Last change of the record", "role=time"),
        fld("business_date", "date", "Business date in the local calendar", "role=time"),
        fld("priority", "string", "Handling priority", "role=category enum=low|medium|high"),
        fld("plan_tier", "string", "Subscription tier", "role=category enum=free|pro|enterprise"),
        fld("payment_method", "string", "How it was paid",
            "role=category enum=card|bank_transfer|wallet|invoice"),
        fld("external_ref", "string", "Reference in the source system", "role=id max_length=64"),
        fld("payload_json", "json", "Raw payload kept for audits"),
        fld("batch_seq", "long", "Sequence number within the load batch", "min=0"),
        fld("exchange_rate", "decimal(18,6)", "Rate to the reporting currency", "min=0"),
        fld("event_time", "timestamp", "Event time as sent (no zone)", "role=time"),
    ]
    rng.shuffle(pool)
    return pool
# fmt: on


def make_contract(
    rng: random.Random, ident: tuple[str, str, str, str], teams: list[str], datasets: set[str]
) -> ContractSpec:
    domain, entity, cid, stem = ident
    fields = base_fields(rng, entity)
    extra = optional_fields(rng, entity, domain)
    total = rng.randint(8, 25)
    names = {f.name for f in fields}
    fields += [f for f in extra if f.name not in names][: total - len(fields)]
    # Keep a realistic order: key and time first, nested structures last.
    head, nested = fields[:2], [f for f in fields[2:] if f.role == "nested"]
    middle = [f for f in fields[2:] if f.role != "nested"]
    rng.shuffle(middle)
    fields = head + middle + nested
    grain = cid.rsplit(".", 1)[1].split("_")[0]
    if grain in GRAINS:
        kind = rng.choice(["table", "table", "view"])
        layer = rng.choice(list(LAYER_FRESHNESS))
        freshness = rng.choice(LAYER_FRESHNESS[layer])
        dataset = f"{layer}_{stem}"
        if dataset in datasets:
            dataset += f"_{len(datasets)}"
        datasets.add(dataset)
        delivery = "hourly" if grain == "hourly" else f"daily {rng.randint(4, 9):02d}:00 UTC"
    else:
        kind = rng.choice(["event", "event", "stream"])
        freshness, dataset, delivery = rng.choice(["5m", "15m", "1h"]), None, None
    owner = rng.choice(teams)
    others = [t for t in teams if t != owner]
    consumers = [
        (t, rng.choice(USES)) for t in rng.sample(others, min(len(others), rng.randint(1, 3)))
    ]
    last = cid.rsplit(".", 1)[1]
    region = f" ({last.split('_', 1)[1].upper()})" if "_" in last else ""
    if grain in GRAINS:
        what = {
            "daily": "One row per {} and day",
            "hourly": "One row per {} and hour",
            "snapshot": "Current state of every {}",
        }[grain].format(words(entity))
    else:
        article = "an" if entity[0] in "aeiou" else "a"
        what = f"One event each time {article} {words(entity)} is {grain}"
    description = f"{what} in the {domain} domain{region}."
    return ContractSpec(
        id=cid,
        domain=domain,
        entity=entity,
        path=f"contracts/{domain}/{stem}.yaml",
        version=[rng.randint(1, 3), rng.randint(0, 9), rng.randint(0, 5)],
        status="draft" if rng.random() < 0.05 else "active",
        kind=kind,
        description=description,
        owner=owner,
        producer=f"{domain}-{entity.replace('_', '-')}-service",
        dataset=dataset,
        consumers=consumers,
        fields=fields,
        freshness=freshness,
        delivery=delivery,
        notice_days=rng.choice([14, 14, 21, 30]),
        retention=rng.choice(["90d", "400d", "2y", "7y"]),
        tags=rng.sample(
            ["tier-1", "tier-2", "finance", "gdpr", "experimentation"], rng.randint(0, 2)
        ),
    )


CONTRACT_DEFECTS = [
    "missing-description",
    "unknown-owner",
    "unknown-key",
    "pii-unclassified",
    "duplicate-key",
]


def spoil_contract(c: ContractSpec, defect: str, rng: random.Random) -> None:
    c.defect = defect
    if defect == "missing-description":
        c.description = None
    elif defect == "unknown-owner":
        c.owner = rng.choice([c.owner[:-1] + c.owner[-1] * 2, "legacy-bi", f"{c.owner}-team"])
    elif defect == "unknown-key":
        variant = rng.randrange(3)
        if variant == 0:  # a key from another contract format
            next(f for f in c.fields if f.role == "measure").extra.append("nullable: false")
        elif variant == 1:
            c.extra_top.append(f"team: {c.owner}")
        else:
            next(f for f in c.fields if f.role == "pii").extra.append("sensitivity: high")
    elif defect == "pii-unclassified":
        pii = next(f for f in c.fields if f.role == "pii")
        pii.classification = None
    elif defect == "duplicate-key":
        c.duplicate = rng.choice(["field", "version"])
    else:  # pragma: no cover
        raise ValueError(defect)


# --- metrics --------------------------------------------------------------------------------


def noun(column: str) -> str:
    """``customer_id`` -> ``customer``: what a key column counts."""
    return words(column.removesuffix("_id"))


def _fold(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").lower().split())


def metric_formula(
    rng: random.Random, cols: dict[str, list[FieldSpec]], dialect: str | None
) -> tuple[str, str, str, str] | None:
    """(formula, type, unit, name) over the columns, or None if the columns do not fit."""
    options: list[tuple[str, str, str, str]] = []
    add = options.append
    ids = [f.name for f in cols["id"]]
    if cols["measure"]:
        a = rng.choice(cols["measure"]).name
        add((f"sum({a})", "simple", "currency", f"Total {words(a)}"))
        add((f"avg({a})", "simple", "currency", f"Average {words(a)}"))
        if ids:
            i = rng.choice(ids)
            per = f"{words(a)} per {noun(i)}"
            if dialect == "bigquery":  # a function call, not `a / b`: typed `derived`
                add((f"safe_divide(sum({a}), count(distinct {i}))", "derived", "currency", per))
            elif dialect == "snowflake":
                add((f"div0(sum({a}), count(distinct {i}))", "derived", "currency", per))
            else:
                add((f"sum({a}) / count(distinct {i})", "ratio", "currency", per))
        others = [f.name for f in cols["measure"] if f.name != a]
        if others:
            b = rng.choice(others)
            margin = f"(sum({a}) - sum({b})) / nullif(sum({a}), 0)"
            add((margin, "derived", "ratio", f"{words(b)} margin on {words(a)}"))
            share = f"sum({b}) / nullif(sum({a}), 0)"
            add((share, "ratio", "ratio", f"{words(b)} share of {words(a)}"))
        cats = [f for f in cols["category"] if f.enum]
        if cats:
            c = rng.choice(cats)
            v = rng.choice(c.enum or [])
            part = f"sum(case when {c.name} = '{v}' then {a} else 0 end)"
            name = f"{v} share of {words(a)} by {words(c.name)}"
            add((f"{part} / nullif(sum({a}), 0)", "ratio", "ratio", name))
    if cols["flag"] and ids:
        f, i = rng.choice(cols["flag"]).name, rng.choice(ids)
        what = f"{words(f.removeprefix('is_'))} {{}} of {noun(i)}"
        hits = {"bigquery": f"countif({f})", "postgres": f"count(*) filter (where {f})"}.get(
            dialect or "", f"count_if({f})"
        )
        add((f"{hits} / nullif(count({i}), 0)", "ratio", "ratio", what.format("rate")))
        pct = f"100.0 * {hits} / nullif(count(distinct {i}), 0)"
        add((pct, "derived", "percent", what.format("percent")))
    if ids:
        i = rng.choice(ids)
        add((f"count(distinct {i})", "simple", "count", f"distinct {noun(i)}"))
    if cols["count"]:
        n = rng.choice(cols["count"]).name
        add((f"sum({n})", "simple", "count", f"total {words(n)}"))
    if cols["duration"]:
        d = rng.choice(cols["duration"]).name
        add((f"avg({d})", "simple", "duration", f"average {words(d)}"))
        p95 = f"percentile_cont(0.95) within group (order by {d})"
        add((p95, "simple", "duration", f"p95 {words(d)}"))
    return rng.choice(options) if options else None


BAD_FORMULAS: list[Callable[[str], str]] = [
    lambda f: f.replace(")", "", 1),  # unbalanced parenthesis
    lambda f: f + " /",  # dangling operator
    lambda f: f.replace("(", " ", 1) + " count(",  # truncated edit
]
METRIC_DEFECTS = [
    "formula-unparsable",
    "missing-description",
    "unknown-owner",
    "unknown-key",
    "duplicate-key",
]


def make_metrics(
    rng: random.Random, count: int, good: list[ContractSpec], teams: list[str], bad: set[int]
) -> list[MetricSpec]:
    metrics: list[MetricSpec] = []
    taken: set[str] = set()  # folded ids, names and aliases
    formulas: set[str] = set()
    by_domain: dict[str, list[ContractSpec]] = {}
    for c in good:
        by_domain.setdefault(c.domain, []).append(c)
    kinds = {i: METRIC_DEFECTS[k % len(METRIC_DEFECTS)] for k, i in enumerate(sorted(bad))}
    for n in range(count):
        for _attempt in range(50):
            src = [rng.choice(good)]
            peers = by_domain[src[0].domain]
            if len(peers) > 1 and rng.random() < 0.25:
                src.append(rng.choice([p for p in peers if p is not src[0]]))
            dialect = rng.choice([None, None, None, "postgres", "snowflake", "bigquery"])
            cols: dict[str, list[FieldSpec]] = {
                r: [] for r in ("measure", "id", "flag", "category", "count", "duration")
            }
            seen: set[str] = set()  # a column both sources have counts once
            for c in src:
                for f in c.fields:
                    if f.role in cols and f.name not in seen:
                        seen.add(f.name)
                        cols[f.role].append(f)
            picked = metric_formula(rng, cols, dialect)
            if picked is None:
                continue
            formula, mtype, unit, name = picked
            key = re.sub(r"\s+", "", formula.lower())
            name = name[0].upper() + name[1:]
            if len(src) == 1 and rng.random() < 0.5:
                name = f"{name} ({words(src[0].entity)})"
            mid = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
            if key in formulas or _fold(mid) in taken or _fold(name) in taken:
                continue
            break
        else:
            raise SystemExit(f"could not make metric {n}: too few contracts for {count} metrics")
        formulas.add(key)
        taken.update({_fold(mid), _fold(name)})
        aliases = []
        for alias in (f"{src[0].domain} {_fold(name)}", f"{_fold(name)} kpi"):
            if rng.random() < 0.4 and _fold(alias) not in taken:
                taken.add(_fold(alias))
                aliases.append(alias)
        owner = rng.choice(teams)
        approvers = rng.sample([t for t in teams if t != owner], min(len(teams) - 1, 2))
        defect = kinds.get(n)
        lines = [f"metric: {mid}", f"name: {text(name)}"]
        if defect != "missing-description":
            over = " and ".join(c.id for c in src)
            lines.append(f"description: {text(f'Computed over {over}. Agreed by the approvers.')}")
        if defect == "unknown-owner":
            owner = f"{owner}-old"
        lines += [
            f"owner: {owner}",
            f"approved_by: {flow_list(approvers)}",
            f"version: {rng.randint(1, 4)}",
            f"type: {mtype}",
        ]
        if defect == "formula-unparsable":
            formula = rng.choice(BAD_FORMULAS)(formula)
        lines.append(f"formula: {json.dumps(formula)}")
        if dialect is not None:
            lines.append(f"dialect: {dialect}")
        lines += [
            f"sources: {flow_list([c.id for c in src])}",
            f"unit: {unit}",
            f"grain: {rng.choice(['day', 'week', 'month'])}",
        ]
        if aliases:
            lines.append(f"aliases: {flow_list(aliases)}")
        if defect == "unknown-key":
            lines.append(f"tags: [{src[0].domain}]")
        elif defect == "duplicate-key":
            lines.append(f"owner: {rng.choice(teams)}")
        metrics.append(MetricSpec(mid, f"metrics/{mid}.yaml", "\n".join(lines) + "\n", defect))
    return metrics


# --- ownership ------------------------------------------------------------------------------


def team_ids(count: int) -> list[str]:
    ids = SEED_TEAMS + [f"{a}-{f}" for f in TEAM_FUNCTIONS for a in TEAM_AREAS]
    ids = list(dict.fromkeys(ids))
    if count > len(ids):
        ids += [f"team-{n:03d}" for n in range(count - len(ids))]
    return ids[:count]


def make_teams(rng: random.Random, teams: list[str]) -> tuple[str, dict[str, list[str]]]:
    lines = ["teams:"]
    people: dict[str, list[str]] = {}
    for n, team in enumerate(teams):
        tag = f"{team.split('-')[0][:2]}{n}"
        members = [f"{p}.{tag}" for p in rng.sample(PEOPLE, rng.randint(3, 6))]
        people[team] = members
        manager = f"{rng.choice(PEOPLE)}.lead{n}"
        oncall = members[: max(2, len(members) - 1)]
        # A weekly handoff falls on the start's weekday (a Monday); a daily one is a time.
        rotation = rng.choice(["weekly", "weekly", "daily"])
        start = dt.date(2026, 1, 5) + dt.timedelta(days=7 * rng.randrange(8))
        handoff = "monday 10:00 UTC" if rotation == "weekly" else "10:00 UTC"
        lines += [
            f"  {team}:",
            f"    name: {team.replace('-', ' ').title()}",
            f'    slack: "#{team}"',
            f"    email: {team}@example.com",
            f"    members: {flow_list(members)}",
            f"    manager: {manager}",
            "    oncall:",
            f"      rotation: {rotation}",
            f"      start: {start.isoformat()}",
            f"      handoff: {handoff}",
            f"      members: {flow_list(oncall)}",
        ]
        if rng.random() < 0.5:
            begin = dt.date(2026, 12, 1) + dt.timedelta(days=rng.randrange(40))
            lines += [
                "    leave:",
                f"      - {{member: {members[0]}, from: {begin}, "
                f"to: {begin + dt.timedelta(days=rng.randint(3, 14))}}}",
            ]
        # Escalate to the manager, then to an earlier team: chains end, never cycle.
        chain = [manager] + ([teams[rng.randrange(n)]] if n else [])
        lines.append(f"    escalation: {flow_list(chain)}")
    return "\n".join(lines) + "\n", people


def make_pipelines(
    rng: random.Random, count: int, contracts: list[ContractSpec], teams: list[str]
) -> str:
    lines = ["pipelines:"]
    seen: set[str] = set()
    for n in range(count):
        head = rng.choice(contracts)
        purpose = rng.choice(["profit", "growth", "retention", "cost", "health", "forecast"])
        pid = f"{head.domain}_{head.entity}_{purpose}"
        if pid in seen:
            pid += f"_{n}"
        seen.add(pid)
        primary = rng.choice(teams)
        secondary = rng.choice([t for t in teams if t != primary])
        peers = [c for c in rng.sample(contracts, min(len(contracts), 6)) if c is not head]
        sources = [head.id] + [c.id for c in peers[: rng.randint(0, 3)]]
        hour = rng.randint(3, 10)
        lines += [
            f"  {pid}:",
            f"    description: {text(f'{purpose.title()} per {words(head.entity)}')}",
            f"    primary: {primary}",
            f"    secondary: {secondary}",
            f"    sources: {flow_list(sources)}",
            f"    targets: [mart_{pid}_daily]",
            f"    schedule: daily {hour:02d}:00 UTC",
            f"    sla: {{delivery: daily {hour + 1:02d}:00 UTC}}",
            "    severity_escalation:",
            f"      high: {{respond_within: 2h, then: [manager, {secondary}]}}",
            f'      low: {{respond_within: 2d, channel: "#{primary}"}}',
        ]
    return "\n".join(lines) + "\n"


def make_raci(rng: random.Random, teams: list[str]) -> str:
    activities = [
        "data_contracts",
        "pipeline_operations",
        "metric_definitions",
        "access_reviews",
        "incident_response",
        "schema_changes",
        "feature_engineering",
        "cost_reporting",
        "data_quality_checks",
        "retention_policy",
    ]
    lines = ["raci:"]
    for act in activities[: max(5, min(len(activities), len(teams)))]:
        group = rng.sample(teams, min(len(teams), rng.randint(2, 4)))
        roles = ["A", "R"] + [rng.choice(["C", "I", "R"]) for _ in group[2:]]
        cells = ", ".join(f"{t}: {r}" for t, r in zip(group, roles, strict=True))
        lines.append(f"  {act}: {{{cells}}}")
    return "\n".join(lines) + "\n"


# --- the repository ---------------------------------------------------------------------------


def build(
    *, contracts: int, metrics: int, pipelines: int, teams: int, bad_share: float, seed: int
) -> Repo:
    rng = random.Random(seed)
    team_list = team_ids(max(teams, 2))
    teams_text, people = make_teams(rng, team_list)
    datasets: set[str] = set()
    ids = contract_ids(rng)
    specs = [make_contract(rng, next(ids), team_list, datasets) for _ in range(contracts)]
    bad_contracts = sorted(rng.sample(range(contracts), round(contracts * bad_share)))
    for n, index in enumerate(bad_contracts):
        spoil_contract(specs[index], CONTRACT_DEFECTS[n % len(CONTRACT_DEFECTS)], rng)
    good = [c for c in specs if c.defect is None]
    if metrics and not good:
        raise SystemExit("no defect-free contract to define metrics on")
    bad_metrics = set(rng.sample(range(metrics), round(metrics * bad_share)))
    metric_specs = make_metrics(rng, metrics, good, team_list, bad_metrics)
    ownership = {
        "ownership/teams.yaml": teams_text,
        "ownership/pipelines.yaml": make_pipelines(rng, pipelines, specs, team_list),
        "ownership/raci.yaml": make_raci(rng, team_list),
    }
    return Repo(team_list, people, specs, metric_specs, ownership)


def files(repo: Repo) -> dict[str, str]:
    out = {c.path: render_contract(c) for c in repo.contracts}
    out.update({m.path: m.text for m in repo.metrics})
    out.update(repo.ownership)
    return out


def manifest(repo: Repo) -> dict[str, object]:
    return {
        "contracts": len(repo.contracts),
        "metrics": len(repo.metrics),
        "defects": {
            **{c.path: c.defect for c in repo.contracts if c.defect},
            **{m.path: m.defect for m in repo.metrics if m.defect},
        },
    }


def write_tree(out: Path, content: dict[str, str]) -> None:
    made: set[Path] = set()
    for rel, body in content.items():
        target = out / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(body, encoding="utf-8", newline="\n")


# --- git history ----------------------------------------------------------------------------

OPTIONAL_ADDITIONS = [
    ("loaded_at", "timestamp_tz", "When the loader wrote the record"),
    ("source_version", "integer", "Version of the producing service"),
    ("is_replayed", "boolean", "Whether the record was replayed from the archive"),
    ("ingest_latency_ms", "long", "Milliseconds from event to load"),
    ("correlation_id", "string", "Trace identifier across services"),
    ("local_date", "date", "Date in the producer's time zone"),
    ("fx_rate_to_usd", "decimal(18,6)", "Rate to US dollars at event time"),
]


class FastImport:
    """A ``git fast-import`` stream: one process writes the whole history, where
    ``git commit`` per commit would take minutes for thousands of commits."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.mark = 0

    def _data(self, body: str) -> None:
        raw = body.encode("utf-8")
        self.chunks.append(b"data %d\n%s\n" % (len(raw), raw))

    def commit(
        self,
        branch: str,
        when: dt.datetime,
        author: str,
        message: str,
        changed: dict[str, str],
        parent: int | None,
    ) -> int:
        """Add a commit (author and committer date ``when``); return its mark."""
        self.mark += 1
        ident = f"{author} <{author}@example.com> {int(when.timestamp())} +0000"
        self.chunks.append(
            f"commit refs/heads/{branch}\nmark :{self.mark}\n"
            f"author {ident}\ncommitter {ident}\n".encode()
        )
        self._data(message)
        if parent is not None:
            self.chunks.append(b"from :%d\n" % parent)
        for path, body in changed.items():
            self.chunks.append(f"M 100644 inline {path}\n".encode())
            self._data(body)
        self.chunks.append(b"\n")
        return self.mark

    def run(self, repo: Path) -> None:
        _git(repo, "init", "-q", "-b", "main")
        subprocess.run(
            ["git", "-C", str(repo), "fast-import", "--quiet"],
            input=b"".join(self.chunks),
            check=True,
        )


@dataclass
class Notice:
    when: dt.datetime
    contract: ContractSpec
    field: FieldSpec
    age: int  # days before the end date


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.timezone.utc)


def commit_times(
    rng: random.Random, count: int, end: dt.date, days: int | None
) -> list[dt.datetime]:
    """Times of the regular commits, the last on ``end``: one a day (09:00 UTC plus up to
    four hours), or evenly over ``days`` days."""
    if days is None:
        return [
            _at(end - dt.timedelta(days=count - 1 - n), 9, rng.randrange(60))
            + dt.timedelta(hours=rng.randrange(4))
            for n in range(count)
        ]
    span = days * 86400  # whole seconds: git dates have no fractions
    return [
        _at(end, 9) - dt.timedelta(seconds=span - span * n // max(count - 1, 1))
        for n in range(count)
    ]


def plan_notices(
    rng: random.Random, repo: Repo, count: int, end: dt.date, oldest: int
) -> list[Notice]:
    """``count`` fields of different defect-free contracts to deprecate: two of three
    more than 30 days before ``end`` (old enough for any notice policy), the rest 5 days
    (too recent for any), never before the first commit (``oldest`` days back)."""
    candidates = [c for c in repo.contracts if c.defect is None]
    if count > len(candidates):
        raise SystemExit("--notices exceeds the number of defect-free contracts")
    if count and oldest < 2:
        raise SystemExit("the history is too short to carry notices: add commits or days")
    rng.shuffle(candidates)
    out = []
    for n, c in enumerate(candidates[:count]):
        age = min(5 if n % 3 == 2 else rng.randint(31, 120), oldest - 1)
        target = next(f for f in c.fields if not f.required and f.role not in ("nested", "pii"))
        out.append(Notice(_at(end - dt.timedelta(days=age), 14, 30 + n), c, target, age))
    return out


def edit(rng: random.Random, c: ContractSpec) -> str:
    """A compatible change to ``c``; returns the commit subject."""
    if rng.random() < 0.7 and c.description is not None:
        c.notes += 1
        c.version[2] += 1
        return f"{c.id}: clarify description"
    name, type_, desc = rng.choice(OPTIONAL_ADDITIONS)
    names = {f.name for f in c.fields}
    stem, k = name, 2
    while name in names:
        name, k = f"{stem}_{k}", k + 1
    c.fields.insert(len(c.fields) - 2, FieldSpec(name, type_, desc))  # before nested ones
    c.version = [c.version[0], c.version[1] + 1, 0]
    return f"{c.id}: add optional field {name}"


def build_history(
    repo: Repo,
    out: Path,
    rng: random.Random,
    *,
    commits: int,
    end: dt.date,
    days: int | None,
    notices: int,
) -> dict[str, object]:
    """Write the history into ``out``; return what a benchmark needs to know about it."""
    if commits < notices + 1:
        raise SystemExit("--git-history must exceed --notices (the first commit adds the files)")
    times = commit_times(rng, commits - notices, end, days)
    planned = plan_notices(rng, repo, notices, end, (_at(end, 9) - times[0]).days)
    events: list[tuple[dt.datetime, Notice | None]] = [(t, None) for t in times[1:]]
    events += [(n.when, n) for n in planned]
    events.sort(key=lambda e: e[0])
    authors = [p for team in repo.teams for p in repo.people[team]]
    stream = FastImport()
    head = stream.commit(
        "main", times[0], rng.choice(authors), "Add governance repository\n", files(repo), None
    )
    log: list[dict[str, object]] = []
    for when, notice in events:
        if notice is None:
            touched = rng.sample(repo.contracts, min(len(repo.contracts), rng.randint(1, 3)))
            subject = "; ".join(edit(rng, c) for c in touched)
        else:
            c, f = notice.contract, notice.field
            removal = end - dt.timedelta(days=rng.randint(1, min(4, notice.age)))
            f.deprecated = (f"{f.name} is no longer populated by the producer", removal.isoformat())
            c.version = [c.version[0], c.version[1] + 1, 0]
            touched, subject = [c], f"{c.id}: deprecate schema.{f.name}"
            log.append(
                {
                    "contract": c.id,
                    "path": c.path,
                    "element": f"schema.{f.name}",
                    "committed": when.isoformat(),
                    "age_days": notice.age,
                    "notice_days": c.notice_days,
                    "removal": removal.isoformat(),
                }
            )
        changed = {c.path: render_contract(c) for c in touched}
        head = stream.commit("main", when, rng.choice(authors), subject + "\n", changed, head)
    if planned:  # the pull request: remove every deprecated field, with a major bump
        for n in planned:
            n.contract.fields.remove(n.field)
            n.contract.version = [n.contract.version[0] + 1, 0, 0]
        changed = {n.contract.path: render_contract(n.contract) for n in planned}
        stream.commit(
            "feature",
            _at(end, 15),
            rng.choice(authors),
            f"Remove {len(planned)} deprecated fields\n",
            changed,
            head,
        )
    stream.run(out)
    _git(out, "reset", "-q", "--hard", "main")
    if planned:
        _git(out, "checkout", "-q", "feature")
    return {
        "commits": commits,
        "first": times[0].isoformat(),
        "last": (events[-1][0] if events else times[0]).isoformat(),
        "branch": "feature" if planned else "main",
        "notices": log,
    }


# --- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("out", type=Path, help="directory to create (must be empty or absent)")
    p.add_argument("--contracts", type=int, default=1000)
    p.add_argument("--metrics", type=int, default=200)
    p.add_argument("--pipelines", type=int, default=50)
    p.add_argument("--teams", type=int, default=12)
    p.add_argument(
        "--bad-share",
        type=float,
        default=0.05,
        help="share of contracts and metrics given one defect (default 0.05)",
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--git-history",
        type=int,
        metavar="COMMITS",
        help="make OUT a git repository with this many commits on main",
    )
    p.add_argument(
        "--end-date",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 11, 1),
        help="date of the last commit on main (default 2026-11-01)",
    )
    p.add_argument(
        "--history-days",
        type=int,
        metavar="DAYS",
        help="spread the commits over this many days (default: one a day)",
    )
    p.add_argument(
        "--notices",
        type=int,
        default=0,
        metavar="K",
        help="deprecate K fields on main, remove them on branch `feature`",
    )
    p.add_argument("--manifest", type=Path, help="write the defects and notices as JSON here")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    if not 0 <= args.bad_share <= 1:
        p.error("--bad-share must be between 0 and 1")
    if args.notices and not args.git_history:
        p.error("--notices needs --git-history")
    if args.out.exists() and any(args.out.iterdir()):
        p.error(f"{args.out} is not empty")
    started = time.perf_counter()
    repo = build(
        contracts=args.contracts,
        metrics=args.metrics,
        pipelines=args.pipelines,
        teams=args.teams,
        bad_share=args.bad_share,
        seed=args.seed,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    info = manifest(repo)
    if args.git_history:
        info["history"] = build_history(
            repo,
            args.out,
            random.Random(args.seed + 1),
            commits=args.git_history,
            end=args.end_date,
            days=args.history_days,
            notices=args.notices,
        )
    else:
        write_tree(args.out, files(repo))
    if args.manifest:
        args.manifest.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    if not args.quiet:
        defects = info["defects"]
        assert isinstance(defects, dict)
        extra = f", {args.git_history} commits" if args.git_history else ""
        print(
            f"{args.out}: {len(repo.contracts)} contracts, {len(repo.metrics)} metrics, "
            f"{args.pipelines} pipelines, {len(repo.teams)} teams, {len(defects)} defects"
            f"{extra} in {time.perf_counter() - started:.2f} s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Field-level rules: descriptions, names, types and constraints, categorical
fields, personal data, deprecations."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from govern.catalog import Catalog
from govern.findings import Problem, Severity
from govern.load.documents import Document
from govern.model.contract import Contract, Field_
from govern.rules.base import Context, rule
from govern.values import parse_type

F = "fields"
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# Field names that hold personal data when they appear as a whole word of the
# name (seed 001: "This pipeline processes email addresses (PII)").
PII_WORDS = frozenset({
    "email", "phone", "phone_number", "mobile", "ssn", "passport", "iban", "address",
    "birth", "birth_date", "dob", "salary", "first_name", "last_name", "full_name",
    "firstname", "lastname", "surname", "tax_id", "national_id",
})  # fmt: skip
PII_LEVELS = ("confidential", "restricted")


@dataclass(frozen=True)
class _Site:
    """One field of one contract, with where it is written."""

    doc: Document[Contract]
    name_path: tuple[str, ...]  # the element path after `schema.` (array items: `items`)
    yaml: tuple[str, ...]  # the YAML key path to the field's mapping
    field: Field_
    is_items: bool  # the `items:` of an array, not a field the user named


def _fields(cat: Catalog) -> list[_Site]:
    """Every field of every contract; walked once and shared by the rules."""
    return cat.derived("fields.sites", lambda c: list(_walk_fields(c)))


def _walk_fields(cat: Catalog) -> Iterator[_Site]:
    # Walked here rather than through `iter_fields`, whose name paths cannot tell
    # an array's `items:` from a nested field that is called `items`
    # (`order: {type: object, fields: {items: ...}}`, a common name).
    def walk(
        doc: Document[Contract],
        names: tuple[str, ...],
        ypath: tuple[str, ...],
        f: Field_,
        is_items: bool,
    ) -> Iterator[_Site]:
        yield _Site(doc, names, ypath, f, is_items)
        for sub, sf in (f.fields or {}).items():
            yield from walk(doc, (*names, sub), (*ypath, "fields", sub), sf, False)
        if f.items is not None:
            yield from walk(doc, (*names, "items"), (*ypath, "items"), f.items, True)

    for doc, c in cat.contract_docs():
        for name, f in c.schema_.items():
            yield from walk(doc, (name,), ("schema", name), f, False)


def _written(site: _Site, *keys: str) -> bool:
    """Whether the file gives a value at ``keys`` of the field, even one the
    model dropped for a shape error. The loader reports a malformed value
    (``enum: promotion``, ``classification: secret``); saying again that the
    value is missing would send the user after a second mistake they did not make."""
    node: object = site.doc.data
    for part in (*site.yaml, *keys):
        node = node.get(part) if isinstance(node, dict) else None
    return node not in (None, "", [], {})


def _dotted(name_path: tuple[str, ...]) -> str:
    return ".".join(name_path)


@rule("GOV220", "field-description", Severity.WARNING, family=F)
def field_description(ctx: Context) -> Iterator[Problem]:
    """Every field has a ``description``.

    Consumers read the contract to learn what a field means; a name alone
    (``amount``: gross? net? in which currency?) is how metric wars start.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if site.is_items:
            continue  # array items are described by their array
        if not (f.description or "").strip() and not _written(site, "description"):
            yield Problem(
                doc.key_at(*site.yaml), f"field `{_dotted(name_path)}` has no description"
            )


@rule("GOV221", "field-name-case", Severity.ERROR, family=F)
def field_name_case(ctx: Context) -> Iterator[Problem]:
    """Field names are ``snake_case``.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payrollRunId: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for site in _fields(ctx.catalog):
        doc, name = site.doc, site.name_path[-1]
        if not site.is_items and not SNAKE.match(name):
            like = _snake(name)
            # `1st_run` has no snake_case twin to suggest: say what the rule is.
            advice = (
                f"like `{like}`"
                if SNAKE.match(like)
                else "lowercase words joined by `_`, starting with a letter"
            )
            yield Problem(
                doc.key_at(*site.yaml), f"field name `{name}` is not snake_case ({advice})"
            )


@functools.lru_cache(maxsize=4096)
def _pii_ending(name: str) -> str | None:
    """The PII word the name ends in, if any (the longest: `phone_number`)."""
    words = _snake(name).split("_")
    for n in (2, 1):  # PII words are one or two words long
        tail = "_".join(words[-n:])
        if len(words) >= n and tail in PII_WORDS:
            return tail
    return None


@functools.lru_cache(maxsize=4096)
def _snake(name: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_") or "field_name"


@rule("GOV222", "field-type", Severity.ERROR, family=F)
def field_type(ctx: Context) -> Iterator[Problem]:
    """A field's ``type`` is one govern knows.

    ``string``, ``integer`` (32-bit), ``long``, ``decimal(p,s)``, ``float``,
    ``double``, ``boolean``, ``date``, ``timestamp``, ``timestamp_tz``,
    ``time``, ``bytes``, ``json``, ``object`` (with ``fields``), ``array``
    (with ``items``). Types are compared across versions to classify changes,
    so free-form types are refused.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: varchar(36), required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, max_length: 36, required: true, description: Run identifier}
    """
    for site in _fields(ctx.catalog):
        doc, f = site.doc, site.field
        if parse_type(f.type) is None:
            yield Problem(
                doc.at(*site.yaml, "type"),
                f"`{f.type}` is not a field type (string, integer, long, decimal(p,s), float, "
                "double, boolean, date, timestamp, timestamp_tz, time, bytes, json, object, array)",
            )


@rule("GOV223", "field-structure", Severity.ERROR, family=F)
def field_structure(ctx: Context) -> Iterator[Problem]:
    """An ``object`` field has ``fields``, an ``array`` has ``items``, and no other type has either.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          totals: {type: object, description: Totals of the run}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          totals:
            type: object
            description: Totals of the run
            fields:
              gross: {type: "decimal(18,2)", description: Sum of gross pay}
    """
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        t = parse_type(f.type)
        if t is None:
            continue
        name = _dotted(name_path)
        if t.name == "object" and not f.fields and not _written(site, "fields"):
            yield Problem(doc.at(*site.yaml, "type"), f"object field `{name}` needs `fields:`")
        if t.name == "array" and f.items is None and not _written(site, "items"):
            yield Problem(doc.at(*site.yaml, "type"), f"array field `{name}` needs `items:`")
        if f.fields and t.name != "object":
            yield Problem(
                doc.key_at(*site.yaml, "fields"),
                f"`fields` only applies to objects; `{name}` is {t}",
            )
        if f.items is not None and t.name != "array":
            yield Problem(
                doc.key_at(*site.yaml, "items"), f"`items` only applies to arrays; `{name}` is {t}"
            )


@rule("GOV224", "constraint-fit", Severity.ERROR, family=F)
def constraint_fit(ctx: Context) -> Iterator[Problem]:
    """Constraints fit the field's type and each other.

    ``pattern``, ``min_length`` and ``max_length`` apply to strings; ``min``
    and ``max`` to numbers; enum values have the field's type; a minimum is not
    above its maximum.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          worker_count: {type: integer, min: 10, max: 1, description: Workers paid}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          worker_count: {type: integer, min: 1, max: 100000, description: Workers paid}
    """
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        t = parse_type(f.type)
        if t is None:
            continue
        base = site.yaml
        name = _dotted(name_path)
        for key in ("pattern", "min_length", "max_length"):
            if getattr(f, key) is not None and not t.textual:
                yield Problem(
                    doc.key_at(*base, key), f"`{key}` applies to strings; `{name}` is {t}"
                )
        for key in ("min", "max"):
            if getattr(f, key) is not None and not t.numeric:
                yield Problem(
                    doc.key_at(*base, key), f"`{key}` applies to numbers; `{name}` is {t}"
                )
        if f.min is not None and f.max is not None and f.min > f.max:
            yield Problem(doc.at(*base, "min"), f"`{name}`: min {f.min} is above max {f.max}")
        if f.min_length is not None and f.max_length is not None and f.min_length > f.max_length:
            yield Problem(
                doc.at(*base, "min_length"),
                f"`{name}`: min_length {f.min_length} is above max_length {f.max_length}",
            )
        for i, value in enumerate(f.enum or []):
            wrong = (
                (t.textual and not isinstance(value, str))
                or (t.numeric and (isinstance(value, bool) or not isinstance(value, (int, float))))
                or (t.name == "boolean" and not isinstance(value, bool))
                or (
                    # 2.5 is no value of a whole-number field (a YAML 2.0 is, though)
                    t.name in ("integer", "long")
                    and isinstance(value, float)
                    and not value.is_integer()
                )
            )
            if wrong:
                yield Problem(
                    doc.at(*base, "enum", i),
                    f"enum value {value!r} does not fit the type of `{name}` ({t})",
                )


@rule("GOV225", "invalid-pattern", Severity.ERROR, family=F)
def invalid_pattern(ctx: Context) -> Iterator[Problem]:
    """A field's ``pattern`` is a regular expression that compiles.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          country_code: {type: string, pattern: "^[A-Z{2}$", description: ISO 3166-1 alpha-2}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          country_code: {type: string, pattern: "^[A-Z]{2}$", description: ISO 3166-1 alpha-2}
    """
    for site in _fields(ctx.catalog):
        doc, f = site.doc, site.field
        if f.pattern is None:
            continue
        try:
            re.compile(f.pattern)
        except re.error as exc:
            yield Problem(doc.at(*site.yaml, "pattern"), f"pattern does not compile: {exc}")


@rule("GOV226", "enum-duplicates", Severity.ERROR, family=F)
def enum_duplicates(ctx: Context) -> Iterator[Problem]:
    """Enum values are distinct, also ignoring case and spacing.

    A free-text field that collected "promo", "promotion", "Promotion": values
    that differ only in case or spacing are the same category written twice.

    Fails:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, enum: [promotion, Promotion, merit_increase], description: Why it changed}

    Passes:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, enum: [promotion, merit_increase, annual_increase], description: Why it changed}
    """
    for site in _fields(ctx.catalog):
        doc, f = site.doc, site.field
        seen: dict[str, object] = {}
        for i, value in enumerate(f.enum or []):
            key = re.sub(r"[\s_-]+", "", str(value)).casefold()
            if key in seen:
                yield Problem(
                    doc.at(*site.yaml, "enum", i),
                    f"enum value {value!r} repeats {seen[key]!r}",
                )
            else:
                seen[key] = value


@rule("GOV227", "categorical-enum", Severity.WARNING, family=F)
def categorical_enum(ctx: Context) -> Iterator[Problem]:
    """A categorical string field (``*_status``, ``*_type``, ``*_reason``, ...) has an ``enum``.

    A free-text ``salary_change_reason`` field once collected "promo",
    "Promotion", "annual increase" and "boss said so". Name endings that mark a
    category are ``categorical_suffixes`` in govern.yaml; a field named by the
    ending alone (``status``, ``reason``) is categorical too. A ``pattern``
    also bounds the values, so it counts instead of an enum.

    Fails:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, description: Why the salary changed}

    Passes:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, enum: [promotion, merit_increase, annual_increase, correction], description: Why the salary changed}
    """
    suffixes = tuple(ctx.config.categorical_suffixes)
    bare = {s.lstrip("_") for s in suffixes}
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        name = name_path[-1]
        t = parse_type(f.type)
        categorical = not site.is_items and (name.endswith(suffixes) or name in bare)
        bounded = f.enum or f.pattern or _written(site, "enum") or _written(site, "pattern")
        if t is not None and t.textual and categorical and not bounded:
            yield Problem(
                doc.key_at(*site.yaml),
                f"`{_dotted(name_path)}` looks categorical but allows free text: list its values in `enum`",
            )


@rule("GOV228", "pii-classification", Severity.ERROR, family=F)
def pii_classification(ctx: Context) -> Iterator[Problem]:
    """A field with ``pii: true`` is classified ``confidential`` or ``restricted``.

    Personal data must say how sensitive it is, so that access and retention
    can follow (PII encrypted at rest, access controlled).

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          worker_email: {type: string, pii: true, masking: hash, description: Contact address}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          worker_email: {type: string, pii: true, classification: confidential, masking: hash, description: Contact address}
    """
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if not f.pii:
            continue
        base = site.yaml
        if f.classification is None and not _written(site, "classification"):
            yield Problem(
                doc.key_at(*base),
                f"PII field `{_dotted(name_path)}` has no classification (confidential or restricted)",
            )
        elif f.classification is not None and f.classification not in PII_LEVELS:
            yield Problem(
                doc.at(*base, "classification"),
                f"PII field `{_dotted(name_path)}` is classified `{f.classification}`; personal data is confidential or restricted",
            )


@rule("GOV229", "pii-masking", Severity.WARNING, family=F)
def pii_masking(ctx: Context) -> Iterator[Problem]:
    """A field with ``pii: true`` says how it is handled (``masking``).

    ``masking`` names the handling consumers get: ``hash``, ``redact``,
    ``tokenize``, ``encrypt``, or ``none`` written on purpose.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          worker_email: {type: string, pii: true, classification: confidential, description: Contact address}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          worker_email: {type: string, pii: true, classification: confidential, masking: hash, description: Contact address}
    """
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if f.pii and not (f.masking or "").strip():
            yield Problem(
                doc.key_at(*site.yaml),
                f"PII field `{_dotted(name_path)}` has no `masking` (how consumers get it)",
            )


@rule("GOV230", "pii-undeclared", Severity.WARNING, family=F)
def pii_undeclared(ctx: Context) -> Iterator[Problem]:
    """A field whose name says personal data (email, phone, ssn, ...) is marked ``pii``.

    Write ``pii: false`` to say on purpose that it is not (a company's
    support email, say).

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          worker_email: {type: string, description: Contact address}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          worker_email: {type: string, pii: true, classification: confidential, masking: hash, description: Contact address}
    """
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        # The name must *end* in the word (camelCase split too): `workerEmail`
        # and `home_address` are personal data; `address_id` (a key) and
        # `email_send_status` are not; `surtax_identifier` holds no `tax_id`.
        hit = _pii_ending(name_path[-1])
        base = site.yaml
        explicit = "pii" in f.model_fields_set or "pii" in _raw(doc, base)
        if hit and not f.pii and not explicit:
            yield Problem(
                doc.key_at(*base),
                f"`{_dotted(name_path)}` looks like personal data ({hit}) but is not marked "
                "`pii: true` (write `pii: false` if it is not)",
            )


def _raw(doc: Document[Contract], path: tuple[str, ...]) -> dict[str, object]:
    node: object = doc.data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


@rule("GOV231", "field-deprecation-reason", Severity.ERROR, family=F)
def field_deprecation_reason(ctx: Context) -> Iterator[Problem]:
    """A deprecated field says why, and when it will be removed.

    ``deprecated:`` on a field is the notice that starts the clock for its
    removal (PRODUCT.md section 3); consumers need the reason and the date.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          gross_total: {type: "decimal(18,2)", description: Sum of gross pay}
          legacy_total: {type: "decimal(18,2)", description: Old total, deprecated: true}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          gross_total: {type: "decimal(18,2)", description: Sum of gross pay}
          legacy_total:
            type: "decimal(18,2)"
            description: Old total
            deprecated: {reason: use gross_total, removal: 2027-01-15}
    """
    for site in _fields(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if f.deprecated is None:
            continue
        missing = [
            k
            for k in ("reason", "removal")
            if getattr(f.deprecated, k) in (None, "") and not _written(site, "deprecated", k)
        ]
        if missing:
            yield Problem(
                doc.at(*site.yaml, "deprecated"),
                f"deprecated field `{_dotted(name_path)}` has no {' and no '.join(missing)} "
                "(write `deprecated: {reason: ..., removal: YYYY-MM-DD}`)",
            )


RULES = [
    field_description, field_name_case, field_type, field_structure, constraint_fit,
    invalid_pattern, enum_duplicates, categorical_enum, pii_classification, pii_masking,
    pii_undeclared, field_deprecation_reason,
]  # fmt: skip

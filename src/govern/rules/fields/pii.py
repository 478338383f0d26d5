"""GOV228-230: personal data is marked, classified and masked."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.load.documents import Document
from govern.model.contract import Contract
from govern.rules.base import Context, rule
from govern.rules.fields.names import snake
from govern.rules.fields.sites import F, dotted, field_sites, written

# Field names that hold personal data when they appear as a whole word of the
# name (seed 001: "This pipeline processes email addresses (PII)").
PII_WORDS = frozenset({
    "email", "phone", "phone_number", "mobile", "ssn", "passport", "iban", "address",
    "birth", "birth_date", "dob", "salary", "first_name", "last_name", "full_name",
    "firstname", "lastname", "surname", "tax_id", "national_id",
})  # fmt: skip
PII_LEVELS = ("confidential", "restricted")


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
    for site in field_sites(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if not f.pii:
            continue
        base = site.yaml
        if f.classification is None and not written(site, "classification"):
            yield Problem(
                doc.key_at(*base),
                f"PII field `{dotted(name_path)}` has no classification (confidential or restricted)",
            )
        elif f.classification is not None and f.classification not in PII_LEVELS:
            yield Problem(
                doc.at(*base, "classification"),
                f"PII field `{dotted(name_path)}` is classified `{f.classification}`; personal data is confidential or restricted",
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
    for site in field_sites(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if f.pii and not (f.masking or "").strip():
            yield Problem(
                doc.key_at(*site.yaml),
                f"PII field `{dotted(name_path)}` has no `masking` (how consumers get it)",
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
    for site in field_sites(ctx.catalog):
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
                f"`{dotted(name_path)}` looks like personal data ({hit}) but is not marked "
                "`pii: true` (write `pii: false` if it is not)",
            )


def _raw(doc: Document[Contract], path: tuple[str, ...]) -> dict[str, object]:
    node: object = doc.data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


@functools.lru_cache(maxsize=4096)
def _pii_ending(name: str) -> str | None:
    """The PII word the name ends in, if any (the longest: `phone_number`)."""
    words = snake(name).split("_")
    for n in (2, 1):  # PII words are one or two words long
        tail = "_".join(words[-n:])
        if len(words) >= n and tail in PII_WORDS:
            return tail
    return None

"""``govern conflicts``: definitions that contradict each other (docs/conflicts.md).

Seed 000's "metric definition wars": finance computes payroll error rate as
``errors / total_workers``, ops as ``errors / total_payslip_line_items``, and
the CEO sees two numbers under one name. Lint (GOV404) says that two metrics
answer to one name; this report says whether they *mean* the same, comparing
their formulas as parsed SQL (:mod:`govern.sql`), which part differs, and who
owns each side. Pure: no I/O, no printing; the reporters format the
:class:`ConflictReport`.

Kinds (the normative ``kind`` of the JSON output):

- ``metric-definition`` (error): metrics whose ids, names or aliases collide
  (case, spacing, ``_``/``-`` folded, as GOV404) but whose definitions differ:
  the formula as parsed SQL, the ``filter``, and the ``sources`` when every
  side lists them.
- ``metric-duplicate`` (warning): one definition (same normalised formula,
  filter and sources) under different metric ids: merge them.
- ``contract-claim`` (error): two contracts for one thing: the same
  ``dataset`` (a contract's ``dataset:``, or a dataset's ``contract:`` in
  ownership/), the same producer and name (the id without its first, domain
  segment: ``payroll.payslip.generated`` and ``analytics.payslip_generated``
  from one ``payroll-service``), or one contract id defined in two files.
- ``owner`` (error): one asset with different accountable owners: a pipeline
  or dataset defined twice with different ``primary``, or a dataset whose
  ``primary`` is not the ``owner`` of the contract that promises it.
- ``raci`` (error): one RACI activity (folded like metric names) defined
  twice with different letters.
"""

from __future__ import annotations

from govern.catalog import Catalog
from govern.reports.conflicts import contracts, metrics, owners, raci
from govern.reports.conflicts.report import (
    KINDS,
    Conflict,
    ConflictReport,
    Kind,
    Level,
    Member,
)

__all__ = ["KINDS", "Conflict", "ConflictReport", "Kind", "Level", "Member", "conflicts"]


def conflicts(catalog: Catalog) -> ConflictReport:
    found = [
        *metrics.definitions(catalog),
        *metrics.duplicates(catalog),
        *contracts.claims(catalog),
        *owners.assets(catalog),
        *raci.activities(catalog),
    ]
    found.sort(key=lambda c: (c.severity != "error", KINDS.index(c.kind), c.name.casefold()))
    return ConflictReport(
        tuple(found),
        metrics=sum(len(d) for d in catalog.metrics.values()),
        dbt_metrics=len(catalog.dbt.metrics) if catalog.dbt is not None else None,
        contracts=sum(len(d) for d in catalog.contracts.values()),
        assets=sum(len(e) for e in catalog.pipelines.values())
        + sum(len(e) for e in catalog.datasets.values()),
        activities=sum(len(e) for e in catalog.raci.values()),
    )

"""Identity is the id, never the file: each id is defined once."""

from __future__ import annotations

from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "references"


@rule("GOV109", "duplicate-id", Severity.ERROR, family=F)
def duplicate_id(ctx: Context) -> Iterator[Problem]:
    """Each contract, metric, team, pipeline, dataset and RACI activity is defined once.

    Identity is the id, never the file: two files that define the same id make
    every reference to it ambiguous.

    Fails:

        # contracts/payroll/payslip_generated_v2.yaml
        contract: payroll.payslip.generated
        version: 2.0.0
        status: draft
        kind: event
        description: One event per generated payslip.
        owner: payroll-engine
        schema:
          payslip_id: {type: string, required: true, description: Payslip identifier}

    Passes:

        # contracts/payroll/payslip_corrected.yaml
        contract: payroll.payslip.corrected
        version: 1.0.0
        status: draft
        kind: event
        description: One event per corrected payslip.
        owner: payroll-engine
        schema:
          payslip_id: {type: string, required: true, description: Payslip identifier}
    """
    cat = ctx.catalog
    for kind, docs_by_id in (("contract", cat.contracts), ("metric", cat.metrics)):
        for ident, docs in docs_by_id.items():
            for doc in docs[1:]:
                yield Problem(
                    doc.at(kind),
                    f"{kind} `{ident}` is also defined in {docs[0].path}:{docs[0].at(kind).line}",
                )
    sections = (("team", cat.teams), ("pipeline", cat.pipelines), ("dataset", cat.datasets),
                ("RACI activity", cat.raci))  # fmt: skip
    for what, entries_by_id in sections:
        for ident, entries in entries_by_id.items():
            first = entries[0]
            for entry in entries[1:]:
                yield Problem(
                    entry.key_at(),
                    f"{what} `{ident}` is also defined in {first.doc.path}:{first.key_at().line}",
                )

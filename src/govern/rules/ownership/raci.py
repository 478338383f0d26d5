"""RACI rows (seed 004): exactly one A, at least one R, and cells written in
R, A, C and I (that each column is a team is GOV107's)."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog_checks import raci
from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "ownership"


@rule("GOV503", "raci-accountable", Severity.ERROR, family=F)
def raci_accountable(ctx: Context) -> Iterator[Problem]:
    """Each RACI activity has exactly one Accountable team (A).

    Accountable means the final decision, which cannot be delegated. Two A's is no
    decision-maker; none is the finger-pointing the RACI was meant to end.

    Fails:

        # ownership/raci.yaml
        raci:
          feature_store_infra: {data-engineering: R/A, mlops: R/A, product: I}

    Passes:

        # ownership/raci.yaml
        raci:
          feature_store_infra: {data-engineering: R/A, mlops: R, product: I}
    """
    for entry in ctx.catalog.raci_entries():
        accountable = raci.holding(entry.value, "A")
        if len(accountable) != 1:
            found = ", ".join(f"`{t}`" for t in accountable) or "none"
            yield Problem(
                entry.key_at(),
                f"activity `{entry.id}` needs exactly one A (accountable); found {found}",
            )


@rule("GOV504", "raci-responsible", Severity.ERROR, family=F)
def raci_responsible(ctx: Context) -> Iterator[Problem]:
    """Each RACI activity has at least one Responsible team (R).

    Fails:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: C, product: C}

    Passes:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: R, product: C}
    """
    for entry in ctx.catalog.raci_entries():
        if not raci.holding(entry.value, "R"):
            yield Problem(
                entry.key_at(),
                f"activity `{entry.id}` has no R (responsible): nobody does the work",
            )


@rule("GOV505", "raci-letters", Severity.ERROR, family=F)
def raci_letters(ctx: Context) -> Iterator[Problem]:
    """RACI cells are R, A, C or I, combined with ``/`` (``R/A``).

    Fails:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: Responsible}

    Passes:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: R}
    """
    for entry in ctx.catalog.raci_entries():
        for team, value in entry.value.items():
            if not raci.well_formed(value):
                yield Problem(
                    entry.at(team),
                    f"`{value}` is not a RACI value: write R, A, C, I, or a combination like R/A",
                )

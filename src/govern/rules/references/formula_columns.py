"""The columns a metric's formula reads are fields of its sources: the
lineage from a metric back to promised data."""

from __future__ import annotations

from collections.abc import Iterator

from govern import sql
from govern.catalog_checks.formulas import unread_columns
from govern.catalog_checks.names import did_you_mean
from govern.catalog_checks.references import names_as_written
from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "references"


@rule("GOV105", "unknown-formula-column", Severity.ERROR, family=F)
def unknown_formula_column(ctx: Context) -> Iterator[Problem]:
    """Every column a metric's formula reads is a field of one of its sources.

    The formula is parsed as SQL (in the metric's ``dialect``) and each column
    reference is looked up in the source contracts' fields; this is the lineage
    from a metric back to promised data.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(is_corrected) / count(payslip_id)
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    cat = ctx.catalog
    for doc, m in cat.metric_docs():
        if not m.formula or not m.sources:
            continue
        known: set[str] = set()
        for source in m.sources:
            names = names_as_written(cat, source)
            if names is None:
                break  # an unknown or broken source is reported on its own
            known |= names
        else:
            formula = sql.analyze(m.formula, m.dialect)
            if formula.error:
                continue
            for col in unread_columns(formula.columns, known):
                yield Problem(
                    doc.at("formula"),
                    f"formula reads `{col.dotted}`, which is not a field of "
                    f"{', '.join(m.sources)}{did_you_mean(col.name, known)}",
                )

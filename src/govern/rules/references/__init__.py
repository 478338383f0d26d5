"""Reference rules (GOV101-111): what one document names resolves to another,
one small family a module: names that must be teams (``teams``), ids that must
be contracts (``contracts``), the columns formulas read (``formula_columns``),
escalation targets (``escalation``), ids defined twice (``duplicates``), and
the people of a rotation or leave (``members``).
"""

from __future__ import annotations

from govern.rules.references import (
    contracts,
    duplicates,
    escalation,
    formula_columns,
    members,
    teams,
)

RULES = [
    teams.unknown_owner,
    teams.unknown_consumer,
    teams.unknown_approver,
    contracts.unknown_metric_source,
    formula_columns.unknown_formula_column,
    contracts.unknown_pipeline_source,
    teams.unknown_raci_team,
    escalation.unknown_escalation_target,
    duplicates.duplicate_id,
    members.unknown_team_member,
    contracts.unknown_dataset_contract,
]

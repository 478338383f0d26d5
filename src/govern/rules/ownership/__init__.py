"""Ownership rules (GOV501-511), seeds 003 and 004, one small family a module:
an accountable owner and a backup for every asset (``owners``), RACI rows
(``raci``), escalation chains without loops (``escalation``), on-call rotations
that can be computed (``oncall``), teams named alike and reachable (``teams``).
"""

from __future__ import annotations

from govern.rules.ownership import escalation, oncall, owners, raci, teams

RULES = [
    owners.missing_owner,
    owners.primary_is_secondary,
    raci.raci_accountable,
    raci.raci_responsible,
    raci.raci_letters,
    escalation.escalation_cycle,
    oncall.oncall_rotation,
    oncall.leave_range,
    teams.team_id_format,
    owners.secondary_owner,
    teams.team_contact,
]

"""``govern owners ASSET``: who owns an asset, who is on call, whom to escalate to.

An asset is a contract, a metric, a pipeline or a dataset, named by its id or a
prefix of one id; ``kind:id`` (``pipeline:unit_level_profit``) picks one when
two kinds share an id. The report is plain data; the reporters print it.

- a **pipeline**: its primary and secondary owner teams, the on-call of its
  ``oncall`` team (default: the primary team), its ``severity_escalation`` levels
  with their roles resolved, then the primary team's own ``escalation``;
- a **contract**: its owner team (and that team's on-call), its consumers, and the
  pipelines that read it (``sources``) with their on-call;
- a **metric**: its owner team (and on-call), its approvers, the contracts it
  reads with their owners, and the pipelines that read it;
- a **dataset**: its primary and secondary owners, its contract, and the
  pipelines that write it (``targets``) with their on-call.

Roles in a pipeline's escalation (seed 003: "if unresolved within 2 hours, alert
manager and relevant pipeline owner (e.g., Finance, SWE)"): ``manager`` is the
manager of the team on call for the pipeline (``oncall``, default the primary
team), whose engineer did not resolve it; ``owner`` and ``primary`` the primary
team; ``secondary`` the secondary team; ``oncall`` the person on call now. In a
team's own ``escalation``, ``manager`` is that team's manager.
"""

from __future__ import annotations

import datetime as dt

from govern.catalog import Catalog
from govern.reports.owners.assets import Builder
from govern.reports.owners.find import Candidate, NotFound, find
from govern.reports.owners.report import (
    KINDS,
    Consumer,
    Contact,
    Kind,
    Level,
    OwnersReport,
    Related,
    Rota,
    TeamInfo,
)

__all__ = [
    "KINDS",
    "Candidate",
    "Consumer",
    "Contact",
    "Kind",
    "Level",
    "NotFound",
    "OwnersReport",
    "Related",
    "Rota",
    "TeamInfo",
    "find",
    "owners",
]


def owners(catalog: Catalog, found: Candidate, now: dt.datetime) -> OwnersReport:
    """The report on one asset that :func:`find` returned."""
    return Builder(catalog, now).build(found)

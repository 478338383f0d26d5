"""Escalation chains end: following teams' ``escalation`` never loops."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import pairwise

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "ownership"


@rule("GOV506", "escalation-cycle", Severity.ERROR, family=F)
def escalation_cycle(ctx: Context) -> Iterator[Problem]:
    """Team escalation chains end; they never lead back to a team already in the chain.

    A team's ``escalation`` lists who is next, in order; following teams'
    chains from one to the next must not loop, or an incident is passed around
    forever.

    Fails:

        # ownership/escalation.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
            escalation: [infra]
          infra:
            name: Infrastructure
            slack: "#infra"
            members: [ines]
            escalation: [platform]

    Passes:

        # ownership/escalation.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
            escalation: [infra]
          infra:
            name: Infrastructure
            slack: "#infra"
            members: [ines]
            escalation: [ines]
    """
    cat = ctx.catalog
    # A team defined in two files (GOV109) keeps the edges of both definitions.
    graph: dict[str, list[str]] = {}
    for t in cat.team_entries():
        edges = graph.setdefault(t.id, [])
        edges += [n for n in t.value.escalation if n in cat.teams and n not in edges]
    for loop in _loops(graph):
        start, step = loop[0], loop[1]
        entry = next(e for e in cat.teams[start] if step in e.value.escalation)
        i = entry.value.escalation.index(step)
        yield Problem(entry.at("escalation", i), f"escalation loops back: {' -> '.join(loop)}")


def _loops(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Loops of the escalation graph, each as its teams with the first repeated
    at the end: for every escalation step on some loop, the shortest loop
    through it, unless a loop already reported takes that step.

    Listing every loop instead is exponential: a file where fifteen teams
    escalate to one another would hang the CI run that lints it. This is
    bounded by the number of steps, and reports a loop of two or three teams
    once, from the alphabetically first team in it."""
    explained: set[tuple[str, str]] = set()
    for team in sorted(graph):
        for nxt in graph[team]:
            if (team, nxt) in explained:
                continue
            back = _shortest_path(graph, nxt, team)
            if back is None:
                continue  # this step leads away for good: no loop
            loop = [team, *back]
            explained.update(pairwise(loop))
            yield loop


def _shortest_path(graph: dict[str, list[str]], source: str, target: str) -> list[str] | None:
    """The teams from ``source`` to ``target`` (both included), breadth first."""
    came_from: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            path: list[str] = []
            at: str | None = node
            while at is not None:
                path.append(at)
                at = came_from[at]
            return path[::-1]
        for nxt in graph.get(node, []):
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None

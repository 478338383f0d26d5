"""Finding the asset ``govern owners`` is asked about: an exact id, else the
only id the name begins, optionally picked by kind (``pipeline:unit_level_profit``)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from govern.catalog import Catalog
from govern.reports.owners.report import KINDS, Kind


@dataclass(frozen=True)
class Candidate:
    kind: Kind
    id: str


@dataclass(frozen=True)
class NotFound:
    """No asset, or more than one, answers to the name asked."""

    query: str
    reason: Literal["unknown", "ambiguous", "broken"]
    candidates: list[Candidate]  # the prefix matches, or the closest ids
    message: str


def _ids(catalog: Catalog) -> list[Candidate]:
    return [
        *(Candidate("contract", i) for i in catalog.contracts if catalog.contracts[i]),
        *(Candidate("metric", i) for i in catalog.metrics if catalog.metrics[i]),
        *(Candidate("pipeline", i) for i in catalog.pipelines if catalog.pipelines[i]),
        *(Candidate("dataset", i) for i in catalog.datasets if catalog.datasets[i]),
    ]


def find(catalog: Catalog, query: str) -> Candidate | NotFound:
    """The one asset named ``query``: an exact id, else the only id it prefixes."""
    name = query.strip()
    kind, sep, rest = name.partition(":")
    pool = _ids(catalog)
    if sep and kind in KINDS:
        name = rest.strip()
        pool = [c for c in pool if c.kind == kind]
    exact = [c for c in pool if c.id == name]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        kinds = " and ".join(f"a {c.kind}" for c in exact)
        picks = " or ".join(f"`{c.kind}:{c.id}`" for c in exact)
        return NotFound(query, "ambiguous", exact, f"`{name}` is {kinds}: write {picks}")
    prefixed = sorted((c for c in pool if c.id.startswith(name)), key=lambda c: (c.id, c.kind))
    if len(prefixed) == 1 and name:
        return prefixed[0]
    if len(prefixed) > 1 and name:
        return NotFound(
            query,
            "ambiguous",
            prefixed,
            f"`{name}` begins {len(prefixed)} ids: give more of the one you mean",
        )
    if name in catalog.broken_ids:
        return NotFound(
            query,
            "broken",
            [],
            f"`{name}` is defined in a file govern cannot read: `govern lint` says what is wrong",
        )
    ids = sorted({c.id for c in pool})
    close = difflib.get_close_matches(name, ids, n=3, cutoff=0.6)
    if not close:
        folded = name.casefold()
        close = [i for i in ids if folded and folded in i.casefold()][:3]
    matches = [c for i in close for c in pool if c.id == i]
    what = f"{kind} " if sep and kind in KINDS else "contract, metric, pipeline or dataset "
    message = f"no {what}has the id `{name}`"
    if matches:
        names = [f"`{c.id}`" for c in matches]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        message += f"; did you mean {listed}?"
    return NotFound(query, "unknown", matches, message)

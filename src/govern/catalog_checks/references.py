"""Whether a name written in one document resolves to another document.

Lint reports a reference that does not resolve (GOV103-105); ``govern
coverage`` counts the assets whose references all resolve. Both ask here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from govern.catalog import Catalog

ContractStatus = Literal["contract", "broken", "unknown"]


def unknown_teams(catalog: Catalog, names: Iterable[str]) -> Iterator[tuple[int, str]]:
    """The names (with their index) that are not teams: an approver that does
    not exist is no approval."""
    for i, name in enumerate(names):
        if not catalog.has_team(name):
            yield i, name


def contract_status(catalog: Catalog, cid: str) -> ContractStatus:
    """``contract`` when ``cid`` names a contract; ``broken`` when the file
    that defines it cannot be read (its own findings say why, so a reference
    to it is no second mistake); else ``unknown``."""
    if catalog.contract(cid) is not None:
        return "contract"
    return "broken" if catalog.has_contract(cid) else "unknown"


def names_as_written(catalog: Catalog, cid: str) -> set[str] | None:
    """Field names a formula may read from contract ``cid``, with those written
    in a contract that has shape errors; None when it is unknown.

    A contract with shape errors was loaded without its broken parts (a field
    with no ``type`` is dropped): lint still counts the names written in its
    file, so one mistake in the contract is not reported again in every metric."""
    names = catalog.contract_field_names(cid)
    docs = catalog.contracts.get(cid)
    if names is None or not docs or docs[0].complete:
        return names
    raw = docs[0].data.get("schema")
    if not isinstance(raw, dict):
        return None  # the whole schema is unreadable: nothing to compare with
    return names | _raw_field_names(raw, ())


def _raw_field_names(schema: object, prefix: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    if not isinstance(schema, dict):
        return out
    for name, raw in schema.items():
        path = (*prefix, str(name))
        out |= {path[-1], ".".join(path)}
        if isinstance(raw, dict):
            out |= _raw_field_names(raw.get("fields"), path)
    return out

"""Field documentation: contract fields with a description."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog import Catalog
from govern.model.contract import Field_
from govern.reports.coverage.report import Counted, Gap, owning_team


def _has_description(f: Field_) -> bool:
    return bool((f.description or "").strip())


def described(catalog: Catalog) -> Iterator[Counted]:
    for cid, docs in catalog.contracts.items():
        c = docs[0].model
        assert c is not None
        team = owning_team(c.owner)
        for name_path, f in _walk(c.schema_, ()):
            gap = None
            if not _has_description(f):
                gap = Gap(
                    ".".join(name_path), "field", team, docs[0].path, ("no description",), cid
                )
            yield Counted(team, gap)


def _walk(
    fields: dict[str, Field_], prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], Field_]]:
    """Every field a person named, nested ones included; an array's ``items:``
    is described by its array (as in GOV220) and is not counted itself, but
    the fields of an array of objects are."""
    for name, f in fields.items():
        path = (*prefix, name)
        yield path, f
        yield from _walk(f.fields or {}, path)
        item = f.items
        while item is not None:
            yield from _walk(item.fields or {}, (*path, "items"))
            item = item.items

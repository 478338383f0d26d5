"""Every field of every contract, walked once and shared by the field rules,
and what they ask of one field's YAML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from govern.catalog import Catalog
from govern.load.documents import Document
from govern.model.contract import Contract, Field_

F = "fields"


@dataclass(frozen=True)
class Site:
    """One field of one contract, with where it is written."""

    doc: Document[Contract]
    name_path: tuple[str, ...]  # the element path after `schema.` (array items: `items`)
    yaml: tuple[str, ...]  # the YAML key path to the field's mapping
    field: Field_
    is_items: bool  # the `items:` of an array, not a field the user named


def field_sites(cat: Catalog) -> list[Site]:
    """Every field of every contract; walked once and shared by the rules."""
    return cat.derived("fields.sites", lambda c: list(_walk_fields(c)))


def _walk_fields(cat: Catalog) -> Iterator[Site]:
    # Walked here rather than through `iter_fields`, whose name paths cannot tell
    # an array's `items:` from a nested field that is called `items`
    # (`order: {type: object, fields: {items: ...}}`, a common name).
    def walk(
        doc: Document[Contract],
        names: tuple[str, ...],
        ypath: tuple[str, ...],
        f: Field_,
        is_items: bool,
    ) -> Iterator[Site]:
        yield Site(doc, names, ypath, f, is_items)
        for sub, sf in (f.fields or {}).items():
            yield from walk(doc, (*names, sub), (*ypath, "fields", sub), sf, False)
        if f.items is not None:
            yield from walk(doc, (*names, "items"), (*ypath, "items"), f.items, True)

    for doc, c in cat.contract_docs():
        for name, f in c.schema_.items():
            yield from walk(doc, (name,), ("schema", name), f, False)


def written(site: Site, *keys: str) -> bool:
    """Whether the file gives a value at ``keys`` of the field, even one the
    model dropped for a shape error. The loader reports a malformed value
    (``enum: promotion``, ``classification: secret``); saying again that the
    value is missing would send the user after a second mistake they did not make."""
    node: object = site.doc.data
    for part in (*site.yaml, *keys):
        node = node.get(part) if isinstance(node, dict) else None
    return node not in (None, "", [], {})


def dotted(name_path: tuple[str, ...]) -> str:
    return ".".join(name_path)

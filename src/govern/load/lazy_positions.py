"""A document's positions, computed only when a finding needs one (most
documents have none), and asked for by native paths in an ODCS file too."""

from __future__ import annotations

from govern.load import odcs
from govern.load.yamlpos import Mark, Path, Positions, positions


class LazyPositions:
    """Positions computed on first use by reading the text again: most
    documents have no findings, and recording a mark for every key and value
    of every file costs more time and memory than the rest of loading."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._positions: Positions | None = None

    def get(self) -> Positions:
        if self._positions is None:
            assert self._text is not None
            self._positions = positions(self._text)
            self._text = None
        return self._positions

    def value(self, path: Path) -> Mark:
        return self.get().value(path)

    def key(self, path: Path) -> Mark:
        return self.get().key(path)

    def written_key(self, path: Path) -> Mark | None:
        """The mark of the key at exactly ``path``; None when it is not written."""
        return self.get().keys.get(path)


class OdcsPositions(LazyPositions):
    """Positions of an ODCS file, asked for by native paths (the rules know
    only those): each is translated to the ODCS path it was mapped from
    (``schema.tbl.fields.id.type`` -> ``schema[0].properties[2].logicalType``),
    then looked up as usual (the nearest existing ancestor when the key is not
    written). The key of a field is its list item, so it points at the
    property's ``name:``."""

    def __init__(self, text: str, routes: dict[Path, Path] | None = None) -> None:
        super().__init__(text)
        self.routes: dict[Path, Path] = routes or {}  # none: ODCS paths as they are

    def value(self, path: Path) -> Mark:
        return super().value(odcs.translate(self.routes, path))

    def key(self, path: Path) -> Mark:
        return super().key(odcs.translate(self.routes, path))

    def written_key(self, path: Path) -> Mark | None:
        translated = odcs.translate(self.routes, path)
        # A field's key is its list item (no key of its own): its value's mark.
        if translated and isinstance(translated[-1], int):
            return super().value(translated) if translated in self.get().values else None
        return super().written_key(translated)

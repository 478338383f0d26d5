"""YAML and schema rules (GOV001-015): checked by the loader while it reads each file.

They are registered like every other rule so that they have a code, a
severity you can configure and documentation; the loader reports them
because they are about bytes and YAML, not about the catalog. One job a
module: ``reading`` (bytes on disk), ``syntax`` (YAML), ``kinds`` (what a
file holds), ``shape`` (keys and values), ``suppressions`` (ignore comments).
"""

from __future__ import annotations

from govern.rules.files import kinds, reading, shape, suppressions, syntax

RULES = [
    syntax.YAML_SYNTAX,
    syntax.DUPLICATE_KEY,
    shape.UNKNOWN_KEY,
    shape.WRONG_TYPE,
    shape.MISSING_KEY,
    kinds.EMPTY_FILE,
    kinds.NOT_A_MAPPING,
    kinds.UNKNOWN_KIND,
    reading.UNREADABLE,
    reading.BINARY,
    reading.TOO_LARGE,
    syntax.TOO_COMPLEX,
    reading.SYMLINK,
    suppressions.UNUSED_SUPPRESSION,
    suppressions.BAD_SUPPRESSION,
]

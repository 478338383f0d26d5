"""The caps on untrusted YAML (GOV012): every file may come from a stranger's
pull request, so what reading one costs stays bounded whatever it holds.

libyaml shares aliased nodes, so only our expansion of them can blow up ("billion
laughs"): it is counted in nodes and in characters of text. A document holds at
most ``MAX_VALUES`` values, keys of at most ``MAX_KEY_LENGTH`` characters and
``MAX_DEPTH`` levels of nesting, checked in the text before libyaml sees it.
"""

from __future__ import annotations

import re

from govern.load.marks import Mark, YamlError

# Levels of lists and mappings inside each other.
MAX_DEPTH = 64
# An integer of more digits stays text (where a number is wanted, that is a
# finding): Python converts at most 4,300 decimal digits to or from text.
MAX_DIGITS = 1_000
# Expansion allowance: a file without aliases expands each node once; we allow
# ten expansions per distinct node plus slack before calling it a bomb.
_EXPANSION_FACTOR = 10
_EXPANSION_SLACK = 10_000
# Characters of scalars and keys, counted at each expansion: a file without
# aliases expands each once (no scalar is longer than its text), so twice
# the text plus slack leaves room for anchors reused a few times, not for one
# long text repeated into thousands of places (and of messages).
_TEXT_FACTOR = 2
_TEXT_SLACK = 100_000
# Values (scalars, lists, mappings; aliases expanded) of one document. A
# contract of 10,000 fields with a handful of attributes each stays under it.
MAX_VALUES = 100_000
# libyaml refuses a plain key longer than this; an explicit key (`? ...`) is
# held to the same length. Paths in messages repeat every key above a value.
MAX_KEY_LENGTH = 1_024


def node_budget(text_length: int) -> int:
    """Nodes a document of ``text_length`` characters may expand to.

    Every written node takes at least a character or two of text, so a
    document that expands to more nodes than it has characters (plus slack)
    is made of aliases: a bomb, not data."""
    return text_length * _EXPANSION_FACTOR // 10 + _EXPANSION_SLACK


def text_budget(text_length: int) -> int:
    """Characters of scalars and keys a document may expand to."""
    return text_length * _TEXT_FACTOR + _TEXT_SLACK


def too_many(mark: Mark, budget: int, limit: int) -> YamlError:
    """More nodes than ``limit``: ``MAX_VALUES``, or the alias budget when lower."""
    if limit == MAX_VALUES:
        message = (
            f"the document holds more than {MAX_VALUES:,} values (aliases expanded); "
            f"govern reads at most {MAX_VALUES:,} per file"
        )
    else:
        message = (
            "YAML aliases expand too far (an alias bomb?): refusing to expand more than "
            f"{budget:,} nodes"
        )
    return YamlError("GOV012", mark, message)


def too_much_text(mark: Mark, budget: int) -> YamlError:
    return YamlError(
        "GOV012",
        mark,
        "YAML aliases repeat too much text (an alias bomb?): refusing to expand more "
        f"than {budget:,} characters",
    )


def key_too_long(mark: Mark, length: int) -> YamlError:
    return YamlError(
        "GOV012",
        mark,
        f"a mapping key of {length:,} characters: govern reads keys of at most {MAX_KEY_LENGTH:,}",
    )


def too_deep(mark: Mark) -> YamlError:
    return YamlError("GOV012", mark, f"YAML nested deeper than {MAX_DEPTH} levels")


def recursion() -> YamlError:
    """Python's own recursion limit reached first (a deep but narrow file)."""
    return YamlError("GOV012", Mark(1, 1), "YAML nested too deeply to read")


_DASHES = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH + 1},}}")


def deep_nesting(text: str) -> Mark | None:
    """Where the text nests deeper than we accept, checked before libyaml sees it.

    libyaml's composer recurses on the C stack: a megabyte of ``[`` crashes the
    process (SIGSEGV), where no Python guard can catch it. Deep nesting needs
    many openers on few lines (``[``, ``{``, ``- - -``): indentation alone
    costs quadratic text. So only a file with many openers is scanned."""
    if text.count("[") + text.count("{") + text.count("- ") < 2_000:
        return None
    dashes = _DASHES.search(text)
    if dashes is not None:
        return _offset_mark(text, dashes.start())
    depth, i, n = 0, 0, len(text)
    prev = "\n"  # the last character that is not a space
    while i < n:
        ch = text[i]
        if ch in "\"'" and prev in "\n:-[{,?":
            # A quoted scalar (a quote only opens one where a scalar starts,
            # so the apostrophe in `don't` is text): skip to its end.
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if ch == '"' and text[j] == "\\" else 1
            i, prev = j + 1, ch
            continue
        if ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
            continue
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _offset_mark(text, i)
        elif ch in "]}":
            depth = max(0, depth - 1)
        if ch not in " \t":
            prev = ch
        i += 1
    return None


def _offset_mark(text: str, offset: int) -> Mark:
    line = text.count("\n", 0, offset) + 1
    return Mark(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)

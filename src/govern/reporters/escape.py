"""Make text from a file safe to print, in every output format.

Contract descriptions, keys, values and file names are untrusted: a
description holding ``\\x1b]8;;`` or ``\\r`` could rewrite a terminal line,
``[bold]`` would be Rich markup, a backtick or ``[Approve](https://...)``
would be markdown, and a file name that is not UTF-8 (read with
``surrogateescape``) holds lone surrogates that no UTF-8 writer accepts.

- :func:`control`: control, bidi and line-break characters, and lone
  surrogates, as visible escapes (``\\x1b``, ``\\n``, ``\\u2028``,
  ``\\udc80``). The text reporter builds ``Text`` objects, never markup.
- :func:`control_keep_lines`: the same but CR and LF, which the workflow
  commands of ``reporters.github`` escape their own way.
- :func:`md_text`, :func:`md_code`, :func:`md_message`: every string that
  reaches markdown (``--format markdown``, the job summary, coverage and
  conflicts reports) goes through one of these three.
- :func:`dumps`: JSON that any UTF-8 writer accepts.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 (but tab and LF, handled apart), DEL, C1 (NEL included), the Arabic
# letter mark, LRM/RLM, line and paragraph separators, bidi embeddings,
# overrides and isolates, and lone surrogates.
_INVISIBLE = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
    r"\u202a-\u202e\u2066-\u2069\ud800-\udfff"
)
_CONTROL = re.compile(rf"[\r{_INVISIBLE}]")
_CONTROL_BUT_LINES = re.compile(rf"[{_INVISIBLE}]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    n = ord(m.group())
    return f"\\x{n:02x}" if n < 256 else f"\\u{n:04x}"


def control(text: str) -> str:
    """Replace control and bidi characters, newlines and lone surrogates by visible escapes."""
    return _CONTROL.sub(_visible, text.replace("\n", "\\n").replace("\t", " "))


def control_keep_lines(text: str) -> str:
    """:func:`control` but CR and LF (and tabs), for a caller that escapes those."""
    return _CONTROL_BUT_LINES.sub(_visible, text)


def no_surrogates(text: str) -> str:
    """Lone surrogates as ``\\udcXX``: text that every UTF-8 writer accepts."""
    return _SURROGATE.sub(_visible, text)


def dumps(payload: Any) -> str:
    """JSON as written (``ensure_ascii=False``), but a lone surrogate is the
    six characters ``\\udcXX`` (as ``"\\\\udcXX"``): the result always encodes
    as UTF-8 and every JSON parser reads it."""
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    # json.dumps leaves a lone surrogate raw, and only inside a string.
    return _SURROGATE.sub(lambda m: f"\\\\u{ord(m.group()):04x}", text)


# --- markdown ------------------------------------------------------------------------------------
#
# CommonMark with GitHub's extensions (tables, strikethrough, autolinks, math)
# renders the job summary and pull-request comments. Text from a file must
# stay text: no code span it can close, no link, image, HTML, emphasis, table
# cell or line of its own. Inside a code span nothing is markup, so the span
# is fenced with more backticks than the text holds; outside, every character
# that could start markup is escaped. No ``<`` from a file reaches the output
# at all (``&lt;``, also inside code spans, where it shows as written): no
# renderer, CommonMark or not, can read a tag in it.

# Line breaks end a table row or a heading: a space in markdown.
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# ASCII punctuation that can start inline markup: code, emphasis, links and
# images, strikethrough, table cells, math. (`#` starts a heading only at the
# start of a line, where text from a file never is; `:` `/` `.` stay readable.)
_MARKUP = re.compile(r"([`*_\[\]!|~$])")


def md_text(text: str) -> str:
    """Text from a file outside code spans (a table cell, a heading, a line)."""
    text = _BREAKS.sub(" ", text).replace("\\", "\\\\")
    # control() after the backslashes are doubled: its `\x1b` is a backslash
    # before a letter, which markdown shows as written.
    text = control(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKUP.sub(r"\\\1", text)


def md_code(text: str, *, table: bool = True) -> str:
    """Text from a file as an inline code span that holds it, backticks included.

    The fence is one backtick longer than the longest run in the text; a
    space pads a text that starts or ends with a backtick or a space (CommonMark
    strips one from each side). In a table cell, ``|`` is escaped (GFM splits
    cells before it reads code spans, and unescapes ``\\|`` inside them)."""
    text = control(text).replace("<", "&lt;")
    if table:
        text = text.replace("|", "\\|")
    if not text:
        return "` `"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_message(text: str, *, table: bool = True) -> str:
    """A message govern wrote around names from files, quoting each name in
    backticks (``owner `x` is not a team``): the quoted parts as code spans,
    the rest as text. A name that holds a backtick only moves where a span
    starts or ends; every part stays inert either way, and a backtick left
    unpaired is shown as written."""
    parts = text.split("`")
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(md_text(part))
        elif i == len(parts) - 1:  # an odd number of backticks: the last has no pair
            out.append("\\`" + md_text(part))
        else:
            out.append(md_code(part, table=table))
    return "".join(out)

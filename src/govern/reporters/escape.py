"""Make text from a file safe to print.

Contract descriptions, keys and values are untrusted: a description holding
``\\x1b]8;;`` or ``\\r`` could rewrite a terminal line, and ``[bold]`` would
be Rich markup. Control characters are shown as escapes; Rich markup is never
interpreted because the text reporter builds ``Text`` objects, not markup.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def control(text: str) -> str:
    """Replace control and bidi-override characters (and newlines) by visible escapes."""
    text = text.replace("\n", "\\n").replace("\t", " ")
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )

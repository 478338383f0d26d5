"""Plain values as YAML text in a readable key order, for either format.

Text from the source file is untrusted: characters a terminal acts on and
line breaks a reader would fold are written escaped, and text that a YAML 1.2
reader takes for a number is quoted, so that the output says what it holds.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# Characters a terminal or editor may act on (bidirectional overrides): a
# string holding one is written double-quoted with every non-ASCII character
# escaped, so that the output shows what the text really is.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Line breaks YAML knows beyond \n: in plain or block text a reader turns them
# into spaces or newlines; double quotes keep them as escapes.
_BREAKS = re.compile("[\x85\u2028\u2029]")
# The numbers of the YAML 1.2 core schema that PyYAML (YAML 1.1) writes
# unquoted, since to it they are text.
_YAML12_NUMBER = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


@functools.cache
def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # a value shared in memory is written twice, never as &anchor

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # list items indented under their key

        def write_double_quoted(self, text: str, split: bool = True) -> None:
            if not _BIDI.search(text):
                super().write_double_quoted(text, split)
                return
            saved, self.allow_unicode = self.allow_unicode, False
            try:
                super().write_double_quoted(text, split)
            finally:
                self.allow_unicode = saved

    def text(dumper: Any, value: str) -> Any:
        style = None
        if _BIDI.search(value) or _BREAKS.search(value):
            style = '"'
        elif _YAML12_NUMBER.match(value):
            style = "'"  # a number to YAML 1.2 readers (`1e3`, `0o12`, `+.5`)
        elif "\n" in value.rstrip("\n") or value.endswith("\n"):
            style = "|"  # falls back to quotes when the text cannot be a block
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def sequence(dumper: Any, value: list[Any]) -> Any:
        # Short lists of plain values on one line: `tags: [payroll, finance]`.
        flow = bool(value) and all(
            v is None or isinstance(v, (bool, int, float)) or (isinstance(v, str) and "\n" not in v)
            for v in value
        )
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)

    Dumper.add_representer(str, text)
    Dumper.add_representer(list, sequence)
    return Dumper


def dump(data: dict[str, Any]) -> str:
    """YAML text of plain values, keys in the order given."""
    import yaml

    out: str = yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 16,  # one line per value: readable diffs, no folded text
    )
    return out

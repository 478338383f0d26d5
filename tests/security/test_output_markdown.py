"""`--format markdown` and the job summary ($GITHUB_STEP_SUMMARY): a name from
a pull request is shown as written and is never markdown.

A backtick in a name must not close its code span (a link or an image would
follow), a `|` must not add a table cell, `<` must not open HTML, a newline
must not end the row. Each test builds a real repository in tmp_path, runs the
installed `govern`, checks the exact bytes written, and parses them with a
CommonMark parser with GitHub's tables and strikethrough (markdown-it-py, which
Rich depends on): no link, image or HTML, every row with its own cells, and
the text a reader sees is the text of the file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.conftest import CACHE_DIR, git, govern_command, make_repo

NOW = "2026-11-22"


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`govern` with stdout as bytes, strict UTF-8 (a lone surrogate would crash it)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GOVERN_"))}
    full.pop("NO_COLOR", None)
    full.update(GOVERN_CACHE_DIR=CACHE_DIR, LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    full.update(env or {})
    return subprocess.run(
        [*govern_command(), *args], cwd=cwd, env=full, capture_output=True, timeout=120
    )


def parse(markdown: str) -> list[Any]:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.parse(markdown)


def inert(tokens: list[Any]) -> None:
    """No link, image, raw HTML, emphasis or strikethrough anywhere."""
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    # (govern's own **breaking, refused** is the one strong emphasis: the
    # cells' text, compared in full, shows that no name made one.)
    markup = {"link_open", "image", "html_inline", "html_block", "em_open", "s_open"}
    assert not kinds & markup, kinds & markup


def rows(tokens: list[Any]) -> list[list[str]]:
    """Each table row: the text a reader sees in each cell (code spans as their text)."""
    out: list[list[str]] = []
    for t in tokens:
        if t.type == "tr_open":
            out.append([])
        elif t.type == "inline" and out and t.level >= 4:  # inside th/td
            out[-1].append("".join(c.content for c in t.children or []))
    return out


def contract(ident: str, owner: str, extra: str = "", fields: str = "") -> str:
    return (
        f"contract: {ident}\nversion: 1.0.0\nstatus: active\nkind: event\n"
        f"description: x\nowner: {owner}\n{extra}schema:\n"
        f"  a_id: {{type: string, description: k}}\n{fields}"
    )


# An owner that is no team: GOV101 quotes it in backticks. Its own backticks
# would close that code span; then a link, an image, HTML, emphasis, a pipe.
OWNER = (
    "x` [Approve](https://evil.example) ![i](https://evil.example/i.png) "
    "<img src=x onerror=alert(1)> | *b* _i_ ~~s~~ $x$ &amp; \\ `y"
)
OWNER_YAML = '"' + OWNER.replace("\\", "\\\\") + '"'
FILE = "contracts/t`ick|p\n[x](y).yaml"


def test_lint_markdown_shows_names_as_written_and_inert(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {FILE: contract("orders.t", OWNER_YAML)})
    done = run("lint", "--format", "markdown", cwd=root)
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("utf-8")
    # The file name in a code span: its one backtick needs a fence of two, the
    # pipe is escaped for the table, the newline shown as `\n`. The message:
    # `x` and `y` in code spans (the owner's own backticks pair with govern's),
    # everything between them escaped text (the backslash doubled).
    message = (
        "owner `x`"
        " \\[Approve\\](https://evil.example) \\!\\[i\\](https://evil.example/i.png)"
        " &lt;img src=x onerror=alert(1)&gt; \\| \\*b\\* \\_i\\_ \\~\\~s\\~\\~ \\$x\\$"
        " &amp;amp; \\\\ "
        "`y` is not a team in ownership/"
    )
    assert out.splitlines()[-1] == (
        "| ``contracts/t`ick\\|p\\n[x](y).yaml`` | 6:8 | error | GOV101 unknown-owner "
        f"| {message} |"
    )
    tokens = parse(out)
    inert(tokens)
    [header, body] = rows(tokens)
    assert header == ["file", "line", "severity", "rule", "message"]
    assert body == [
        "contracts/t`ick|p\\n[x](y).yaml",
        "6:8",
        "error",
        "GOV101 unknown-owner",
        # What a reader sees: the message with the owner as written.
        f"owner {OWNER} is not a team in ownership/".replace("`", ""),
    ]


def test_lint_job_summary_is_the_same_inert_table(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {FILE: contract("orders.t", OWNER_YAML)})
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"## an earlier step\n")
    done = run("lint", "--no-color", cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1, done.stderr
    markdown = run("lint", "--format", "markdown", cwd=root).stdout
    assert summary.read_bytes() == b"## an earlier step\n" + markdown + b"\n"
    inert(parse(summary.read_text(encoding="utf-8")))


# --- breaking ---------------------------------------------------------------------------------

# A field whose name holds a run of two backticks, a pipe and a newline; a
# consumer team and an announcement channel that are markdown.
FIELD = "a``b|c\nd <i>"
FIELD_YAML = '"a``b|c\\nd <i>"'
TEAM = "[Approve](https://evil.example)"
CHANNEL = "<img src=x>#chan_nel"
EXTRA = f'consumers:\n  - team: "{TEAM}"\n    use: x\nchange_policy:\n  channel: "{CHANNEL}"\n'


def breaking_repository(tmp_path: Path) -> Path:
    """main: a contract with the hostile field; the working tree removes it."""
    fields = f"  {FIELD_YAML}: {{type: string, description: k}}\n"
    root = make_repo(
        tmp_path / "r", {"contracts/o.yaml": contract("orders.o", "payroll-engine", EXTRA, fields)}
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    current = contract("orders.o", "payroll-engine", EXTRA).replace("1.0.0", "2.0.0")
    (root / "contracts/o.yaml").write_text(current, encoding="utf-8")
    return root


EXPECTED_BREAKING = """\
## Data contract changes: `main` → the working tree

### contract `orders.o`

Consumers: \\[Approve\\](https://evil.example) · Announce in: &lt;img src=x&gt;#chan\\_nel

| change | element | verdict | what | notice |
| --- | --- | --- | --- | --- |
| field-removed | ```schema.a``b\\|c\\nd &lt;i>``` | **breaking, refused** | field `a``b\\|c\\nd \
&lt;i>` removed | It was never announced: add `deprecated:` (with a reason and removal \
date) on main, then it may land 14 days later (earliest 2026-12-06). |
"""


def test_breaking_markdown_and_its_job_summary_are_inert(tmp_path: Path) -> None:
    root = breaking_repository(tmp_path)
    args = ("--against", "main", "--now", NOW)
    done = run("breaking", *args, "--format", "markdown", cwd=root)
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("utf-8")
    rows_out = [line for line in out.splitlines() if line.startswith("| field-removed")]
    expected_rows = [line for line in EXPECTED_BREAKING.splitlines() if line.startswith("| field")]
    assert rows_out == expected_rows
    assert [ln for ln in out.splitlines() if "Consumers" in ln] == [
        ln for ln in EXPECTED_BREAKING.splitlines() if "Consumers" in ln
    ]
    tokens = parse(out)
    inert(tokens)
    table = rows(tokens)
    assert len(table) == 2 and all(len(r) == 5 for r in table), table
    # The element and the name in the message as a reader sees them: as
    # written, the newline shown as `\n` (and `<` as `&lt;`: no `<` from a
    # file is ever in the output). govern's backticks around the name and the
    # name's own pair up into one code span; nothing is left outside it.
    assert table[1][1] == "schema.a``b|c\\nd &lt;i>"
    assert table[1][3] == "field a``b|c\\nd &lt;i> removed"
    # In the summary too, whatever the format printed.
    summary = tmp_path / "summary.md"
    run("breaking", *args, "--format", "text", cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_bytes() == done.stdout + b"\n"


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_lone_surrogate_in_a_file_name_reaches_the_summary_as_an_escape(
    tmp_path: Path, fmt: str
) -> None:
    name = os.fsdecode(b"contracts/c\xff`.yaml")  # not UTF-8: "c\udcff`"
    try:
        root = make_repo(tmp_path / "r", {name: contract("orders.c", "nobody")})
    except OSError as exc:  # a file system that only takes UTF-8 names
        pytest.skip(f"cannot create a file name that is not UTF-8 here: {exc}")
    summary = tmp_path / "summary.md"
    done = run("lint", "--format", fmt, cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1, done.stderr
    row = (
        "| ``contracts/c\\udcff`.yaml`` | 6:8 | error | GOV101 unknown-owner "
        "| owner `nobody` is not a team in ownership/ |"
    )
    assert summary.read_bytes().decode("utf-8").rstrip("\n").splitlines()[-1] == row
    if fmt == "markdown":
        assert done.stdout.decode("utf-8").splitlines()[-1] == row

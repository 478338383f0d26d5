"""Bad input (PRODUCT.md section 6): every file a user hands govern is untrusted.

Each case is a real repository in tmp_path (the base fixture plus the bad
file) and, beside the bad file, a neighbour that is broken for another reason:
its finding must still be reported, because one bad file never stops the run.
Positions are 1-based and were counted by hand (see the comments).
"""

from __future__ import annotations

import json
import os
import re
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from govern.config import Config
from govern.engine import lint
from govern.findings import Finding
from tests.conftest import hits, lint_findings, make_repo, run_govern

# A valid contract, 8 lines, that lints clean in the base fixture.
GOOD = """\
contract: payroll.run.completed
version: 1.0.0
status: active
kind: event
description: One event per finished payroll run.
owner: payroll-engine
schema:
  payroll_run_id: {type: string, required: true, description: Run identifier}
"""
NO_DESCRIPTION = GOOD.replace("description: One event per finished payroll run.\n", "")

# The neighbour lacks a description: GOV203 at the value of `contract:` (1:11).
NEIGHBOUR_PATH = "contracts/neighbour.yaml"
NEIGHBOUR = {
    NEIGHBOUR_PATH: """\
contract: payroll.neighbour.checked
version: 1.0.0
status: active
kind: event
owner: payroll-engine
schema:
  neighbour_id: {type: string, required: true, description: Neighbour identifier}
"""
}
NEIGHBOUR_HIT = (NEIGHBOUR_PATH, 1, 11)


def new_repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    return make_repo(tmp_path / "repo", {**NEIGHBOUR, **files})


def check(root: Path, config: Config | None = None) -> list[Finding]:
    """Lint in-process (an exception here is the traceback a user would see)
    and check that the neighbour was still linted."""
    findings = lint_findings(root, config)
    assert NEIGHBOUR_HIT in hits(findings, "GOV203"), "the other files must still be linted"
    return findings


def lint_files(tmp_path: Path, files: dict[str, str | bytes]) -> list[Finding]:
    return check(new_repo(tmp_path, files))


def messages(findings: list[Finding], code: str) -> list[str]:
    return [f.message for f in findings if f.rule == code]


def symlink(target: str | Path, link: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as exc:  # pragma: no cover - Windows without rights
        pytest.skip(f"cannot create symlinks here: {exc}")


def warm_up(tmp_path: Path) -> None:
    """Lint once so lazy imports do not count in a memory measurement."""
    lint_findings(make_repo(tmp_path / "warm", {}))


# --- YAML syntax and shape --------------------------------------------------------------


def test_invalid_yaml_is_gov001_at_the_offending_character(tmp_path: Path) -> None:
    # Line 5 is `description: a: b`; the second `:` is column 15.
    text = GOOD.replace("description: One event per finished payroll run.", "description: a: b")
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV001") == [("contracts/a.yaml", 5, 15)]
    assert "mapping values are not allowed" in messages(findings, "GOV001")[0]


def test_unclosed_flow_mapping_is_gov001(tmp_path: Path) -> None:
    # The `{` on line 2 is never closed: the parser notices at the end of the file (3:1).
    text = "contract: payroll.run.completed\nschema: {payroll_run_id: {type: string\n"
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV001") == [("contracts/a.yaml", 3, 1)]
    assert messages(findings, "GOV001")[0].startswith("invalid YAML:")


def test_duplicate_key_is_reported_at_the_second_key(tmp_path: Path) -> None:
    # GOOD has `owner:` on line 6; the second `owner:` is line 9, column 1.
    findings = lint_files(tmp_path, {"contracts/a.yaml": GOOD + "owner: analytics\n"})
    assert hits(findings, "GOV002") == [("contracts/a.yaml", 9, 1)]
    (message,) = messages(findings, "GOV002")
    assert "'owner'" in message and "line 6" in message


def test_duplicate_nested_key(tmp_path: Path) -> None:
    # A second `payroll_run_id:` under schema, line 9 column 3; the first is on line 8.
    text = GOOD + "  payroll_run_id: {type: integer, description: Run number}\n"
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV002") == [("contracts/a.yaml", 9, 3)]
    assert "line 8" in messages(findings, "GOV002")[0]


def test_wrong_types_are_gov004_at_the_value(tmp_path: Path) -> None:
    text = (
        GOOD.replace("version: 1.0.0", "version: 2.1")
        .replace("status: active", "status: live")
        .replace("required: true", 'required: "yes"')
    )
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    # `version: 2.1`: the value is column 10. `status: live`: column 9.
    # Line 8: `  payroll_run_id: {type: string, required: "yes", ...`: the quote is column 44.
    assert hits(findings, "GOV004") == [
        ("contracts/a.yaml", 2, 10),
        ("contracts/a.yaml", 3, 9),
        ("contracts/a.yaml", 8, 44),
    ]
    version, status, required = messages(findings, "GOV004")
    assert "`version` must be text" in version and 'quote it: "2.1"' in version
    assert "`status` must be one of" in status and "'live'" in status
    assert "true or false" in required and "'yes'" in required


def test_unknown_keys_are_gov003_with_did_you_mean(tmp_path: Path) -> None:
    text = GOOD.replace("description: One", "descripton: One").replace(
        "required: true", "requird: true"
    )
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    # `descripton` is line 5 column 1; `requird` on line 8 follows 2 spaces,
    # `payroll_run_id: ` (16), `{` (1) and `type: string, ` (14): column 34.
    assert hits(findings, "GOV003") == [("contracts/a.yaml", 5, 1), ("contracts/a.yaml", 8, 34)]
    top, nested = messages(findings, "GOV003")
    assert "unknown key `descripton`" in top and "did you mean `description`?" in top
    assert "unknown key `requird`" in nested and "did you mean `required`?" in nested


def test_missing_keys_are_gov005(tmp_path: Path) -> None:
    text = GOOD.replace("version: 1.0.0\n", "").replace("{type: string, ", "{")
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    # The top-level mapping starts at 1:1; the field's mapping `{` is line 7 column 19.
    assert hits(findings, "GOV005") == [("contracts/a.yaml", 1, 1), ("contracts/a.yaml", 7, 19)]
    top, field = messages(findings, "GOV005")
    assert "missing required key `version`" in top
    assert "missing required key `type`" in field and "payroll_run_id" in field


@pytest.mark.parametrize(
    "content",
    [b"", b"# TODO: write the contract\n# owner: payroll-engine\n", b"\n   \n", b"---\n"],
    ids=["empty", "comments-only", "blank-lines", "bare-document-marker"],
)
def test_empty_file_is_gov006(tmp_path: Path, content: bytes) -> None:
    findings = lint_files(tmp_path, {"contracts/todo.yaml": content})
    assert hits(findings, "GOV006") == [("contracts/todo.yaml", 1, 1)]
    assert "empty" in messages(findings, "GOV006")[0]


def test_top_level_list_is_gov007(tmp_path: Path) -> None:
    findings = lint_files(tmp_path, {"metrics/a.yaml": "- metric: payslip_error_rate\n"})
    assert hits(findings, "GOV007") == [("metrics/a.yaml", 1, 1)]
    assert "the file is a list" in messages(findings, "GOV007")[0]


def test_top_level_scalar_is_gov007(tmp_path: Path) -> None:
    findings = lint_files(tmp_path, {"metrics/a.yaml": "just some text\n"})
    assert hits(findings, "GOV007") == [("metrics/a.yaml", 1, 1)]
    assert "a single value" in messages(findings, "GOV007")[0]


def test_unknown_document_kind_is_gov008(tmp_path: Path) -> None:
    text = "name: payroll.run.completed\nfields: {payroll_run_id: string}\n"
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV008") == [("contracts/a.yaml", 1, 1)]
    (message,) = messages(findings, "GOV008")
    assert "unknown document kind" in message and "`contract: <id>`" in message
    assert "`name`, `fields`" in message


def test_odcs_contract_is_gov008_naming_odcs(tmp_path: Path) -> None:
    text = "apiVersion: v2.2.2\nkind: DataContract\nid: payroll-run-completed\nstatus: active\n"
    findings = lint_files(tmp_path, {"contracts/odcs.yaml": text})
    assert hits(findings, "GOV008") == [("contracts/odcs.yaml", 1, 1)]
    assert "ODCS" in messages(findings, "GOV008")[0]


def test_multi_document_yaml_is_gov001_at_the_second_document(tmp_path: Path) -> None:
    # `---` on line 1, GOOD on lines 2-9, the second `---` on line 10.
    text = "---\n" + GOOD + "---\n" + GOOD
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV001") == [("contracts/a.yaml", 10, 1)]


def test_multi_document_message_says_one_document_per_file(tmp_path: Path) -> None:
    findings = lint_files(tmp_path, {"contracts/a.yaml": GOOD + "---\n" + GOOD})
    (message,) = messages(findings, "GOV001")
    assert "more than one YAML document" in message


def test_python_tag_constructs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    value = f'!!python/object/apply:os.system ["touch {marker.as_posix()}"]'
    text = GOOD.replace("One event per finished payroll run.", value)
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert not marker.exists(), "a YAML tag ran a command"
    # The tag starts after `description: ` (13 characters): line 5, column 14.
    assert ("contracts/a.yaml", 5, 14) in hits(findings, "GOV001")
    message = next(f.message for f in findings if f.rule == "GOV001")
    assert "python/object/apply:os.system" in message and "not supported" in message


def test_python_name_tag_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("One event per finished payroll run.", "!!python/name:os.system ''")
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert ("contracts/a.yaml", 5, 14) in hits(findings, "GOV001")


# --- bytes -------------------------------------------------------------------------------


def test_latin1_bytes_are_gov009_at_the_byte(tmp_path: Path) -> None:
    # Line 3 is `description: Gro\xdf`: 16 characters, then the bad byte at column 17.
    raw = b"contract: payroll.run.completed\nversion: 1.0.0\ndescription: Gro\xdf\n"
    findings = lint_files(tmp_path, {"contracts/latin1.yaml": raw})
    assert hits(findings, "GOV009") == [("contracts/latin1.yaml", 3, 17)]
    assert "0xdf" in messages(findings, "GOV009")[0]


def test_non_utf8_column_counts_characters(tmp_path: Path) -> None:
    # `description: Ü` is 14 characters (15 bytes); the bad byte is character 15.
    raw = "contract: a.b\nversion: 1.0.0\ndescription: Ü".encode() + b"\xdf\n"
    findings = lint_files(tmp_path, {"contracts/mixed.yaml": raw})
    assert hits(findings, "GOV009") == [("contracts/mixed.yaml", 3, 15)]


def test_utf16_file_is_reported_as_not_utf8(tmp_path: Path) -> None:
    findings = lint_files(tmp_path, {"contracts/u16.yaml": GOOD.encode("utf-16")})
    assert [p for p, _, _ in hits(findings, "GOV009")] == ["contracts/u16.yaml"]
    assert hits(findings, "GOV010") == []


def test_utf8_bom_is_fine_and_does_not_shift_columns(tmp_path: Path) -> None:
    good_bom = b"\xef\xbb\xbf" + GOOD.encode()
    bad_bom = b"\xef\xbb\xbf" + NO_DESCRIPTION.replace("run.completed", "run.started").encode()
    findings = lint_files(tmp_path, {"contracts/bom.yaml": good_bom, "contracts/b2.yaml": bad_bom})
    assert [f for f in findings if f.path == "contracts/bom.yaml"] == []
    # The BOM is not a character of line 1: the id is still at column 11.
    assert [(f.rule, f.location.line, f.location.column) for f in findings if
            f.path == "contracts/b2.yaml"] == [("GOV203", 1, 11)]  # fmt: skip


def test_binary_file_is_gov010(tmp_path: Path) -> None:
    raw = b"PK\x03\x04\x14\x00\x06\x00binary\n\x00\x01\x02\xff\xfe"
    findings = lint_files(tmp_path, {"contracts/archive.yaml": raw})
    assert [(p, line) for p, line, _ in hits(findings, "GOV010")] == [("contracts/archive.yaml", 1)]
    assert "binary" in messages(findings, "GOV010")[0]
    assert [f for f in findings if f.path == "contracts/archive.yaml" and f.rule != "GOV010"] == []


def test_binary_file_points_at_the_first_nul(tmp_path: Path) -> None:
    # `PK\x03\x04\x14` then the NUL: the 6th byte of line 1.
    findings = lint_files(tmp_path, {"contracts/archive.yaml": b"PK\x03\x04\x14\x00\x06\x00"})
    assert hits(findings, "GOV010") == [("contracts/archive.yaml", 1, 6)]


def test_fifty_megabyte_file_is_gov011_and_not_read(tmp_path: Path) -> None:
    root = new_repo(tmp_path, {})
    big = root / "contracts" / "huge.yaml"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50_000_000)
    warm_up(tmp_path)
    tracemalloc.start()
    try:
        findings = check(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert hits(findings, "GOV011") == [("contracts/huge.yaml", 1, 1)]
    (message,) = messages(findings, "GOV011")
    assert "50,000,000 bytes" in message and "2,000,000" in message
    assert "max_file_size" in message
    assert peak < 10_000_000, f"the 50 MB file was read into memory (peak {peak:,} bytes)"


def test_max_file_size_is_configurable(tmp_path: Path) -> None:
    root = new_repo(tmp_path, {"contracts/a.yaml": GOOD + "# " + "x" * 2_000 + "\n"})
    findings = check(root, Config(max_file_size=1_000))
    assert ("contracts/a.yaml", 1, 1) in hits(findings, "GOV011")
    assert "1,000-byte limit" in messages(findings, "GOV011")[0]


# --- YAML that costs too much -------------------------------------------------------------

# Nine levels of nine: 9**9 (387 million) strings if expanded.
BOMB = (
    "contract: payroll.bomb\n"
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
)


def test_alias_bomb_is_gov012_and_bounded(tmp_path: Path) -> None:
    root = new_repo(tmp_path, {"contracts/bomb.yaml": BOMB})
    warm_up(tmp_path)
    tracemalloc.start()
    try:
        findings = check(root)  # it returns: the expansion was stopped
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    found = hits(findings, "GOV012")
    assert [p for p, _, _ in found] == ["contracts/bomb.yaml"]
    assert 2 <= found[0][1] <= 10, "the finding points into the anchors and aliases"
    assert "alias" in messages(findings, "GOV012")[0]
    assert peak < 100_000_000, f"expanding the bomb used {peak:,} bytes"


def test_deep_nesting_is_gov012_without_recursion_error(tmp_path: Path) -> None:
    # `schema: ` is 8 characters; the 65th `[` (the first deeper than 64 levels) is column 73.
    text = "contract: payroll.deep\nschema: " + "[" * 10_000 + "]" * 10_000 + "\n"
    findings = lint_files(tmp_path, {"contracts/deep.yaml": text})
    assert hits(findings, "GOV012") == [("contracts/deep.yaml", 2, 73)]
    assert "deeper than 64" in messages(findings, "GOV012")[0]


def test_deep_nested_mappings_are_gov012(tmp_path: Path) -> None:
    # Each `{a: ` is 4 characters: the 65th `{` is column 9 + 64 * 4 = 265.
    text = "contract: payroll.deep\nschema: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
    findings = lint_files(tmp_path, {"contracts/deep.yaml": text})
    assert hits(findings, "GOV012") == [("contracts/deep.yaml", 2, 265)]


def test_ten_thousand_unclosed_brackets_are_reported(tmp_path: Path) -> None:
    # Refused before libyaml reads it: the 65th `[` (column 9 + 64) is one
    # level deeper than govern accepts.
    text = "contract: payroll.deep\nschema: " + "[" * 10_000 + "\n"
    findings = lint_files(tmp_path, {"contracts/deep.yaml": text})
    assert hits(findings, "GOV012") == [("contracts/deep.yaml", 2, 73)]


def test_very_deep_nesting_does_not_crash_govern(tmp_path: Path) -> None:
    # Run as a subprocess: the crash would take pytest down with it.
    text = "contract: payroll.deep\nschema: " + "[" * 500_000 + "]" * 500_000 + "\n"
    root = new_repo(tmp_path, {"contracts/deep.yaml": text})
    result = run_govern("lint", "--format", "json", "--repo", str(root), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = [(f["rule"], f["path"], f["line"], f["column"])
             for f in json.loads(result.stdout)["findings"]]  # fmt: skip
    assert ("GOV012", "contracts/deep.yaml", 2, 73) in found
    assert ("GOV203", *NEIGHBOUR_HIT) in found


# --- the file system ----------------------------------------------------------------------


def test_symlink_out_of_the_repository_is_gov013_and_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("secret_key_of_the_runner: hunter2\n", encoding="utf-8")
    root = new_repo(tmp_path, {})
    symlink(outside, root / "contracts" / "escape.yaml")
    symlink("/etc/passwd", root / "contracts" / "passwd.yaml")
    findings = check(root)
    assert hits(findings, "GOV013") == [
        ("contracts/escape.yaml", 1, 1),
        ("contracts/passwd.yaml", 1, 1),
    ]
    assert "not followed" in messages(findings, "GOV013")[0]
    assert "secret_key_of_the_runner" not in " ".join(f.message for f in findings)
    assert [f.rule for f in findings if f.path.endswith(("escape.yaml", "passwd.yaml"))] == [
        "GOV013",
        "GOV013",
    ]


def test_symlink_inside_the_repository_is_followed(tmp_path: Path) -> None:
    # The target is outside the governed directories but inside the repository.
    shared = GOOD.replace("run.completed", "run.shared").replace(
        ", description: Run identifier", ""
    )
    root = new_repo(tmp_path, {"shared/run_shared.yaml": shared})
    symlink("../shared/run_shared.yaml", root / "contracts" / "run_shared.yaml")
    findings = check(root)
    assert hits(findings, "GOV013") == []
    # It was read: its own finding (a field without a description, 8:3) is reported.
    assert hits(findings, "GOV220") == [("contracts/run_shared.yaml", 8, 3)]


def test_governed_directory_symlinked_out_of_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("secret_key_of_the_runner: hunter2\n", encoding="utf-8")
    root = make_repo(tmp_path / "repo", {})
    (root / "contracts" / "payroll" / "payslip_generated.yaml").unlink()
    (root / "contracts" / "payroll").rmdir()
    (root / "contracts").rmdir()
    symlink(outside, root / "contracts")
    findings = lint_findings(root)
    assert "secret_key_of_the_runner" not in " ".join(f.message for f in findings)
    # Reported once, on the directory: nothing behind it is read or listed.
    assert hits(findings, "GOV013") == [("contracts", 1, 1)]


def test_symlinked_subdirectory_out_of_the_repository_is_reported(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("secret_key_of_the_runner: hunter2\n", encoding="utf-8")
    root = new_repo(tmp_path, {})
    symlink(outside, root / "contracts" / "vendor")
    findings = check(root)
    assert [p for p, _, _ in hits(findings, "GOV013")] == ["contracts/vendor"]


# --- references ----------------------------------------------------------------------------


def test_reference_to_a_missing_team(tmp_path: Path) -> None:
    text = GOOD.replace("owner: payroll-engine", "owner: payroll-engin") + (
        "consumers:\n  - team: analytcs\n"
    )
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    # `owner: ` is 7 characters (value at 6:8); `  - team: ` is 10 (value at 10:11).
    assert hits(findings, "GOV101") == [("contracts/a.yaml", 6, 8)]
    assert hits(findings, "GOV102") == [("contracts/a.yaml", 10, 11)]
    (owner,) = messages(findings, "GOV101")
    (consumer,) = messages(findings, "GOV102")
    assert "`payroll-engin`" in owner and "did you mean `payroll-engine`?" in owner
    assert "`analytcs`" in consumer and "did you mean `analytics`?" in consumer


# --- YAML 1.1 surprises: text stays text ------------------------------------------------------


def test_norway_and_yes_no_on_off_stay_text(tmp_path: Path) -> None:
    text = GOOD + (
        "  country: {type: string, enum: [NO, SE, DK, yes, on, off, y], description: Country}\n"
    )
    root = new_repo(tmp_path, {"contracts/a.yaml": text})
    findings = check(root)
    assert [f for f in findings if f.path == "contracts/a.yaml"] == []
    contract = lint(str(root), Config()).catalog.contracts["payroll.run.completed"][0].model
    assert contract.schema_["country"].enum == ["NO", "SE", "DK", "yes", "on", "off", "y"]


def test_no_is_text_not_false_in_an_integer_enum(tmp_path: Path) -> None:
    text = GOOD + "  grade: {type: integer, enum: [1, NO], description: Grade}\n"
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    # Line 9: `  grade: {type: integer, enum: [1, ` is 35 characters: NO is column 36.
    assert hits(findings, "GOV224") == [("contracts/a.yaml", 9, 36)]
    assert "'NO'" in messages(findings, "GOV224")[0]


def test_dates_stay_text(tmp_path: Path) -> None:
    text = GOOD + (
        "  paid_on: {type: string, enum: [2026-01-01, 2026-02-01], examples: [2026-01-01], "
        "description: Pay day}\n"
    )
    root = new_repo(tmp_path, {"contracts/a.yaml": text})
    findings = check(root)
    # A date object in a string field's enum would be GOV224.
    assert [f for f in findings if f.path == "contracts/a.yaml"] == []
    contract = lint(str(root), Config()).catalog.contracts["payroll.run.completed"][0].model
    assert contract.schema_["paid_on"].examples == ["2026-01-01"]
    assert contract.schema_["paid_on"].enum == ["2026-01-01", "2026-02-01"]


# --- suppression comments and rule configuration ---------------------------------------------


def test_suppression_on_the_line(tmp_path: Path) -> None:
    text = NO_DESCRIPTION.replace(
        "contract: payroll.run.completed",
        "contract: payroll.run.completed  # govern: ignore[GOV203]",
    )
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert [f for f in findings if f.path == "contracts/a.yaml"] == []


def test_suppression_on_the_line_above(tmp_path: Path) -> None:
    text = "# govern: ignore[GOV203]\n" + NO_DESCRIPTION
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert [f for f in findings if f.path == "contracts/a.yaml"] == []


def test_suppression_by_rule_name(tmp_path: Path) -> None:
    text = NO_DESCRIPTION.replace(
        "contract: payroll.run.completed",
        "contract: payroll.run.completed  # govern: ignore[contract-description]",
    )
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert [f for f in findings if f.path == "contracts/a.yaml"] == []


def test_suppression_silences_only_its_line(tmp_path: Path) -> None:
    # The comment is on line 6 (owner); GOV203 is on line 1 and stays, and the comment is unused.
    text = NO_DESCRIPTION.replace(
        "owner: payroll-engine", "owner: payroll-engine  # govern: ignore[GOV203]"
    )
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV203") == [("contracts/a.yaml", 1, 11), NEIGHBOUR_HIT]


def test_unused_suppression_is_gov014_at_the_comment(tmp_path: Path) -> None:
    # Line 6 `owner: payroll-engine  # ...`: 21 characters and 2 spaces, `#` at column 24.
    text = GOOD.replace("owner: payroll-engine", "owner: payroll-engine  # govern: ignore[GOV203]")
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV014") == [("contracts/a.yaml", 6, 24)]
    assert "GOV203" in messages(findings, "GOV014")[0]
    assert [f.severity.value for f in findings if f.rule == "GOV014"] == ["warning"]


def test_unused_suppression_on_the_line_above(tmp_path: Path) -> None:
    text = "# govern: ignore[GOV220]\n" + GOOD
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV014") == [("contracts/a.yaml", 1, 1)]
    assert "line 2" in messages(findings, "GOV014")[0]


def test_unknown_code_in_suppression_is_gov015(tmp_path: Path) -> None:
    text = GOOD.replace("owner: payroll-engine", "owner: payroll-engine  # govern: ignore[GOV999]")
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV015") == [("contracts/a.yaml", 6, 24)]
    assert "'GOV999'" in messages(findings, "GOV015")[0]
    assert hits(findings, "GOV014") == []


def test_empty_suppression_is_gov015(tmp_path: Path) -> None:
    text = GOOD.replace("owner: payroll-engine", "owner: payroll-engine  # govern: ignore[]")
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert hits(findings, "GOV015") == [("contracts/a.yaml", 6, 24)]


def test_suppression_works_in_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    # The error is on line 2 (`schema: a: b`), the line below the comment.
    text = "# govern: ignore[GOV001]\nschema: a: b\n"
    findings = lint_files(tmp_path, {"contracts/a.yaml": text})
    assert [f for f in findings if f.path == "contracts/a.yaml"] == []


NO_FIELD_DESCRIPTION = GOOD.replace(", description: Run identifier", "")
LEGACY = NO_FIELD_DESCRIPTION.replace("run.completed", "run.legacy")


def test_config_turns_a_rule_off(tmp_path: Path) -> None:
    root = new_repo(tmp_path, {"contracts/a.yaml": NO_FIELD_DESCRIPTION})
    assert hits(check(root), "GOV220") == [("contracts/a.yaml", 8, 3)]
    assert hits(check(root, Config.model_validate({"rules": {"GOV220": "off"}})), "GOV220") == []


def test_config_changes_a_severity(tmp_path: Path) -> None:
    root = new_repo(tmp_path, {"contracts/a.yaml": NO_FIELD_DESCRIPTION})
    default = [f for f in check(root) if f.rule == "GOV220"]
    assert [f.severity.value for f in default] == ["warning"]
    config = Config.model_validate({"rules": {"GOV220": {"severity": "error"}}})
    raised = [f for f in check(root, config) if f.rule == "GOV220"]
    assert [(f.path, f.location.line, f.severity.value) for f in raised] == [
        ("contracts/a.yaml", 8, "error")
    ]


def test_config_ignores_a_rule_for_path_globs(tmp_path: Path) -> None:
    root = new_repo(
        tmp_path,
        {"contracts/a.yaml": NO_FIELD_DESCRIPTION, "contracts/legacy/old/run.yaml": LEGACY},
    )
    assert hits(check(root), "GOV220") == [
        ("contracts/a.yaml", 8, 3),
        ("contracts/legacy/old/run.yaml", 8, 3),
    ]
    config = Config.model_validate({"rules": {"GOV220": {"ignore": ["contracts/legacy/**"]}}})
    assert hits(check(root, config), "GOV220") == [("contracts/a.yaml", 8, 3)]


def test_govern_yaml_rules_through_the_cli(tmp_path: Path) -> None:
    # `off` unquoted: YAML 1.1 would make it the boolean false; govern keeps the word.
    root = new_repo(
        tmp_path,
        {
            "contracts/a.yaml": NO_FIELD_DESCRIPTION,
            "contracts/legacy/run.yaml": LEGACY,
            "govern.yaml": (
                "rules:\n  field-description: off\n  GOV203: {ignore: ['contracts/n*']}\n"
            ),
        },
    )
    result = run_govern("lint", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["findings"] == []


# --- through the command line: the run goes on, no traceback ---------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes]
    expected: tuple[str, str, int | None, int | None]  # rule, path, line, column (None: any)
    setup: Callable[[Path, Path], None] | None = None  # (tmp_path, root)


def _huge(tmp_path: Path, root: Path) -> None:
    with (root / "contracts" / "huge.yaml").open("wb") as fh:
        fh.truncate(50_000_000)


def _escape(tmp_path: Path, root: Path) -> None:
    (tmp_path / "outside.yaml").write_text(GOOD, encoding="utf-8")
    symlink(tmp_path / "outside.yaml", root / "contracts" / "escape.yaml")


CASES = [
    Case("invalid-yaml", {"contracts/a.yaml": "contract: x\ndescription: a: b\n"},
         ("GOV001", "contracts/a.yaml", 2, 15)),
    Case("duplicate-key", {"contracts/a.yaml": GOOD + "owner: analytics\n"},
         ("GOV002", "contracts/a.yaml", 9, 1)),
    Case("empty", {"contracts/a.yaml": b""}, ("GOV006", "contracts/a.yaml", 1, 1)),
    Case("list", {"contracts/a.yaml": "- 1\n"}, ("GOV007", "contracts/a.yaml", 1, 1)),
    Case("unknown-kind", {"contracts/a.yaml": "name: x\n"}, ("GOV008", "contracts/a.yaml", 1, 1)),
    Case("latin1", {"contracts/a.yaml": b"contract: x\n\ndescription: Gro\xdf\n"},
         ("GOV009", "contracts/a.yaml", 3, 17)),
    Case("binary", {"contracts/a.yaml": b"\x00\x01\x02\x03"}, ("GOV010", "contracts/a.yaml", 1, 1)),
    Case("huge", {}, ("GOV011", "contracts/huge.yaml", 1, 1), _huge),
    Case("alias-bomb", {"contracts/a.yaml": BOMB}, ("GOV012", "contracts/a.yaml", None, None)),
    Case("deep", {"contracts/a.yaml": "x: " + "[" * 10_000 + "]" * 10_000 + "\n"},
         ("GOV012", "contracts/a.yaml", 1, 68)),
    Case("symlink-out", {}, ("GOV013", "contracts/escape.yaml", 1, 1), _escape),
    Case("multi-document", {"contracts/a.yaml": "a: 1\n---\nb: 2\n"},
         ("GOV001", "contracts/a.yaml", 2, 1)),
    Case("python-tag", {"contracts/a.yaml": GOOD.replace(
        "One event per finished payroll run.", '!!python/object/apply:os.system ["echo hi"]')},
         ("GOV001", "contracts/a.yaml", 5, 14)),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cli_reports_bad_file_and_goes_on(tmp_path: Path, case: Case) -> None:
    root = new_repo(tmp_path, case.files)
    if case.setup is not None:
        case.setup(tmp_path, root)
    result = run_govern("lint", "--format", "json", "--repo", str(root), cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert result.returncode == 1
    found = [(f["rule"], f["path"], f["line"], f["column"])
             for f in json.loads(result.stdout)["findings"]]  # fmt: skip
    assert any(_matches(case.expected, hit) for hit in found), found
    assert ("GOV203", *NEIGHBOUR_HIT) in found
    assert "hi\n" not in result.stdout  # the python tag ran nothing


def _matches(
    expected: tuple[str, str, int | None, int | None], hit: tuple[str, str, int, int]
) -> bool:
    return all(e is None or e == h for e, h in zip(expected, hit, strict=True))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cli_text_output_names_the_bad_file(tmp_path: Path, case: Case) -> None:
    root = new_repo(tmp_path, case.files)
    if case.setup is not None:
        case.setup(tmp_path, root)
    result = run_govern("lint", "--repo", str(root), cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    rule, path, line, column = case.expected
    lines = result.stdout.splitlines()
    assert path in lines and NEIGHBOUR_PATH in lines
    block = lines[lines.index(path) + 1 :]
    where = re.compile(rf"{line or '[0-9]+'}:{column or '[0-9]+'}")
    assert any(
        len(t.split()) > 3 and where.fullmatch(t.split()[0]) and t.split()[1:3] == ["error", rule]
        for t in block
    ), result.stdout


def test_a_named_pipe_is_never_read_so_never_cut_short(tmp_path: Path) -> None:
    """A named pipe has size 0 to stat and could feed anything, or block the run
    forever: it is GOV009 (not a regular file) and never opened. (Once, what it
    gave past the limit was refused as GOV011; now it is not read at all.)"""
    from govern.load import files

    pipe = tmp_path / "contracts" / "pipe.yaml"
    pipe.parent.mkdir(parents=True)
    os.mkfifo(pipe)
    source = files.read(str(tmp_path), "contracts/pipe.yaml", max_size=2_000)
    assert source.text is None
    assert [p.code for p in source.problems] == ["GOV009"]

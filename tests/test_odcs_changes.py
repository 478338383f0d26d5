"""ODCS v3 contracts under `govern breaking`, `govern coverage` and
`govern conflicts`, as a user of each command checks them.

The issue: "breaking changes between ODCS revisions (removed property, type
change, required dropped, table removed) are classified as for native
contracts", and "everything else works on ODCS files as on native ones".

So every change below is made twice, to the ODCS contract ``ODCS`` and to its
native twin ``NATIVE`` (the same contract written natively, following the
mapping table of docs/formats.md "ODCS v3": a `schema[]` object is a field of
type `object` holding its properties as `fields`), and both must give the
kinds, elements and verdicts of the taxonomy in docs/breaking-changes.md.

Repositories are real git repositories in tmp_path (on top of the base
fixture: teams, the payslip contract and metric), with commits dated by
GIT_AUTHOR_DATE/GIT_COMMITTER_DATE at 10:00 UTC. Every expected kind, line,
date and count is worked out by hand from the files written here and the
docs, never read back from govern.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from govern.load.documents import load_text
from tests.conftest import git, make_repo, run_govern, write_files

CID = "shop.orders"
ODCS_PATH = "contracts/shop/orders.odcs.yaml"
NATIVE_PATH = "contracts/shop/orders.yaml"
BREAKING, WARNING, INFO = "breaking", "warning", "info"

# The ODCS contract. Its lines, counted by hand (they are checked against the
# text in test_the_line_numbers_used_below_are_those_of_the_files):
#   3 id:   4 version:   8 customProperties: (contract)   11 schema:
#   15 properties: of `orders`   27 `- name: amount`   28 amount's logicalType
#   40 properties: of `orders.shipping`   47 `- name: refunds`
ODCS = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.orders
version: 1.0.0
status: active
description:
  purpose: Orders placed in the web shop.
customProperties:
  - property: govern.owner
    value: payroll-engine
schema:
  - name: orders
    physicalType: table
    description: One row per order
    properties:
      - name: order_id
        logicalType: string
        required: true
        description: Order identifier
      - name: quantity
        logicalType: integer
        physicalType: int
        description: Items ordered
      - name: item_count
        physicalType: int
        description: Lines in the order
      - name: amount
        logicalType: string
        description: Order total as text
      - name: coupon_code
        logicalType: string
        required: true
        description: Coupon applied
      - name: note
        logicalType: string
        description: Free text from the shopper
      - name: shipping
        logicalType: object
        description: Where the parcel goes
        properties:
          - name: country
            logicalType: string
            description: ISO code
          - name: legacy_zone
            logicalType: string
            description: Zone in the old system
  - name: refunds
    physicalType: table
    description: One row per refund
    properties:
      - name: refund_id
        logicalType: string
        required: true
        description: Refund identifier
"""

# The same contract, written natively (docs/formats.md, "ODCS v3"): `id` is
# `contract`, `description.purpose` is `description`, `govern.owner` is
# `owner`, `physicalType: table` is `kind: table`; `integer` with physicalType
# `int` is `integer`, and a property with only `physicalType: int` is `integer`.
NATIVE = """\
contract: shop.orders
version: 1.0.0
status: active
kind: table
description: Orders placed in the web shop.
owner: payroll-engine
schema:
  orders:
    type: object
    description: One row per order
    fields:
      order_id: {type: string, required: true, description: Order identifier}
      quantity: {type: integer, description: Items ordered}
      item_count: {type: integer, description: Lines in the order}
      amount: {type: string, description: Order total as text}
      coupon_code: {type: string, required: true, description: Coupon applied}
      note: {type: string, description: Free text from the shopper}
      shipping:
        type: object
        description: Where the parcel goes
        fields:
          country: {type: string, description: ISO code}
          legacy_zone: {type: string, description: Zone in the old system}
  refunds:
    type: object
    description: One row per refund
    fields:
      refund_id: {type: string, required: true, description: Refund identifier}
"""

# Snippets of both files that the cases below edit.
O_NOTE = (
    "      - name: note\n"
    "        logicalType: string\n"
    "        description: Free text from the shopper\n"
)
N_NOTE = "      note: {type: string, description: Free text from the shopper}\n"
O_LEGACY_ZONE = (
    "          - name: legacy_zone\n"
    "            logicalType: string\n"
    "            description: Zone in the old system\n"
)
N_LEGACY_ZONE = "          legacy_zone: {type: string, description: Zone in the old system}\n"
O_REFUNDS = (
    "  - name: refunds\n"
    "    physicalType: table\n"
    "    description: One row per refund\n"
    "    properties:\n"
    "      - name: refund_id\n"
    "        logicalType: string\n"
    "        required: true\n"
    "        description: Refund identifier\n"
)
N_REFUNDS = (
    "  refunds:\n"
    "    type: object\n"
    "    description: One row per refund\n"
    "    fields:\n"
    "      refund_id: {type: string, required: true, description: Refund identifier}\n"
)
O_AMOUNT = "      - name: amount\n        logicalType: string\n"
O_QUANTITY = "        logicalType: integer\n        physicalType: int\n"
O_ITEM_COUNT = "      - name: item_count\n        physicalType: int\n"
O_COUPON = "      - name: coupon_code\n        logicalType: string\n        required: true\n"
O_GIFT = (
    "      - name: gift_message\n"
    "        logicalType: string\n"
    "        description: Message on the gift card\n"
)
N_GIFT = "      gift_message: {type: string, description: Message on the gift card}\n"
MAJOR = ("version: 1.0.0\n", "version: 2.0.0\n")


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced; each old must be there exactly once."""
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def at(day: str) -> str:
    """A commit date: ``day`` at 10:00 UTC."""
    return f"{day}T10:00:00+00:00"


def commit(
    root: Path, day: str, files: dict[str, str] | None = None, *, remove: tuple[str, ...] = ()
) -> str:
    """Write ``files``, delete ``remove``, commit everything dated ``day``: the sha."""
    write_files(root, dict(files or {}))
    for rel in remove:
        git(root, "rm", "-q", rel)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", f"change of {day}", date=at(day))
    return git(root, "rev-parse", "HEAD")


def init(root: Path, day: str, files: dict[str, str]) -> str:
    """A repository on `main`: the base fixture plus ``files``, committed on ``day``."""
    make_repo(root, dict(files))
    git(root, "init", "-q", "-b", "main")
    return commit(root, day)


def breaking(
    root: Path, *, now: str | None, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`govern breaking --against main [--now NOW] --format json`."""
    when = ["--now", now] if now else []
    done = run_govern("breaking", "--against", "main", *when, "--format", "json", cwd=root, env=env)
    assert done.returncode in (0, 1), done.stderr
    return done, json.loads(done.stdout)


def text_report(root: Path, now: str) -> subprocess.CompletedProcess[str]:
    return run_govern("breaking", "--against", "main", "--now", now, "--no-color", cwd=root)


def entry(data: dict[str, Any], element: str, change: str) -> dict[str, Any]:
    found = [c for c in data["changes"] if c["element"] == element and c["change"] == change]
    assert len(found) == 1, data["changes"]
    return found[0]


def notice(
    status: str, announced: str | None, sha: str | None, days: int, earliest: str | None
) -> dict[str, Any]:
    return {
        "status": status,
        "announced": announced,
        "commit": sha,
        "required_days": days,
        "earliest": earliest,
    }


# docs/breaking-changes.md, "JSON output": the keys in bold (normative).
TOP_KEYS = {"base", "head", "changes", "summary"}
CHANGE_KEYS = {
    "contract", "element", "change", "severity", "allowed", "notice", "consumers", "metrics",
}  # fmt: skip
NOTICE_KEYS = {"status", "announced", "commit", "required_days", "earliest"}
SUMMARY_KEYS = {"changes", "breaking", "refused", "allowed"}


def check_json_shape(data: dict[str, Any]) -> None:
    assert set(data) >= TOP_KEYS
    assert set(data["summary"]) >= SUMMARY_KEYS
    for c in data["changes"]:
        assert set(c) >= CHANGE_KEYS | {"path", "line"}
        assert c["notice"] is None or set(c["notice"]) == NOTICE_KEYS
        # `version-not-bumped` is not a change kind and has no notice.
        has_notice = c["severity"] == BREAKING and c["change"] != "version-not-bumped"
        assert (c["notice"] is not None) == has_notice


# --- the two files are one contract ------------------------------------------------------------


def test_the_line_numbers_used_below_are_those_of_the_files() -> None:
    lines = ODCS.splitlines()
    assert lines[3 - 1] == "id: shop.orders"
    assert lines[4 - 1] == "version: 1.0.0"
    assert lines[11 - 1] == "schema:"
    assert lines[15 - 1] == "    properties:"
    assert lines[27 - 1] == "      - name: amount"
    assert lines[28 - 1] == "        logicalType: string"
    assert lines[40 - 1] == "        properties:"
    assert lines[47 - 1] == "  - name: refunds"


def test_the_odcs_contract_and_its_native_twin_are_the_same_contract() -> None:
    """The premise of every parity case: the ODCS file loads without a problem
    and maps onto exactly the native twin."""
    odcs, native = load_text(ODCS_PATH, ODCS), load_text(NATIVE_PATH, NATIVE)
    assert odcs.problems == [] and native.problems == []
    assert odcs.document is not None and native.document is not None
    assert odcs.document.complete and native.document.complete
    assert odcs.document.model is not None and native.document.model is not None
    assert odcs.document.model.model_dump() == native.document.model.model_dump()


def test_converting_a_native_contract_to_its_odcs_twin_is_no_change(tmp_path: Path) -> None:
    """Identity is the id, never the file or its format: replacing the native
    file by the ODCS one is a moved file, and a moved file is no change."""
    root = tmp_path / "repo"
    init(root, "2026-10-01", {NATIVE_PATH: NATIVE})
    (root / NATIVE_PATH).unlink()
    write_files(root, {ODCS_PATH: ODCS})
    done, data = breaking(root, now="2026-11-22")
    assert done.returncode == 0
    assert data["changes"] == []
    assert data["summary"] == {"changes": 0, "breaking": 0, "refused": 0, "allowed": 0}


# --- the same change to both formats: the same kind ------------------------------------------

Triple = tuple[str, str, str]  # (element, change, severity)


def case(
    case_id: str,
    odcs_edits: list[tuple[str, str]],
    native_edits: list[tuple[str, str]],
    *expected: Triple,
) -> Any:
    """A change made to the ODCS file and the same change made to the native
    twin; both heads bump the major version, so only the notice policy decides."""
    return pytest.param(
        edit(ODCS, MAJOR, *odcs_edits),
        edit(NATIVE, MAJOR, *native_edits),
        sorted(expected),
        id=case_id,
    )


PARITY_CASES = [
    case(
        "property-removed",
        [(O_NOTE, "")],
        [(N_NOTE, "")],
        ("schema.orders.note", "field-removed", BREAKING),
    ),
    case(
        # logicalType integer without a physicalType is `long` (docs/formats.md).
        "logicalType-string-to-integer",
        [(O_AMOUNT, O_AMOUNT.replace("string", "integer"))],
        [("amount: {type: string,", "amount: {type: long,")],
        ("schema.orders.amount", "type-changed", BREAKING),
    ),
    case(
        # `integer` with physicalType int is `integer`, with bigint `long`:
        # integer -> long is widened, and widening is breaking.
        "physicalType-int-to-bigint-under-logicalType-integer",
        [(O_QUANTITY, O_QUANTITY.replace("int\n", "bigint\n"))],
        [("quantity: {type: integer,", "quantity: {type: long,")],
        ("schema.orders.quantity", "type-widened", BREAKING),
    ),
    case(
        "physicalType-only-int-to-bigint",
        [(O_ITEM_COUNT, O_ITEM_COUNT.replace("int\n", "bigint\n"))],
        [("item_count: {type: integer,", "item_count: {type: long,")],
        ("schema.orders.item_count", "type-widened", BREAKING),
    ),
    case(
        # int and int4 are both a 32-bit `integer`: the same type spelled
        # otherwise (as `integer` and `INTEGER` natively: type names ignore case).
        "physicalType-respelled-same-native-type-is-no-change",
        [(O_QUANTITY, O_QUANTITY.replace("int\n", "int4\n"))],
        [("quantity: {type: integer,", "quantity: {type: INTEGER,")],
    ),
    case(
        "required-false-to-true-is-not-breaking",
        [(O_NOTE, O_NOTE.replace("string\n", "string\n        required: true\n"))],
        [(N_NOTE, N_NOTE.replace("string,", "string, required: true,"))],
        ("schema.orders.note", "field-required", INFO),
    ),
    case(
        "required-true-to-false-is-breaking",
        [(O_COUPON, O_COUPON.replace("required: true", "required: false"))],
        [("required: true, description: Coupon", "required: false, description: Coupon")],
        ("schema.orders.coupon_code", "field-optional", BREAKING),
    ),
    case(
        "required-dropped-is-breaking",
        [(O_COUPON, O_COUPON.replace("        required: true\n", ""))],
        [("string, required: true, description: Coupon", "string, description: Coupon")],
        ("schema.orders.coupon_code", "field-optional", BREAKING),
    ),
    case(
        "table-removed",
        [(O_REFUNDS, "")],
        [(N_REFUNDS, "")],
        ("schema.refunds", "field-removed", BREAKING),
    ),
    case(
        "property-added",
        [(O_NOTE, O_NOTE + O_GIFT)],
        [(N_NOTE, N_NOTE + N_GIFT)],
        ("schema.orders.gift_message", "field-added", INFO),
    ),
    case(
        "nested-property-removed",
        [(O_LEGACY_ZONE, "")],
        [(N_LEGACY_ZONE, "")],
        ("schema.orders.shipping.legacy_zone", "field-removed", BREAKING),
    ),
    case(
        "property-renamed-is-removed-plus-added",
        [(O_NOTE, O_NOTE.replace("name: note", "name: shopper_note"))],
        [(N_NOTE, N_NOTE.replace("note:", "shopper_note:"))],
        ("schema.orders.note", "field-removed", BREAKING),
        ("schema.orders.shopper_note", "field-added", INFO),
    ),
]


def judge_once(root: Path, path: str, old: str, new: str) -> tuple[int, dict[str, Any]]:
    """``old`` committed on main on 2026-10-01, ``new`` in the working tree,
    judged on 2026-11-22: exit code and JSON."""
    init(root, "2026-10-01", {path: old})
    (root / path).write_text(new, encoding="utf-8")
    done, data = breaking(root, now="2026-11-22")
    return done.returncode, data


@pytest.mark.parametrize(("odcs_head", "native_head", "expected"), PARITY_CASES)
def test_a_change_to_an_odcs_contract_is_classified_as_the_same_native_change(
    tmp_path: Path, odcs_head: str, native_head: str, expected: list[Triple]
) -> None:
    code_o, odcs = judge_once(tmp_path / "odcs", ODCS_PATH, ODCS, odcs_head)
    code_n, native = judge_once(tmp_path / "native", NATIVE_PATH, NATIVE, native_head)
    for data, path in ((odcs, ODCS_PATH), (native, NATIVE_PATH)):
        check_json_shape(data)
        got = sorted((c["element"], c["change"], c["severity"]) for c in data["changes"])
        assert got == expected, path
        for c in data["changes"]:
            assert (c["contract"], c["path"]) == (CID, path)
            assert c["consumers"] == [] and c["metrics"] == []  # no consumers, no metric
            if c["severity"] == BREAKING:
                # Never announced: refused; earliest 14 days after 2026-11-22.
                assert c["allowed"] is False
                assert c["notice"] == notice("missing", None, None, 14, "2026-12-06")
            else:
                assert c["allowed"] is True
    refused = sum(1 for t in expected if t[2] == BREAKING)
    expected_code = 1 if refused else 0
    assert (code_o, code_n) == (expected_code, expected_code)
    assert odcs["summary"] == {
        "changes": len(expected),
        "breaking": refused,
        "refused": refused,
        "allowed": 0,
    }

    # Beyond the kinds, the two formats say the same thing, word for word.
    def said(data: dict[str, Any]) -> list[tuple[Any, ...]]:
        return sorted(
            (c["element"], c["change"], c["severity"], c["allowed"], c["detail"], c["reason"])
            for c in data["changes"]
        )

    assert said(odcs) == said(native)


def test_a_type_change_detail_names_the_native_types(tmp_path: Path) -> None:
    """What a user reads for a logicalType change: the mapped types, by the
    property's dotted path (docs: "type of `quantity` integer -> long")."""
    head = edit(ODCS, MAJOR, (O_AMOUNT, O_AMOUNT.replace("string", "integer")))
    _, data = judge_once(tmp_path / "repo", ODCS_PATH, ODCS, head)
    c = entry(data, "schema.orders.amount", "type-changed")
    assert c["detail"] == "type of `orders.amount` string -> long"


# --- where a finding is, in the ODCS file ----------------------------------------------------

# The head of the line-number test, written out whole so that its lines can be
# counted: `note`, `shipping.legacy_zone` and the `refunds` table are gone,
# amount's logicalType is now integer, item_count's physicalType bigint, and
# the version is still 1.0.0.
#    4 version: 1.0.0                   11 schema:
#   15 properties: (of orders)          24 - name: item_count   25 physicalType: bigint
#   27 - name: amount                   28 logicalType: integer
#   37 properties: (of orders.shipping)
LINES_HEAD = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.orders
version: 1.0.0
status: active
description:
  purpose: Orders placed in the web shop.
customProperties:
  - property: govern.owner
    value: payroll-engine
schema:
  - name: orders
    physicalType: table
    description: One row per order
    properties:
      - name: order_id
        logicalType: string
        required: true
        description: Order identifier
      - name: quantity
        logicalType: integer
        physicalType: int
        description: Items ordered
      - name: item_count
        physicalType: bigint
        description: Lines in the order
      - name: amount
        logicalType: integer
        description: Order total as text
      - name: coupon_code
        logicalType: string
        required: true
        description: Coupon applied
      - name: shipping
        logicalType: object
        description: Where the parcel goes
        properties:
          - name: country
            logicalType: string
            description: ISO code
"""


def lines_head_judged(tmp_path: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    lines = LINES_HEAD.splitlines()
    assert lines[4 - 1] == "version: 1.0.0" and lines[11 - 1] == "schema:"
    assert lines[15 - 1] == "    properties:" and lines[37 - 1] == "        properties:"
    assert lines[24 - 1] == "      - name: item_count"
    assert lines[25 - 1] == "        physicalType: bigint"
    assert lines[27 - 1] == "      - name: amount"
    assert lines[28 - 1] == "        logicalType: integer"
    root = tmp_path / "repo"
    code, data = judge_once(root, ODCS_PATH, ODCS, LINES_HEAD)
    assert code == 1
    check_json_shape(data)
    by_change = {f"{c['element']} {c['change']}": c for c in data["changes"]}
    assert sorted(by_change) == [
        "schema.orders.amount type-changed",
        "schema.orders.item_count type-widened",
        "schema.orders.note field-removed",
        "schema.orders.shipping.legacy_zone field-removed",
        "schema.refunds field-removed",
        "version version-not-bumped",
    ]
    return root, by_change


def test_removals_point_at_the_enclosing_lines_of_the_odcs_file(tmp_path: Path) -> None:
    root, by_change = lines_head_judged(tmp_path)
    where = {k: (c["path"], c["line"]) for k, c in by_change.items()}
    # A removed property: the `properties:` of its table, which still exists.
    assert where["schema.orders.note field-removed"] == (ODCS_PATH, 15)
    # A removed nested property: the `properties:` of its object.
    assert where["schema.orders.shipping.legacy_zone field-removed"] == (ODCS_PATH, 37)
    # A removed table: the `schema:` key.
    assert where["schema.refunds field-removed"] == (ODCS_PATH, 11)
    # Breaking changes without a new major version: the `version:` line.
    assert where["version version-not-bumped"] == (ODCS_PATH, 4)
    out = text_report(root, "2026-11-22")
    assert out.returncode == 1
    assert f"refused field-removed schema.orders.note  {ODCS_PATH}:15" in out.stdout
    assert f"refused field-removed schema.refunds  {ODCS_PATH}:11" in out.stdout
    assert f"refused version-not-bumped version  {ODCS_PATH}:4" in out.stdout


def test_a_type_change_points_at_the_changed_property(tmp_path: Path) -> None:
    """A change to a field is placed at the field, in ODCS as in native files
    (where a type change points at the field's key, not its `type:` line):
    the property's `- name:` line, 27 for `amount` and 24 for `item_count`."""
    _, by_change = lines_head_judged(tmp_path)
    amount = by_change["schema.orders.amount type-changed"]
    assert (amount["path"], amount["line"]) == (ODCS_PATH, 27)
    item_count = by_change["schema.orders.item_count type-widened"]
    assert (item_count["path"], item_count["line"]) == (ODCS_PATH, 24)


def test_a_removed_property_that_comes_first_still_points_at_properties(
    tmp_path: Path,
) -> None:
    """Removing the first property of a table: its `- name:` line was right
    under `properties:`, which stays (line 15)."""
    first = (
        "      - name: order_id\n"
        "        logicalType: string\n"
        "        required: true\n"
        "        description: Order identifier\n"
    )
    code, data = judge_once(tmp_path / "repo", ODCS_PATH, ODCS, edit(ODCS, MAJOR, (first, "")))
    assert code == 1
    c = entry(data, "schema.orders.order_id", "field-removed")
    assert (c["path"], c["line"]) == (ODCS_PATH, 15)


# --- the notice policy on ODCS files ---------------------------------------------------------


def deprecate_note(value: str) -> tuple[str, str]:
    """The edit that puts `govern.deprecated` with ``value`` on the `note` property."""
    custom = (
        "        customProperties:\n"
        "          - property: govern.deprecated\n"
        f"            value: {value}\n"
    )
    return (O_NOTE, O_NOTE + custom)


CONTRACT_CUSTOM = "customProperties:\n  - property: govern.owner\n    value: payroll-engine\n"


def with_contract_property(text: str, prop: str, value: str) -> str:
    """``text`` with one more contract-level custom property."""
    more = f"  - property: {prop}\n    value: {value}\n"
    return edit(text, (CONTRACT_CUSTOM, CONTRACT_CUSTOM + more))


def removed_note(base: str) -> str:
    """``base`` (which may carry a deprecation on note) without note, version 2.0.0."""
    start = base.index("      - name: note\n")
    end = base.index("      - name: shipping\n")
    return edit(base[:start] + base[end:], MAJOR)


def announce_and_remove(
    root: Path, deprecation: str, *, announce: str = "2026-01-06", extra: str | None = None
) -> str:
    """On main: ODCS on 2026-01-01, `govern.deprecated` on note on ``announce``;
    on a branch `feature`: note removed (2026-01-25). The announcing sha."""
    base = ODCS if extra is None else with_contract_property(ODCS, "govern.notice_days", extra)
    init(root, "2026-01-01", {ODCS_PATH: base})
    announced = edit(base, deprecate_note(deprecation))
    sha = commit(root, announce, {ODCS_PATH: announced})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, "2026-01-25", {ODCS_PATH: removed_note(announced)})
    return sha


DEPRECATIONS = [
    pytest.param("{reason: replaced by the order API, removal: 2026-01-15}", id="mapping"),
    pytest.param("replaced by the order API", id="reason-text"),
]


@pytest.mark.parametrize("deprecation", DEPRECATIONS)
def test_a_property_deprecated_14_days_before_may_be_removed(
    tmp_path: Path, deprecation: str
) -> None:
    root = tmp_path / "repo"
    sha = announce_and_remove(root, deprecation)
    # 2026-01-06 + 14 = 2026-01-20 (the removal date 2026-01-15 is earlier).
    done, data = breaking(root, now="2026-01-20")
    assert done.returncode == 0, done.stdout
    check_json_shape(data)
    assert data["base"] == sha and data["head"] == "working tree"
    c = entry(data, "schema.orders.note", "field-removed")
    assert (c["contract"], c["severity"], c["allowed"]) == (CID, BREAKING, True)
    assert c["notice"] == notice("announced", "2026-01-06", sha, 14, "2026-01-20")
    assert (c["path"], c["line"]) == (ODCS_PATH, 15)
    assert data["summary"] == {"changes": 1, "breaking": 1, "refused": 0, "allowed": 1}
    out = text_report(root, "2026-01-20")
    assert out.returncode == 0
    assert f"announced on 2026-01-06 in {sha[:7]}, 14 days ago (needs 14)" in out.stdout


@pytest.mark.parametrize("deprecation", DEPRECATIONS)
def test_a_property_deprecated_13_days_before_may_not_be_removed_yet(
    tmp_path: Path, deprecation: str
) -> None:
    root = tmp_path / "repo"
    sha = announce_and_remove(root, deprecation)
    done, data = breaking(root, now="2026-01-19")
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["allowed"] is False
    assert c["notice"] == notice("too-recent", "2026-01-06", sha, 14, "2026-01-20")
    assert data["summary"] == {"changes": 1, "breaking": 1, "refused": 1, "allowed": 0}
    out = text_report(root, "2026-01-19")
    assert out.returncode == 1
    assert (
        f"It was announced on 2026-01-06 in {sha[:7]}, 13 days ago; needs 14; "
        "earliest 2026-01-20." in out.stdout
    )


def test_the_removal_date_of_an_odcs_deprecation_is_respected(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    sha = announce_and_remove(root, "{reason: replaced by the order API, removal: 2026-02-01}")
    # 19 days old, but the removal date has not come.
    done, data = breaking(root, now="2026-01-25")
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("not-yet-effective", "2026-01-06", sha, 14, "2026-02-01")
    done, data = breaking(root, now="2026-02-01")
    assert done.returncode == 0
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-06", sha, 14, "2026-02-01")


def test_a_removal_never_announced_in_odcs_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    init(root, "2026-01-01", {ODCS_PATH: ODCS})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, "2026-01-25", {ODCS_PATH: removed_note(ODCS)})
    done, data = breaking(root, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")
    assert "It was never announced" in text_report(root, "2026-02-01").stdout


def test_a_deprecation_added_in_the_same_branch_does_not_count(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    init(root, "2026-01-01", {ODCS_PATH: ODCS})
    git(root, "checkout", "-q", "-b", "feature")
    announced = edit(ODCS, deprecate_note("replaced by the order API"))
    commit(root, "2026-01-02", {ODCS_PATH: announced})
    commit(root, "2026-01-25", {ODCS_PATH: removed_note(announced)})
    done, data = breaking(root, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")


def test_contract_notice_days_30_makes_20_days_insufficient(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    sha = announce_and_remove(root, "replaced by the order API", extra="30")
    # 2026-01-06 -> 2026-01-26 is 20 days; 30 needed: earliest 2026-02-05.
    done, data = breaking(root, now="2026-01-26")
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-06", sha, 30, "2026-02-05")
    out = text_report(root, "2026-01-26")
    assert f"announced on 2026-01-06 in {sha[:7]}, 20 days ago; needs 30; earliest 2026-02-05" in (
        out.stdout
    )
    assert breaking(root, now="2026-02-04")[0].returncode == 1
    done, data = breaking(root, now="2026-02-05")
    assert done.returncode == 0
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-06", sha, 30, "2026-02-05")


def test_govern_now_fixes_today_as_now_does(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    sha = announce_and_remove(root, "replaced by the order API", extra="30")
    done, data = breaking(root, now=None, env={"GOVERN_NOW": "2026-01-26"})
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-06", sha, 30, "2026-02-05")
    done, _ = breaking(root, now=None, env={"GOVERN_NOW": "2026-02-05T12:00:00Z"})
    assert done.returncode == 0


def test_notice_days_raised_in_the_branch_counts_and_lowered_does_not(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    sha = announce_and_remove(root, "replaced by the order API")
    head = (root / ODCS_PATH).read_text(encoding="utf-8")
    # Raised to 30 in the branch only: 20 days are not enough.
    write_files(root, {ODCS_PATH: with_contract_property(head, "govern.notice_days", "30")})
    done, data = breaking(root, now="2026-01-26")
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-06", sha, 30, "2026-02-05")
    # Lowered to 7: the repository's 14 still hold (10 days: refused).
    write_files(root, {ODCS_PATH: with_contract_property(head, "govern.notice_days", "7")})
    done, data = breaking(root, now="2026-01-16")
    assert done.returncode == 1
    c = entry(data, "schema.orders.note", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-06", sha, 14, "2026-01-20")


CONTRACT_DEPRECATION = "{reason: split into shop.order.lines, replacement: shop.order.lines}"


def deprecate_and_delete(root: Path, *, announce: bool = True) -> str | None:
    """On main: ODCS on 2026-01-01 and, if ``announce``, contract-level
    `govern.deprecated` (and status deprecated) on 2026-01-06; on a branch: the
    file deleted on 2026-01-25. The announcing sha."""
    init(root, "2026-01-01", {ODCS_PATH: ODCS})
    sha = None
    if announce:
        deprecated = with_contract_property(ODCS, "govern.deprecated", CONTRACT_DEPRECATION)
        deprecated = edit(deprecated, ("status: active\n", "status: deprecated\n"))
        sha = commit(root, "2026-01-06", {ODCS_PATH: deprecated})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, "2026-01-25", remove=(ODCS_PATH,))
    return sha


def test_a_deprecated_odcs_contract_may_be_deleted_after_14_days(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    sha = deprecate_and_delete(root)
    done, data = breaking(root, now="2026-01-15")
    assert done.returncode == 1
    check_json_shape(data)
    c = entry(data, "contract", "contract-removed")
    assert (c["contract"], c["severity"], c["allowed"]) == (CID, BREAKING, False)
    # 9 days of 14: earliest 2026-01-06 + 14 = 2026-01-20.
    assert c["notice"] == notice("too-recent", "2026-01-06", sha, 14, "2026-01-20")
    # A removed contract is placed in the base's file, at its id (line 3).
    assert (c["path"], c["line"]) == (ODCS_PATH, 3)
    done, data = breaking(root, now="2026-01-20")
    assert done.returncode == 0
    c = entry(data, "contract", "contract-removed")
    assert c["allowed"] is True
    assert c["notice"] == notice("announced", "2026-01-06", sha, 14, "2026-01-20")
    assert data["summary"] == {"changes": 1, "breaking": 1, "refused": 0, "allowed": 1}


def test_an_odcs_contract_deleted_without_notice_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    deprecate_and_delete(root, announce=False)
    done, data = breaking(root, now="2026-01-25")
    assert done.returncode == 1
    c = entry(data, "contract", "contract-removed")
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-08")


def test_a_notice_survives_converting_the_native_contract_to_odcs(tmp_path: Path) -> None:
    """The native twin's field is deprecated on 2026-01-06; on 2026-01-12 the
    file is replaced by the ODCS twin, which keeps the deprecation as
    `govern.deprecated`. Identity is the id: the notice has been there without
    interruption since 2026-01-06."""
    root = tmp_path / "repo"
    init(root, "2026-01-01", {NATIVE_PATH: NATIVE})
    native_deprecated = edit(
        NATIVE,
        (N_NOTE, N_NOTE.replace("shopper}", "shopper, deprecated: {reason: replaced by the API}}")),
    )
    sha = commit(root, "2026-01-06", {NATIVE_PATH: native_deprecated})
    converted = edit(ODCS, deprecate_note("{reason: replaced by the API}"))
    commit(root, "2026-01-12", {ODCS_PATH: converted}, remove=(NATIVE_PATH,))
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, "2026-01-25", {ODCS_PATH: removed_note(converted)})
    done, data = breaking(root, now="2026-01-21")
    assert done.returncode == 0, done.stdout
    c = entry(data, "schema.orders.note", "field-removed")
    # 15 days since 2026-01-06 (only 9 since the conversion).
    assert c["notice"] == notice("announced", "2026-01-06", sha, 14, "2026-01-20")


# --- coverage ------------------------------------------------------------------------------

# On top of the base fixture (payroll.payslip.generated: payroll-engine, 4
# described fields, consumer analytics; metric payslip_error_rate: analytics,
# complete and traced). Fields, by hand: the table `orders` (described),
# order_id, amount (described), discount (not): 3 of 4, owner finance (team.name).
COVERAGE_ORDERS = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.orders
version: 1.0.0
status: active
team:
  name: finance
schema:
  - name: orders
    physicalType: table
    description: One row per order
    properties:
      - name: order_id
        logicalType: string
        description: Order identifier
      - name: amount
        logicalType: number
        physicalType: decimal(18,2)
        description: Order total
      - name: discount
        logicalType: number
"""
# Owner operations: `govern.owner` wins over team.name "Refund Desk" (which is
# not a team). Fields: refunds (not described), refund_id, reason (described),
# reason.code (not): 2 of 4.
COVERAGE_REFUNDS = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.refunds
version: 1.0.0
status: active
team:
  name: Refund Desk
customProperties:
  - property: govern.owner
    value: operations
schema:
  - name: refunds
    physicalType: table
    properties:
      - name: refund_id
        logicalType: string
        description: Refund identifier
      - name: reason
        logicalType: object
        description: Why the refund was made
        properties:
          - name: code
            logicalType: string
"""
# Three sources: shop.orders (an ODCS contract id), stg_refunds_daily (a
# dataset whose `contract:` is the ODCS shop.refunds), stripe_api (nothing).
COVERAGE_PIPELINES = """\
pipelines:
  orders_daily:
    description: Orders per day
    primary: data-engineering
    secondary: analytics
    sources: [shop.orders, stg_refunds_daily, stripe_api]
datasets:
  stg_refunds_daily:
    description: Refunds of the day
    primary: operations
    secondary: data-engineering
    contract: shop.refunds
"""


def coverage_repo(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "repo",
        {
            "contracts/shop/orders.odcs.yaml": COVERAGE_ORDERS,
            "contracts/shop/refunds.odcs.yaml": COVERAGE_REFUNDS,
            "ownership/pipelines.yaml": COVERAGE_PIPELINES,
        },
    )


def test_coverage_counts_odcs_contracts(tmp_path: Path) -> None:
    root = coverage_repo(tmp_path)
    done = run_govern("coverage", "--format", "json", cwd=root)
    assert done.returncode == 0, done.stderr  # no thresholds
    measures = {m["name"]: m for m in json.loads(done.stdout)["coverage"]}

    def figures(name: str) -> tuple[int, int, float, dict[str, tuple[int, int]]]:
        m = measures[name]
        teams = {t["team"]: (t["covered"], t["total"]) for t in m["by_team"]}
        return m["covered"], m["total"], m["percent"], teams

    # 2 of 3 sources resolve to a contract, both of them ODCS: 66.66… -> 66.6.
    assert figures("contracts") == (2, 3, 66.6, {"data-engineering": (2, 3)})
    assert [(g["name"], g["kind"], g["parent"]) for g in measures["contracts"]["missing"]] == [
        ("stripe_api", "source", "orders_daily")
    ]
    # Neither ODCS contract has consumers (ODCS has no `consumers`).
    without = measures["contracts"]["without_consumers"]
    assert sorted((g["name"], g["team"], g["path"]) for g in without) == [
        ("shop.orders", "finance", "contracts/shop/orders.odcs.yaml"),
        ("shop.refunds", "operations", "contracts/shop/refunds.odcs.yaml"),
    ]
    # 3 contracts, 1 metric, 1 pipeline, each with one owner that is a team:
    # finance from team.name, operations from govern.owner.
    assert figures("ownership") == (
        5,
        5,
        100.0,
        {
            "analytics": (1, 1),
            "data-engineering": (1, 1),
            "finance": (1, 1),
            "operations": (1, 1),
            "payroll-engine": (1, 1),
        },
    )
    # 4 + 4 + 4 fields, 4 + 3 + 2 described: 9 of 12.
    assert figures("fields") == (
        9,
        12,
        75.0,
        {"finance": (3, 4), "operations": (2, 4), "payroll-engine": (4, 4)},
    )
    assert sorted(
        (g["name"], g["kind"], g["parent"], g["team"], g["path"], tuple(g["reasons"]))
        for g in measures["fields"]["missing"]
    ) == [
        ("orders.discount", "field", "shop.orders", "finance",
         "contracts/shop/orders.odcs.yaml", ("no description",)),
        ("refunds", "field", "shop.refunds", "operations",
         "contracts/shop/refunds.odcs.yaml", ("no description",)),
        ("refunds.reason.code", "field", "shop.refunds", "operations",
         "contracts/shop/refunds.odcs.yaml", ("no description",)),
    ]  # fmt: skip


def test_coverage_details_name_odcs_properties(tmp_path: Path) -> None:
    done = run_govern("coverage", "--details", "--no-color", cwd=coverage_repo(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "orders.discount (in contract shop.orders): no description" in done.stdout
    assert "refunds.reason.code (in contract shop.refunds): no description" in done.stdout
    assert "stripe_api (in pipeline orders_daily)" in done.stdout
    assert "shop.orders (in pipeline" not in done.stdout


def test_a_misspelt_odcs_id_leaves_the_source_a_shadow_flow(tmp_path: Path) -> None:
    """The control of the case above: the source counts because it is the ODCS
    contract's id, not because any dotted name would."""
    root = coverage_repo(tmp_path)
    write_files(root, {"ownership/pipelines.yaml": COVERAGE_PIPELINES.replace(
        "[shop.orders,", "[shop.order,")})  # fmt: skip
    done = run_govern("coverage", "--format", "json", cwd=root)
    contracts = json.loads(done.stdout)["coverage"][0]
    assert (contracts["covered"], contracts["total"]) == (1, 3)
    assert sorted(g["name"] for g in contracts["missing"]) == ["shop.order", "stripe_api"]


# --- conflicts -----------------------------------------------------------------------------

# An ODCS file by analytics for the base fixture's payroll.payslip.generated
# (contracts/payroll/payslip_generated.yaml: `contract:` on line 1, owner
# payroll-engine). Its `id:` is on line 3.
ODCS_PAYSLIPS = """\
apiVersion: v3.1.0
kind: DataContract
id: payroll.payslip.generated
version: 1.0.0
status: active
team:
  name: analytics
schema:
  - name: payslips
    physicalType: table
    description: Payslips as analytics reads them
    properties:
      - name: payslip_id
        logicalType: string
        description: Payslip identifier
"""


def conflicts_json(root: Path) -> tuple[int, dict[str, Any]]:
    done = run_govern("conflicts", "--format", "json", cwd=root)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def members(conflict: dict[str, Any]) -> list[tuple[str, str, int, str | None]]:
    return [(m["id"], m["path"], m["line"], m["owner"]) for m in conflict["members"]]


def test_an_odcs_and_a_native_contract_with_one_id_conflict(tmp_path: Path) -> None:
    odcs_path = "contracts/analytics/payslips.odcs.yaml"
    root = make_repo(tmp_path / "repo", {odcs_path: ODCS_PAYSLIPS})
    code, data = conflicts_json(root)
    assert code == 1
    [conflict] = data["conflicts"]
    assert (conflict["kind"], conflict["name"], conflict["severity"]) == (
        "contract-claim",
        "payroll.payslip.generated",
        "error",
    )
    # Members ordered by file; each at its id.
    assert members(conflict) == [
        ("payroll.payslip.generated", odcs_path, 3, "analytics"),
        ("payroll.payslip.generated", "contracts/payroll/payslip_generated.yaml", 1,
         "payroll-engine"),
    ]  # fmt: skip
    assert data["summary"]["errors"] == 1
    text = run_govern("conflicts", "--no-color", cwd=root)
    assert text.returncode == 1
    assert f"{odcs_path}:3" in text.stdout
    assert "contracts/payroll/payslip_generated.yaml:1" in text.stdout


# A native contract names stg_orders_daily in `dataset:` (line 7);
# ownership/datasets.yaml says the ODCS shop.orders governs it (`contract:` on
# line 4). Both are owned by finance and the dataset has no `primary`, so that
# the claim is the one conflict (no `owner` conflict).
NATIVE_CLAIM = """\
contract: analytics.orders
version: 1.0.0
status: active
kind: table
description: Orders as the finance models read them.
owner: finance
dataset: stg_orders_daily
schema:
  order_id: {type: string, required: true, description: Order identifier}
"""
DATASETS = """\
datasets:
  stg_orders_daily:
    description: Orders of the day
    contract: shop.orders
"""


def test_an_odcs_and_a_native_contract_claiming_one_dataset_conflict(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path / "repo",
        {
            "contracts/analytics/orders.yaml": NATIVE_CLAIM,
            "contracts/shop/orders.odcs.yaml": COVERAGE_ORDERS,
            "ownership/datasets.yaml": DATASETS,
        },
    )
    code, data = conflicts_json(root)
    assert code == 1
    [conflict] = data["conflicts"]
    assert (conflict["kind"], conflict["name"], conflict["severity"]) == (
        "contract-claim",
        "stg_orders_daily",
        "error",
    )
    # docs/conflicts.md: a member's line is its `dataset:`, or the dataset's
    # `contract:` (for the ODCS contract, named only there); the ODCS contract's
    # owner is its team.name.
    assert members(conflict) == [
        ("analytics.orders", "contracts/analytics/orders.yaml", 7, "finance"),
        ("shop.orders", "ownership/datasets.yaml", 4, "finance"),
    ]
    assert "analytics.orders" in conflict["detail"] and "shop.orders" in conflict["detail"]


def test_an_odcs_contract_alone_is_no_conflict(tmp_path: Path) -> None:
    """The control of the two cases above."""
    root = make_repo(tmp_path / "repo", {"contracts/shop/orders.odcs.yaml": COVERAGE_ORDERS})
    code, data = conflicts_json(root)
    assert code == 0
    assert data["conflicts"] == []

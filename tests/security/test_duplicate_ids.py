"""Two files that define the same contract (or metric) id: `govern breaking`
compared one of them and let the other's change pass. Now an id that two
files define, on the base or the head, is no verdict: exit 2, naming the id
and both files, for `breaking` and `diff` alike. The second file may have
changed too (both are read), or not (the base is searched for the ids of the
changed files, since an unchanged file is the same on both sides).

Real repositories in tmp_path with dated commits; the installed `govern`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_govern
from tests.test_breaking_policy import (
    CONTRACT,
    ID,
    METRIC,
    METRIC_ID,
    branch,
    commit,
    contract,
    init,
    metric,
)

SHADOW = "contracts/aa_shadow.yaml"  # sorts before the real file
FULL = contract()
WITHOUT_WORKER = contract(version="2.0.0", drop=("worker_id",))


def refused(repo: Path, message: str) -> None:
    """`breaking` and `diff` (working tree and --head) exit 2 with ``message``."""
    for command in ("breaking", "diff"):
        for args in ((), ("--head", "feature")):
            done = run_govern(
                command, "--against", "main", *args, "--now", "2026-02-01", "--no-color",
                cwd=repo,
            )  # fmt: skip
            assert (done.returncode, done.stdout) == (2, ""), (command, args, done.stdout)
            assert done.stderr.startswith(f"error: {message}"), (command, args, done.stderr)


def twice(subject: str, ident: str, side: str, *paths: str) -> str:
    return (
        f"{subject} {ident} is defined by more than one file on {side} "
        f"({' and '.join(sorted(paths))}): which one changed cannot be told"
    )


def test_a_shadow_copy_added_on_the_branch_is_refused(repo: Path) -> None:
    # The branch adds an exact copy of the contract and removes a required
    # field from the real file: comparing the copy would show no change.
    init(repo)
    branch(repo)
    commit(repo, "2026-01-30", {SHADOW: FULL, CONTRACT: WITHOUT_WORKER})
    refused(repo, twice("contract", ID, "the head", SHADOW, CONTRACT))


def test_a_shadow_on_the_base_removed_with_the_change_is_refused(repo: Path) -> None:
    # main holds a copy that already lacks the field; the branch deletes it
    # and removes the field from the real file: comparing the base's copy with
    # the head's real file would show no change.
    init(repo)
    commit(repo, "2025-12-02", {SHADOW: WITHOUT_WORKER.replace("2.0.0", "1.0.0")})
    branch(repo)
    commit(repo, "2026-01-30", {CONTRACT: WITHOUT_WORKER}, remove=(SHADOW,))
    refused(repo, twice("contract", ID, "the base", SHADOW, CONTRACT))


def test_an_unchanged_shadow_is_found_at_the_base(repo: Path) -> None:
    # main holds a copy the branch leaves alone (so it is not among the
    # changed files); the branch changes the real file.
    init(repo)
    commit(repo, "2025-12-02", {SHADOW: FULL})
    branch(repo)
    commit(repo, "2026-01-30", {CONTRACT: WITHOUT_WORKER})
    refused(repo, twice("contract", ID, "both revisions", SHADOW, CONTRACT))


def test_a_new_file_claiming_an_existing_id_is_refused(repo: Path) -> None:
    # The branch leaves the real file alone and adds another that claims its
    # id without the field: which is the contract now?
    init(repo)
    branch(repo)
    commit(repo, "2026-01-30", {"contracts/zz_claim.yaml": WITHOUT_WORKER})
    refused(repo, twice("contract", ID, "the head", "contracts/zz_claim.yaml", CONTRACT))


@pytest.mark.parametrize("shadow", ["metrics/aa_shadow.yaml", "metrics/zz_shadow.yaml"])
def test_a_shadow_metric_is_refused(repo: Path, shadow: str) -> None:
    # A copy of the metric beside it, and the real formula changed.
    init(repo)
    branch(repo)
    changed = metric().replace(
        "count_if(corrected_after_generation)", "count_if(corrected_after_generation) * 2"
    )
    commit(repo, "2026-01-30", {shadow: metric(), METRIC: changed})
    refused(repo, twice("metric", METRIC_ID, "the head", shadow, METRIC))

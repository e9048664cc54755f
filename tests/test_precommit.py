"""The pre-commit hook, end to end: the README's snippet in a fresh website repository, real git commits.

pre-commit builds its own virtualenv and pip-installs medlint from a repository
holding the working tree as it is now (dependencies come from the package
index), so this is what a site gets. Takes a few seconds more than the rest.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import REPO_ROOT, write
from tests.git_helpers import GIT_ENV, git, init_repo, snapshot_project

pytest.importorskip("pre_commit", reason="pre-commit is not installed")

SITE_RULES = """\
pack: riverside
rules:
  - id: house-miracle-cure
    category: efficacy
    severity: error
    message: "'{match}' promises a cure no treatment can promise."
    phrases: ["miracle cure"]
    negation: true
    suggestions: ["promising treatment"]
"""


def readme_hook_snippet() -> dict[str, object]:
    """The pre-commit snippet the README tells a website repository to add."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    [snippet] = [b for b in blocks if "hooks:" in b and "id: medlint" in b]
    parsed = yaml.safe_load(snippet)
    assert isinstance(parsed, dict)
    return parsed


def test_the_hook_blocks_a_bad_draft_and_lets_a_clean_one_through(tmp_path: Path) -> None:
    medlint_repo, revision = snapshot_project(REPO_ROOT, tmp_path / "medlint")
    config = readme_hook_snippet()
    repos = config["repos"]
    assert isinstance(repos, list)
    [repo] = repos
    assert set(repo) == {"repo", "rev", "hooks"} and repo["hooks"] == [{"id": "medlint"}]
    repo.update(repo=str(medlint_repo), rev=revision)

    site = init_repo(tmp_path / "site")
    write(site / ".pre-commit-config.yaml", yaml.safe_dump(config))
    # The site's own rule, so the finding asserted below does not depend on the built-in packs.
    write(site / ".medlint.yaml", "rules: [medlint-rules.yaml]\n")
    write(site / "medlint-rules.yaml", SITE_RULES)
    write(site / "content" / "hours.md", "# Opening hours\n\nMonday to Friday, 9am to 5pm.\n")
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        # git prints the hooks' output on stderr: read both as one stream.
        return subprocess.run(
            args, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600
        )

    installed = run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout

    git(site, "add", "--all")
    first = run("git", "commit", "--message", "Opening hours")
    assert first.returncode == 0, first.stdout
    assert re.search(r"^medlint\.+Passed$", first.stdout, re.MULTILINE), first.stdout

    write(site / "content" / "therapy.md", "# Our therapy\n\nOur therapy is a miracle cure.\n")
    git(site, "add", "content/therapy.md")
    blocked = run("git", "commit", "--message", "New therapy page")
    assert blocked.returncode != 0
    assert re.search(r"^medlint\.+Failed$", blocked.stdout, re.MULTILINE), blocked.stdout
    assert "content/therapy.md:3:18: error [house-miracle-cure] 'miracle cure' promises a cure" in blocked.stdout
    assert "Our therapy is a miracle cure." in blocked.stdout  # the line, with the span marked under it
    assert git(site, "rev-list", "--count", "HEAD").strip() == "1"

    # A justified exception, suppressed where it stands with a reason, passes (whatever the
    # built-in packs find in the quoted headline too).
    write(
        site / "content" / "therapy.md",
        """\
        # In the press

        <!-- medlint-disable-next-line ALL -- the headline of the article we link to, quoted as printed -->
        The Daily News asked: "A miracle cure?"
        """,
    )
    git(site, "add", "content/therapy.md")
    allowed = run("git", "commit", "--message", "Press page")
    assert allowed.returncode == 0, allowed.stdout
    assert git(site, "rev-list", "--count", "HEAD").strip() == "2"


def test_the_documented_local_hook_runs_the_installed_medlint(tmp_path: Path) -> None:
    # docs/integrations.md's `repo: local` hook, for a site that installs medlint itself: no clone,
    # no virtualenv of pre-commit's, so it runs in a second.
    docs = (REPO_ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    [snippet] = [b for b in re.findall(r"```yaml\n(.*?)```", docs, re.DOTALL) if "repo: local" in b]
    config = yaml.safe_load(snippet)
    [hook] = config["repos"][0]["hooks"]
    [declared] = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {k: hook[k] for k in ("id", "entry", "types", "files", "require_serial")} == {
        k: declared[k] for k in ("id", "entry", "types", "files", "require_serial")
    }

    site = init_repo(tmp_path / "site")
    write(site / ".pre-commit-config.yaml", snippet)
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [medlint-rules.yaml]\n")
    write(site / "medlint-rules.yaml", SITE_RULES)
    write(site / "content" / "therapy.md", "# Our therapy\n\nOur therapy is a miracle cure.\n")
    path = f"{Path(sys.executable).parent}{os.pathsep}{GIT_ENV.get('PATH', '')}"  # this medlint, as installed
    env = {**GIT_ENV, "PATH": path, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    git(site, "add", "--all")

    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run"],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1, done.stdout
    assert re.search(r"^medlint\.+Failed$", done.stdout, re.MULTILINE), done.stdout
    assert "content/therapy.md:3:18: error [house-miracle-cure]" in done.stdout

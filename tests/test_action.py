"""The GitHub Action (action.yml), run locally: its shell steps, in order, in a real git repository.

What is exercised: the composite action's bash steps exactly as written, with
``${{ inputs.* }}`` and ``${{ steps.*.outputs.* }}`` substituted as GitHub would,
``GITHUB_ACTION_PATH`` and ``GITHUB_OUTPUT`` set, and a step failure stopping
the run. The install step really pip-installs medlint (from a copy of the
working tree) into a fresh virtualenv, once: later runs in this module reuse
that virtualenv. The run step really checks the pages.

What is not: the ``uses:`` steps (actions/setup-python; the SARIF upload, whose
input is validated against the SARIF schema here instead) and GitHub's
expression engine beyond those substitutions (no ``if:`` is evaluated; the
shell steps carry none).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from tests.conftest import REPO_ROOT, write
from tests.git_helpers import GIT_ENV, commit_all, git, init_repo, snapshot_project
from virtualenv import cli_run

ACTION = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INSTALL_STEP = "Install medlint"
SITE_RULES = """\
pack: riverside
rules:
  - id: house-miracle-cure
    category: efficacy
    severity: error
    message: "'{match}' promises a cure no treatment can promise."
    phrases: ["miracle cure"]
"""


def test_the_action_is_composite_and_passes_inputs_only_through_env() -> None:
    assert ACTION["runs"]["using"] == "composite"
    shell_steps = [step for step in ACTION["runs"]["steps"] if "run" in step]
    assert [step["name"] for step in shell_steps] == ["Install medlint", "Run medlint", "Result"]
    for step in shell_steps:
        assert step["shell"] == "bash" and "if" not in step
        # An input pasted into a script could inject commands; env values cannot.
        assert "${{" not in step["run"], step["name"]
    assert {step.get("uses", "").split("@")[0] for step in ACTION["runs"]["steps"]} >= {
        "actions/setup-python",
        "github/codeql-action/upload-sarif",
    }


class LocalRunner:
    """Runs the action's shell steps as a GitHub runner would, in ``workspace``."""

    def __init__(self, workspace: Path, action_path: Path, bin_dir: Path, scratch: Path) -> None:
        self.workspace = workspace
        self.action_path = action_path
        self.scratch = scratch
        self.env = {**GIT_ENV, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CI": "true"}
        self.env.pop("VIRTUAL_ENV", None)
        self.runs = 0
        self.installed = False

    def run(self, **given: str) -> dict[str, Any]:
        inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        unknown = set(given) - set(inputs)
        assert not unknown, unknown
        inputs.update(given)
        outputs: dict[str, dict[str, str]] = {}
        done: dict[str, Any] = {"steps": {}, "skipped": []}
        self.runs += 1
        for number, step in enumerate(ACTION["runs"]["steps"]):
            if "uses" in step:
                done["skipped"].append(step["uses"])
                continue
            if step["name"] == INSTALL_STEP and self.installed:
                continue  # the same virtualenv: installing the same files again would only cost time
            output_file = self.scratch / f"output-{self.runs}-{number}"
            output_file.write_text("", encoding="utf-8")
            env = {
                **self.env,
                "GITHUB_ACTION_PATH": str(self.action_path),
                "GITHUB_OUTPUT": str(output_file),
                **{key: self._substitute(str(value), inputs, outputs) for key, value in step.get("env", {}).items()},
            }
            process = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=self.workspace,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            done["steps"][step["name"]] = process
            if "id" in step:
                lines = output_file.read_text(encoding="utf-8").splitlines()
                outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
            if process.returncode != 0:
                done["failed"] = step["name"]
                break
            self.installed = self.installed or step["name"] == INSTALL_STEP
        done["outputs"] = {
            name: self._substitute(str(spec["value"]), inputs, outputs) for name, spec in ACTION["outputs"].items()
        }
        return done

    @staticmethod
    def _substitute(value: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
        def evaluate(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("inputs."):
                return inputs[expression.removeprefix("inputs.")]
            step_output = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
            if step_output:
                return outputs.get(step_output.group(1), {}).get(step_output.group(2), "")
            raise AssertionError(f"the local runner does not evaluate ${{{{ {expression} }}}}")

        return EXPRESSION.sub(evaluate, value)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> LocalRunner:
    root = tmp_path_factory.mktemp("action")
    action_path, _ = snapshot_project(REPO_ROOT, root / "medlint")
    # virtualenv (pre-commit's own dependency) seeds pip from wheels: much faster than ensurepip.
    cli_run([str(root / "venv"), "--quiet"])
    bin_dir = root / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    site = init_repo(root / "site")
    write(site / ".medlint.yaml", "rules: [medlint-rules.yaml]\n")
    write(site / "medlint-rules.yaml", SITE_RULES)
    write(site / "content" / "hours.md", "# Opening hours\n\nMonday to Friday, 9am to 5pm.\n")
    write(site / "content" / "legacy.md", "# Our therapy\n\nOur therapy is a miracle cure.\n")
    commit_all(site, "site")
    scratch = root / "scratch"
    scratch.mkdir()
    return LocalRunner(site, action_path, bin_dir, scratch)


def test_findings_become_annotations_and_fail_the_job(runner: LocalRunner) -> None:
    done = runner.run(paths="content")
    assert done["skipped"] == [step["uses"] for step in ACTION["runs"]["steps"] if "uses" in step]
    install = done["steps"]["Install medlint"]
    assert install.returncode == 0, install.stderr
    checked = done["steps"]["Run medlint"]
    assert checked.returncode == 0, checked.stderr
    assert (
        "::error file=content/legacy.md,line=3,col=18,endLine=3,endColumn=30,"
        "title=medlint house-miracle-cure (efficacy)::'miracle cure' promises a cure no treatment can promise."
    ) in checked.stdout.splitlines()
    assert done["outputs"] == {"exit-code": "1"}
    assert done["failed"] == "Result"
    assert done["steps"]["Result"].returncode == 1


def test_sarif_is_written_for_upload_before_the_job_fails(runner: LocalRunner) -> None:
    done = runner.run(paths="content", format="sarif", **{"sarif-file": "medlint.sarif"})
    assert done["steps"]["Run medlint"].returncode == 0
    sarif = json.loads((runner.workspace / "medlint.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, SCHEMA)
    results = sarif["runs"][0]["results"]
    assert any(
        r["ruleId"] == "house-miracle-cure"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/legacy.md"
        for r in results
    )
    assert done["outputs"] == {"exit-code": "1"} and done["failed"] == "Result"


def test_a_pull_request_is_judged_on_the_lines_it_changes(runner: LocalRunner) -> None:
    site = runner.workspace
    git(site, "switch", "--quiet", "--create", "new-page")
    write(site / "content" / "new.md", "# New\n\nFine words.\nAnother miracle cure.\n")
    commit_all(site, "new page")
    try:
        done = runner.run(paths="content", **{"diff-base": "main", "fail-on": "error"})
    finally:
        git(site, "switch", "--quiet", "main")
    annotations = [line for line in done["steps"]["Run medlint"].stdout.splitlines() if line.startswith("::")]
    assert annotations and all("file=content/new.md," in line for line in annotations)
    assert any("line=4,col=9," in line and "house-miracle-cure" in line for line in annotations)
    assert done["outputs"] == {"exit-code": "1"}


def test_a_clean_change_passes(runner: LocalRunner) -> None:
    done = runner.run(paths="content/hours.md")
    assert "failed" not in done, done["steps"]
    assert done["outputs"] == {"exit-code": "0"}
    assert "medlint: no findings at the fail level" in done["steps"]["Result"].stdout


def test_a_usage_error_fails_the_job_with_exit_code_2(runner: LocalRunner) -> None:
    done = runner.run(paths="content", **{"diff-base": "no-such-branch"})
    assert "unknown git ref 'no-such-branch'" in done["steps"]["Run medlint"].stderr
    assert done["outputs"] == {"exit-code": "2"}
    assert done["steps"]["Result"].returncode == 2

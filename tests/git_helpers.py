"""Real git repositories for tests, isolated from the user's git configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# No global or system git config (a user's hooksPath or noprefix must not leak in); a fixed identity.
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Site Writer",
    "GIT_AUTHOR_EMAIL": "writer@example.com",
    "GIT_COMMITTER_NAME": "Site Writer",
    "GIT_COMMITTER_EMAIL": "writer@example.com",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)} failed: {done.stderr}"
    return done.stdout


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch", "main")
    return path


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", message)
    return git(repo, "rev-parse", "HEAD").strip()


# What a pip install of medlint from a checkout needs (plus the hook and action definitions).
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "action.yml", "src", "rules")


def snapshot_project(source: Path, dest: Path) -> tuple[Path, str]:
    """Copy the working tree's package files into a new git repository; its path and commit.

    A website repository's pre-commit config names a repository and a revision:
    this is that repository, holding the working tree as it is now.
    """
    import shutil

    init_repo(dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in PROJECT_FILES:
        item = source / name
        if item.is_dir():
            shutil.copytree(item, dest / name, ignore=ignore)
        else:
            shutil.copy2(item, dest / name)
    return dest, commit_all(dest, "medlint snapshot")

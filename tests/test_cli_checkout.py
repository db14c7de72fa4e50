"""The command line run from a checkout (or a worktree), whose code the installed ``maillage`` script may not run:
``python -m webapp`` and ``python -m webapp.console``, from the checkout's root, are the console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph import __version__

ROOT = Path(__file__).resolve().parents[1]


def run_module(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "MAILLAGE_LANG": "en"})


@pytest.mark.parametrize("module", ["webapp", "webapp.console"])
def test_python_dash_m_runs_the_command_line_of_the_checkout(module):
    done = run_module(module, "--version")
    assert (done.returncode, done.stdout) == (0, f"maillage, version {__version__}\n")


def test_python_dash_m_webapp_says_a_usage_error_as_the_console_script_does():
    done = run_module("webapp", "ingst")
    assert done.returncode == 2 and "No such command 'ingst'" in done.stderr and "Traceback" not in done.stderr

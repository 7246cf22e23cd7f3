"""Docs are checked by tests: commands, questions and the README's two commands."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from nhskg.cli import cli
from scripts.questions_doc import DOC, render

ROOT = Path(__file__).resolve().parent.parent


def test_readme_opens_with_the_two_commands_and_make_has_them() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block and readme.index("```sh") < 200
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make run", "make test"]
    targets = subprocess.run(["make", "-pn"], cwd=ROOT, capture_output=True, text=True).stdout
    assert re.search(r"^run:", targets, re.M) and re.search(r"^test:", targets, re.M)


def test_ci_calls_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_command_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"`nhskg {name}" in doc, f"docs/cli.md does not document `nhskg {name}`"


def test_questions_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run `make docs`"

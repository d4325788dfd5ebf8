"""Docs match code: every command and every finding code is in the README, and the README's two
first commands are the ones this project promises."""

import re
from pathlib import Path

from rendementsmeter.cli import main
from rendementsmeter.core.findings import CODES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)
    # a fresh Debian Python refuses `pip install` outside a virtual environment: the commands make one
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert blocks[0] == venv + "pip install . && rendementsmeter businesscase cases/voorbeeld -o businesscase.xlsx"
    assert blocks[1] == venv + 'pip install -e ".[test]" && python -m pytest'
    # CI runs the README's commands exactly as written, so the two cannot drift apart
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"first='{blocks[0]}'" in ci and f"second='{blocks[1]}'" in ci
    assert 'bash -euo pipefail -c "$second"' in ci and 'bash -euo pipefail -c "$first"' in ci
    for program in ("LibreOffice", "Chromium", "poppler", ".ci/run"):
        assert program in README


def test_every_command_is_documented():
    for name in main.commands:
        assert f"### `rendementsmeter {name} " in README, name


def test_every_finding_code_is_documented_with_its_severity():
    for code, (ernst, text) in CODES.items():
        assert f"| `{code}` | {ernst} | {text} |" in README, code


def test_changelog_has_unreleased_section():
    assert "## Unreleased" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_every_option_is_in_the_command_reference():
    """Each command's section of the README names every one of its options (in one of its spellings);
    --debug, which every command has, is explained once for all."""
    assert "`--debug`" in README
    sections = re.split(r"\n### `rendementsmeter ", README)
    for name, command in main.commands.items():
        section = next(s for s in sections if s.startswith(f"{name} "))
        section = section.split("\n## ")[0]
        for param in command.params:
            opts = [o for o in getattr(param, "opts", []) if o.startswith("-") and o not in ("--help", "--debug")]
            if opts:
                assert any(re.search(rf"{re.escape(o)}\b", section) for o in opts), f"{name} {opts}"

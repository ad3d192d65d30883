from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.cli import app, route

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class Cli:
    """Run the CLI in-process exactly as the console script routes its arguments."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):
        return self.runner.invoke(app, route([str(a) for a in args]), catch_exceptions=False)


@pytest.fixture
def cli(tmp_path, monkeypatch) -> Cli:
    """The CLI run from a scratch folder, so default reports do not land in the repository."""
    monkeypatch.chdir(tmp_path)
    return Cli()


@pytest.fixture
def write_rule(tmp_path):
    """Write a rule file into a fresh folder and return (folder, path)."""
    folder = tmp_path / "myrules"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    write.folder = folder
    return write

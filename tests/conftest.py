from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from tqcheck.cli import app, route

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def bench_corpus():
    """benchmarks/corpus.py, the generator of realistic MT news with planted artifacts."""
    import importlib.util
    import sys

    if "bench_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
        module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # its dataclasses look it up
        spec.loader.exec_module(module)
    return sys.modules["bench_corpus"]


def generated_articles(n: int, seed: int) -> list[str]:
    """``n`` generated articles (the speed tests compare fast paths with plain ones on them)."""
    corpus = bench_corpus()
    orgs = corpus.load_organizations()
    return [corpus.make_article(rng, orgs).text() for rng in corpus.article_rngs(n, seed=seed)]


class Cli:
    """Run the CLI in-process exactly as the console script routes its arguments."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: bytes | str | None = None):
        return self.runner.invoke(app, route([str(a) for a in args]), input=input, catch_exceptions=False)


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


# Property tests (hypothesis): a quick random run on a workstation; in CI (CI set) a larger,
# derandomized run, so a CI failure reproduces and a pass means the same inputs passed.
# The README's "Reliability" section quotes these numbers.
PROPERTY_EXAMPLES = {"dev": 100, "ci": 5000}
settings.register_profile("dev", max_examples=PROPERTY_EXAMPLES["dev"], deadline=None)
settings.register_profile("ci", max_examples=PROPERTY_EXAMPLES["ci"], deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True, scope="session")
def private_cache_folder(tmp_path_factory):
    """The tests' own cache folder (tqcheck.cache): a test run never writes into ~/.cache, and
    subprocesses started by tests inherit it."""
    folder = tmp_path_factory.mktemp("tqcheck-cache")
    before = os.environ.get("TQCHECK_CACHE_DIR")
    os.environ["TQCHECK_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("TQCHECK_CACHE_DIR", None)
    else:
        os.environ["TQCHECK_CACHE_DIR"] = before

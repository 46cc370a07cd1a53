"""pytest plugin: check machine translations of English news in tests.

Registered through the `pytest11` entry point, so installing the package is enough. It provides:

- `fidelity`, a fixture for the whole test run: the validator, its dictionaries loaded once, with
  `.check(source, translation, lang)` and `.assert_faithful(source, translation, lang)`;
- `--fidelity-glossary PATH` and the `@pytest.mark.fidelity_glossary(PATH)` marker (PATH relative to
  the test file's folder): a glossary of name renderings added to the shipped one, for the fixture
  and for `pipeline.assert_faithful` alike; an explicit `glossary=` argument still wins.

pytest imports this module in every run of every project where the package is installed, so it
imports nothing heavy: the validator loads when the fixture or a check first runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# `from pipeline import api`, never `from pipeline.api import ...`: the package's names are looked up
# the same way (pipeline.__getattr__), so both always see one module, and one default glossary.

if TYPE_CHECKING:
    from pipeline.api import FidelityReport
    from pipeline.fidelity.glossary import Glossary

MARKER = "fidelity_glossary"
_TOKEN = pytest.StashKey[Any]()

# The validator loads its packages and dictionaries as pairs need them (a lost person needs the
# romanisers, a quote the sentence encoder); the fixture checks these pairs when it is made, so the
# cost falls on its setup, not on whichever test meets a kind of fact first.
_WARM_UP = (
    ('Reuters said on Monday that Apple paid $3.4 billion, "a record".',
     "ロイター通信は月曜日、アップルが34億ドルを支払ったと報じた。「記録的だ」", "ja"),
    ("Tim Cook met officials in Paris.", "当局者はパリで会った。", "ja"),
    ("Tim Cook met officials in Paris.", "官员们在巴黎与约翰·史密斯会面。", "zh-Hans"),
)


class Fidelity:
    """The validator as the `fidelity` fixture gives it; glossaries as for `pipeline.check`."""

    def check(self, source: str, translation: str, lang: str, *,
              glossary: str | Path | Glossary | None = None, document: str | None = None) -> FidelityReport:
        """The report on one translation (see `pipeline.check`)."""
        from pipeline import api

        return api.check(source, translation, lang, glossary=glossary, document=document)

    def assert_faithful(self, source: str, translation: str, lang: str, *, allow: Iterable[str] = ("warning",),
                        glossary: str | Path | Glossary | None = None, document: str | None = None
                        ) -> FidelityReport:
        """Fail with a readable diff unless every fact survives (see `pipeline.assert_faithful`)."""
        __tracebackhide__ = True
        from pipeline import api

        return api.assert_faithful(source, translation, lang, allow=allow, glossary=glossary, document=document)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fidelity", "translation fidelity (news-fidelity-pipeline)")
    group.addoption("--fidelity-glossary", metavar="PATH", default=None,
                    help="glossary YAML of name renderings added to the shipped one for fidelity checks")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(path): glossary YAML (relative to the test file) for this test's fidelity checks")
    path = config.getoption("fidelity_glossary", None)
    if path:
        from pipeline import api

        resolved = Path(path).expanduser().resolve()
        try:
            api._glossary(resolved)  # a bad file stops the run here, once, with its message
        except ValueError as e:  # GlossaryError
            raise pytest.UsageError(f"--fidelity-glossary: {e}") from e
        config.stash[_TOKEN] = api._DEFAULT_GLOSSARY.set(resolved)


def pytest_unconfigure(config: pytest.Config) -> None:
    token = config.stash.get(_TOKEN, None)
    if token is not None:  # pytester runs pytest inside pytest: leave the outer run's setting
        from pipeline import api

        api._DEFAULT_GLOSSARY.reset(token)
        del config.stash[_TOKEN]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    marker = item.get_closest_marker(MARKER)
    if marker is None:
        yield
        return
    path = marker.args[0] if marker.args else marker.kwargs.get("path")
    if not path:  # pytest_runtest_setup fails the test and says why
        yield
        return
    from pipeline import api

    token = api._DEFAULT_GLOSSARY.set(Path(item.path).parent / Path(path).expanduser())
    try:
        yield
    finally:
        api._DEFAULT_GLOSSARY.reset(token)


def pytest_runtest_setup(item: pytest.Item) -> None:
    marker = item.get_closest_marker(MARKER)
    if marker is not None and not (marker.args[0] if marker.args else marker.kwargs.get("path")):
        pytest.fail(f"@pytest.mark.{MARKER} needs a glossary path", pytrace=False)


@pytest.fixture(scope="session")
def fidelity() -> Fidelity:
    """The fidelity validator, loaded once per test run: `.check(...)` and `.assert_faithful(...)`."""
    from pipeline.fidelity.checking import check

    for pair in _WARM_UP:
        check(*pair)
    return Fidelity()

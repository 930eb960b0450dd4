"""Extract the window's strings and build its catalogues.

``uv run python tools/update_translations.py``:

1. ``lupdate`` (PySide6's own, from the locked wheel) reads every ``tr``/``translate`` call and
   ``QT_TRANSLATE_NOOP`` in the package.
2. Every message whose source has ``%n`` (or ``%Ln``) is made a plural ("numerus") message:
   lupdate's Python parser marks ``self.tr("%n key(s)", "", n)`` but not
   ``translate("Ctx", "%n key(s)", "", n)``.
3. ``resources/translations/qkeys_de.ts`` is rewritten with only the messages the code still has
   (sorted, without source locations, so diffs show what changed); each German text comes from
   the translators' JSON files (``--german-from``, by default the team's drop folder
   ``/work/i18n``; skipped when missing, so this works in a fresh clone) or else from the
   ``.ts`` as it was.
4. ``qkeys_en.ts`` holds only the plurals, their English forms derived from the source:
   ``"%n key(s)"`` → ``"%n key"`` / ``"%n keys"`` (also ``(es)``).
5. ``lrelease`` compiles both to ``.qm``, which the window loads (ui/i18n.py).

``--check`` changes nothing and exits 1 listing what is wrong: German missing or unfinished, a
German text whose ``{placeholders}`` differ from its source's, a ``.qm`` not compiled from its
``.ts``, an English plural catalogue not matching the code. tests/test_translations.py runs it.

A translators' JSON file: ``{"Context": {"English source": "Deutsch",
"%n key(s)": ["%n Schlüssel", "%n Schlüssel"]}}`` (a list: singular and plural form).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import string
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import PySide6

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "qkeys_desktop"
OUT = ROOT / "resources" / "translations"
DROP_FOLDER = Path("/work/i18n")
QT_TOOLS = Path(PySide6.__file__).resolve().parent  # lupdate and lrelease ship in the wheel
GERMAN, ENGLISH = "de", "en"

Key = tuple[str, str, str]  # context, source, comment (disambiguation)
_COUNT = re.compile(r"%L?n")  # the count of a plural; %Ln writes it with the locale's digits


class TranslationError(Exception):
    """A problem the translators or the code must fix; the message says which string."""


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    forms: list[str] = field(default_factory=list)  # one text, or the plural forms
    finished: bool = False

    @property
    def key(self) -> Key:
        return self.context, self.source, self.comment

    @property
    def numerus(self) -> bool:
        return bool(_COUNT.search(self.source))

    def where(self) -> str:
        return f"{self.context}: {self.source!r}"


def run_tool(name: str, args: Sequence[str]) -> None:
    """Run Qt's ``lupdate``/``lrelease``; fail with its output when it fails."""
    done = subprocess.run([str(QT_TOOLS / name), *args], capture_output=True, text=True,
                          check=False)
    if done.returncode:
        raise TranslationError(f"{name} failed:\n{done.stdout}{done.stderr}")


def extract(package: Path = PACKAGE) -> list[Message]:
    """The messages the code has now, plurals marked, sorted, untranslated."""
    with tempfile.TemporaryDirectory() as scratch:
        ts = Path(scratch) / "extracted.ts"
        run_tool("lupdate", ["-silent", "-extensions", "py", "-locations", "none",
                             str(package), "-ts", str(ts)])
        messages = read_ts(ts)
    for message in messages:
        message.forms, message.finished = [], False
    return sorted(messages, key=lambda message: message.key)


def unextracted(messages: list[Message], package: Path = PACKAGE) -> list[str]:
    """The ``tr``/``translate``/``QT_TRANSLATE_NOOP`` calls with a literal text that lupdate
    did not extract. Its Python parser silently skips ``translate(CONTEXT, "Text")`` with the
    context in a variable, and ``translate("Ctx", "%n …", "", n)`` unless the count is a plain
    name (``len(x)``, ``round(x)`` or ``a / b`` there lose the string)."""
    found = {message.source for message in messages}
    missed = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}.get(name)
            if position is None or len(node.args) <= position:
                continue
            text = node.args[position]
            if (isinstance(text, ast.Constant) and isinstance(text.value, str)
                    and text.value not in found):
                missed.append(f"{path.relative_to(package.parent)}:{node.lineno}: lupdate did "
                              f"not find {text.value!r} (write the context as a literal "
                              f"string and a count as a plain name)")
    return missed


def read_ts(path: Path) -> list[Message]:
    """The messages of a ``.ts`` file (none when it does not exist)."""
    if not path.is_file():
        return []
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for element in context.iter("message"):
            translation = element.find("translation")
            forms: list[str] = []
            finished = False
            if translation is not None:
                plural = translation.findall("numerusform")
                forms = [form.text or "" for form in plural] if plural else [
                    translation.text or ""]
                finished = translation.get("type") not in ("unfinished", "obsolete",
                                                           "vanished")
            messages.append(Message(name, element.findtext("source", ""),
                                    element.findtext("comment", ""), forms,
                                    finished and any(forms)))
    return messages


def write_ts(path: Path, language: str, messages: Iterable[Message]) -> None:
    """Write ``messages`` as Qt Linguist's ``.ts`` XML (the format lupdate writes)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    context = None
    for message in messages:
        if message.context != context:
            if context is not None:
                lines.append("</context>")
            context = message.context
            lines += ["<context>", f"    <name>{escape(context)}</name>"]
        lines.append('    <message numerus="yes">' if message.numerus else "    <message>")
        lines.append(f"        <source>{escape(message.source)}</source>")
        if message.comment:
            lines.append(f"        <comment>{escape(message.comment)}</comment>")
        state = "" if message.finished else ' type="unfinished"'
        if message.numerus:
            lines.append(f"        <translation{state}>")
            lines += [f"            <numerusform>{escape(form)}</numerusform>"
                      for form in (message.forms or [""])]
            lines.append("        </translation>")
        else:
            text = message.forms[0] if message.forms else ""
            lines.append(f"        <translation{state}>{escape(text)}</translation>")
        lines.append("    </message>")
    if context is not None:
        lines.append("</context>")
    lines.append("</TS>")
    text = "\n".join(lines) + "\n"
    replace_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Have ``write`` fill a temporary file beside ``path``, then rename it into place: a running
    window or test has the old ``.qm`` mapped into memory (QTranslator), and rewriting that file
    in place would crash it (SIGBUS); a rename leaves the old file to whoever has it open. A
    file whose content would not change is left alone."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        if path.is_file() and path.read_bytes() == temporary.read_bytes():
            return
        temporary.chmod(0o644)  # mkstemp's 0600 would follow the file into a wheel
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_german(folders: Iterable[Path]) -> dict[tuple[str, str], list[str]]:
    """(context, source) → German forms from every ``*.json`` in the folders that exist.
    Two files disagreeing about one string is an error naming both."""
    german: dict[tuple[str, str], list[str]] = {}
    origin: dict[tuple[str, str], Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                contexts = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                raise TranslationError(f"{path}: not valid JSON ({error})") from error
            for context, texts in contexts.items():
                for source, text in texts.items():
                    forms = [text] if isinstance(text, str) else list(text)
                    key = (context, source)
                    if key in german and german[key] != forms:
                        raise TranslationError(
                            f"{context}: {source!r} has two German texts: {german[key]} in "
                            f"{origin[key].name}, {forms} in {path.name}")
                    german[key], origin[key] = forms, path
    return german


def merge_german(messages: list[Message], previous: list[Message],
                 german: dict[tuple[str, str], list[str]]) -> list[Message]:
    """Each message with its German from the JSON files, else as the ``.ts`` had it."""
    kept = {message.key: message for message in previous if message.finished}
    merged = []
    for message in messages:
        forms = german.get((message.context, message.source))
        if forms is None and message.key in kept:
            forms = kept[message.key].forms
        if forms and message.numerus and len(forms) == 1:
            forms = forms * 2  # German has two forms; one text given serves both
        if forms and not message.numerus and len(forms) != 1:
            raise TranslationError(f"{message.where()} is not a plural; give one German text")
        texts = list(forms or [])
        # a German text naming other placeholders would make .format() raise: not compiled
        finished = bool(texts) and all(
            text and placeholders(text) == placeholders(message.source) for text in texts)
        merged.append(Message(message.context, message.source, message.comment, texts,
                              finished))
    return merged


_PLURAL_SUFFIX = re.compile(r"(?<=\w)\((s|es)\)")


def english_forms(source: str) -> list[str]:
    """Singular and plural English of a ``%n`` source: ``"%n key(s)"`` → ``"%n key"``,
    ``"%n keys"``. A source without brackets reads the same for any count ("%n min ago")."""
    if re.search(r"\(\w*\)", _PLURAL_SUFFIX.sub("", source)):
        raise TranslationError(
            f"cannot derive English singular and plural of {source!r}: write plurals as "
            f"'word(s)' or 'word(es)'")
    return [_PLURAL_SUFFIX.sub("", source), _PLURAL_SUFFIX.sub(r"\1", source)]


def english(messages: Iterable[Message]) -> list[Message]:
    """The English plural-only catalogue's messages."""
    return [Message(message.context, message.source, message.comment,
                    english_forms(message.source), True)
            for message in messages if message.numerus]


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text fills in with ``str.format``."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def problems_in_german(messages: list[Message], german: list[Message]) -> list[str]:
    """Strings without a finished German text, and German texts whose placeholders differ."""
    known = {message.key: message for message in german}
    found = []
    for message in messages:
        translated = known.get(message.key)
        differing = [form for form in translated.forms if form and placeholders(form)
                     != placeholders(message.source)] if translated else []
        found += [f"placeholders differ in {message.where()}: German {form!r}"
                  for form in differing]
        if not differing and (translated is None or not translated.finished):
            found.append(f"no German for {message.where()}")
    return found


def compile_qm(ts: Path, qm: Path) -> None:
    replace_atomically(qm, lambda temporary: run_tool(
        "lrelease", ["-silent", "-nounfinished", str(ts), "-qm", str(temporary)]))


def stale(ts: Path, qm: Path) -> bool:
    """Whether ``qm`` is missing or not what ``lrelease`` makes of ``ts`` now."""
    if not qm.is_file():
        return True
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / qm.name
        compile_qm(ts, fresh)
        return fresh.read_bytes() != qm.read_bytes()


def catalogue(language: str, out: Path = OUT) -> tuple[Path, Path]:
    return out / f"qkeys_{language}.ts", out / f"qkeys_{language}.qm"


def update(german_from: Iterable[Path], package: Path = PACKAGE, out: Path = OUT) -> list[str]:
    """Rewrite both catalogues; returns the German still missing (a warning, not a failure)."""
    messages = extract(package)
    de_ts, de_qm = catalogue(GERMAN, out)
    en_ts, en_qm = catalogue(ENGLISH, out)
    german = read_german(german_from)
    merged = merge_german(messages, read_ts(de_ts), german)
    known = {(message.context, message.source) for message in messages}
    unused = [f"{context}: {source!r}" for context, source in german
              if (context, source) not in known]
    out.mkdir(parents=True, exist_ok=True)
    write_ts(de_ts, "de_DE", merged)
    write_ts(en_ts, "en_US", english(messages))
    compile_qm(de_ts, de_qm)
    compile_qm(en_ts, en_qm)
    for where in unused:
        print(f"note: German given for a string the code does not have: {where}",
              file=sys.stderr)
    return unextracted(messages, package) + problems_in_german(messages, merged)


def check(package: Path = PACKAGE, out: Path = OUT) -> list[str]:
    """What is wrong with the committed catalogues for the code as it is (empty: all good)."""
    messages = extract(package)
    de_ts, de_qm = catalogue(GERMAN, out)
    en_ts, en_qm = catalogue(ENGLISH, out)
    found = unextracted(messages, package) + problems_in_german(messages, read_ts(de_ts))
    try:
        expected = english(messages)
    except TranslationError as error:
        found.append(str(error))
        expected = []
    if [(m.key, m.forms) for m in read_ts(en_ts)] != [(m.key, m.forms) for m in expected]:
        found.append(f"{en_ts.name} does not match the code's plurals: run "
                     f"tools/update_translations.py")
    for ts, qm in ((de_ts, de_qm), (en_ts, en_qm)):
        if ts.is_file() and stale(ts, qm):
            found.append(f"{qm.name} is not compiled from {ts.name}: run "
                         f"tools/update_translations.py")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 listing what is missing or out of date")
    parser.add_argument("--german-from", type=Path, action="append", metavar="DIR",
                        help=f"a folder of translators' JSON files (default: {DROP_FOLDER})")
    args = parser.parse_args(argv)
    try:
        if args.check:
            found = check()
            print("\n".join(found) if found else "translations complete and compiled")
            return 1 if found else 0
        missing = update(args.german_from or [DROP_FOLDER])
    except TranslationError as error:
        print(f"update_translations: {error}", file=sys.stderr)
        return 1
    print(f"wrote {OUT.relative_to(ROOT)}: {len(missing)} problem(s)")
    for line in missing:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

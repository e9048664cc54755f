"""Read rule files (YAML) into Rules, reporting any problem as one line.

A rule file holds one pack:

    pack: claims                 # defaults to the file name
    description: ...
    references: {name: {title: ..., url: ...}}   # named, cited by rules
    patterns: {name: regex}      # named sub-patterns, used as {@name} in any file
    rules: [ {id: ..., kind: ..., ...}, ... ]

See docs/rule-format.md for every field.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from medlint.analysis_cache import AnalysisCache
from medlint.cache_folder import cache_dir, caching_disabled, hashed
from medlint.checks import KINDS
from medlint.checks.base import ParseContext
from medlint.checks.phrase import read_pattern
from medlint.document import BLOCK_KINDS
from medlint.errors import RuleError
from medlint.fields import FieldReader
from medlint.findings import Severity
from medlint.formats import FORMATS
from medlint.own_patterns import compiled
from medlint.paths import not_utf8, read_text, resolved
from medlint.patterns import LazyPattern, closed
from medlint.rule_set_cache import keep_rule_set, kept_rule_set
from medlint.ruleset import Examples, Reference, Rule, RuleSet
from medlint.yaml_text import YamlCache, YamlSyntaxError, parse_yaml

COMMON_FIELDS = frozenset(
    {
        "id",
        "kind",
        "category",
        "severity",
        "message",
        "rationale",
        "suggestions",
        "references",
        "scope",
        "examples",
        "supersedes",
    }
)
FILE_FIELDS = frozenset({"pack", "description", "references", "patterns", "rules"})
_ID = compiled(r"[a-z0-9][a-z0-9-]*")
_SLUG = compiled(r"[a-z][a-z0-9-]*")


class RuleFile(msgspec.Struct, frozen=True):
    path: str
    pack: str
    description: str
    references: Mapping[str, Reference]
    macros: Mapping[str, str]
    entries: tuple[Mapping[str, Any], ...]
    digest: str = ""  # of the file's text: what a cached result was found with


def builtin_rules_dir() -> Path:
    """The rules shipped with medlint: inside the installed package, or the source tree's."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their ``*.yaml``/``*.yml`` files (not hidden ones), sorted; keep files as given.

    A file named twice (itself and in its folder) is read once; a folder with no rule file is an error.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Not hidden files: a site's root holds .medlint.yaml and .pre-commit-config.yaml, which
            # `rules: [.]` would otherwise read as rule files, and report as broken ones.
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
            )
            if not found:
                raise RuleError(
                    str(path), "rule folder holds no .yaml or .yml file (subfolders and hidden files are not read)"
                )
            files.extend(found)
        elif path.exists():  # a file, or a pipe or device that reading says is one or not
            files.append(path)
        else:
            raise RuleError(str(path), "rule file or folder not found")
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(resolved(file), file)
    return list(unique.values())


# Rule sets built in this process, by what they were built from. A one-off run builds one; a
# server (medlint.server) builds each site's once and rebuilds it when a rule file changes.
_built: dict[str, RuleSet] = {}
_KEEP_BUILT = 8


def load_rules(paths: Iterable[Path], settings: Mapping[str, Any] | None = None) -> RuleSet:
    """Load and compile every rule in the given files and folders."""
    texts = [(path, _rule_file_text(path)) for path in rule_files(paths)]
    fingerprint = _fingerprint(texts, settings or {})
    folder = None if caching_disabled() else cache_dir()
    # A rule set keeps the pattern cache it was built with: another cache folder is another build.
    key = f"{fingerprint}\x00{folder}"
    if key not in _built:
        if len(_built) >= _KEEP_BUILT:
            del _built[next(iter(_built))]
        analysis_cache = AnalysisCache.default()
        rules = kept_rule_set(folder, fingerprint, analysis_cache)
        if rules is None:
            yaml_cache = YamlCache.default()
            try:
                files = [parse_rule_file(path, text, yaml_cache) for path, text in texts]
            finally:
                # Once for every file (and the config read before them), kept even when one of them is broken.
                yaml_cache.save()
            rules = _build(files, settings or {}, fingerprint, analysis_cache)
            keep_rule_set(folder, rules)
        _built[key] = rules
    return _built[key]


def _build(
    files: list[RuleFile], settings: Mapping[str, Any], fingerprint: str, analysis_cache: AnalysisCache
) -> RuleSet:
    # Named patterns and references are shared: a site's rules may use the built-in ones.
    macros: dict[str, str] = {}
    defined_in: dict[str, str] = {}
    references: dict[str, Reference] = {}
    for rule_file in files:
        for name, pattern in rule_file.macros.items():
            # One definition would silently change every rule, built-in ones too, that uses the other.
            if name in macros and macros[name] != pattern:
                raise RuleError(
                    rule_file.path,
                    f"named pattern {name!r} is already defined in {defined_in[name]}; choose another name",
                )
            macros[name] = pattern
            defined_in.setdefault(name, rule_file.path)
        references.update(rule_file.references)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for rule_file in files:
        for entry in rule_file.entries:
            rule = build_rule(entry, rule_file, macros, references, settings, analysis_cache)
            if rule.id in seen:
                raise RuleError(rule_file.path, f"duplicate rule id (also in {seen[rule.id]})", rule.id)
            seen[rule.id] = rule_file.path
            rules.append(rule)
    _check_supersedes(rules)
    analysis_cache.save()
    return RuleSet(tuple(rules), analysis_cache, fingerprint)


def _check_supersedes(rules: list[Rule]) -> None:
    """Every rule a rule supersedes is a loaded document-level rule that does not supersede it back."""
    by_id = {rule.id: rule for rule in rules}
    for rule in rules:
        for other_id in sorted(rule.supersedes):
            other = by_id.get(other_id)
            if other is None:
                raise RuleError(rule.source, f"'supersedes' names {other_id!r}, which is not a loaded rule", rule.id)
            if other is rule:
                raise RuleError(rule.source, "'supersedes' names the rule itself", rule.id)
            if rule.level != "document" or other.level != "document":
                # A run-level finding is made after the page's findings are settled.
                raise RuleError(
                    rule.source, f"'supersedes': {other_id!r} and this rule must both look at one page", rule.id
                )
            if rule.id in other.supersedes:
                # Each would hide the other, and the problem would not be reported at all.
                raise RuleError(rule.source, f"'supersedes': {other_id!r} supersedes this rule too", rule.id)


def _fingerprint(texts: Iterable[tuple[Path, str]], settings: Mapping[str, Any]) -> str:
    """What the loaded rules were made from: each file's text and the config's settings for them."""
    digest = hashed()
    for path, text in texts:
        # As the path's bytes: a folder named in another encoding ("caf\xe9") holds no UTF-8 text.
        digest.update(os.fsencode(f"{path}\x00{_text_digest(text)}\x00"))
    digest.update(repr(sorted(settings.items(), key=lambda item: item[0])).encode())
    return digest.hexdigest()


def read_rule_file(path: Path, yaml_cache: YamlCache | None = None) -> RuleFile:
    return parse_rule_file(path, _rule_file_text(path), yaml_cache)


def _rule_file_text(path: Path) -> str:
    try:
        return read_text(path)
    except OSError as error:
        raise RuleError(str(path), f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise RuleError(str(path), not_utf8(error)) from None


def _text_digest(text: str) -> str:
    return hashed(text.encode("utf-8")).hexdigest()


def parse_rule_file(path: Path, text: str, yaml_cache: YamlCache | None = None) -> RuleFile:
    """A rule file's fields, from its text (as read_rule_file reads it)."""
    source = str(path)
    try:
        data = yaml_cache.parse(text) if yaml_cache is not None else parse_yaml(text)
    except YamlSyntaxError as error:
        raise RuleError(source, f"bad YAML: {error}") from None
    if not isinstance(data, Mapping):
        raise RuleError(source, "a rule file must be a mapping with a 'rules' list")
    reader = FieldReader(data, source)
    reader.reject_unknown(FILE_FIELDS)
    entries = reader.raw("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        reader.fail("'rules' must be a list of mappings")
    pack = reader.string("pack", path.stem)
    if not _SLUG.fullmatch(pack):
        reader.fail(f"pack name {pack!r} must be lower-case letters, digits and hyphens")
    references = {name: _reference(reader, value) for name, value in reader.mapping("references").items()}
    macros = reader.mapping("patterns")
    if not all(isinstance(v, str) for v in macros.values()):
        reader.fail("'patterns' must map names to regex strings")
    return RuleFile(
        path=source,
        pack=pack,
        description=reader.string("description", ""),
        references=references,
        macros=macros,
        entries=tuple(entries),
        digest=_text_digest(text),
    )


def build_rule(
    entry: Mapping[str, Any],
    rule_file: RuleFile,
    macros: Mapping[str, str],
    references: Mapping[str, Reference],
    settings: Mapping[str, Any],
    analysis_cache: AnalysisCache | None = None,
) -> Rule:
    rule_id = entry.get("id")
    reader = FieldReader(entry, rule_file.path, rule_id if isinstance(rule_id, str) else None)
    rule_id = reader.string("id")
    if not _ID.fullmatch(rule_id):
        reader.fail("id must be lower-case letters, digits and hyphens")
    kind = reader.string("kind", "substitution" if "swap" in entry else "existence")
    if kind not in KINDS:
        reader.fail(f"unknown kind {kind!r} (choose from {', '.join(sorted(KINDS))})")
    check_class = KINDS[kind]
    reader.reject_unknown(COMMON_FIELDS | check_class.FIELDS)
    category = reader.string("category")
    if not _SLUG.fullmatch(category):
        reader.fail(f"category {category!r} must be lower-case letters and hyphens")
    try:
        severity = Severity.parse(reader.string("severity", "warning"))
    except ValueError as error:
        reader.fail(str(error))
    scope = frozenset(reader.string_list("scope"))
    if not scope <= BLOCK_KINDS:
        reader.fail(f"unknown scope {sorted(scope - BLOCK_KINDS)[0]!r} (choose from {', '.join(sorted(BLOCK_KINDS))})")
    context = ParseContext(
        source=rule_file.path, rule_id=rule_id, macros=macros, settings=settings, analysis_cache=analysis_cache
    )
    check = check_class.from_fields(FieldReader(_only(entry, check_class.FIELDS), rule_file.path, rule_id), context)
    message = reader.string("message")
    _check_template(reader, message, kind)
    suggestions, suggestion_conditions = _suggestions(reader, context)
    return Rule(
        id=rule_id,
        pack=rule_file.pack,
        kind=kind,
        category=category,
        severity=severity,
        message=message,
        check=check,
        rationale=reader.string("rationale", "").strip(),
        suggestions=suggestions,
        suggestion_conditions=suggestion_conditions,
        references=tuple(_rule_reference(reader, r, references) for r in _as_list(reader.raw("references", []))),
        scope=scope,
        examples=_examples(reader),
        supersedes=_superseded_ids(reader),
        source=rule_file.path,
    )


def _suggestions(
    reader: FieldReader, context: ParseContext
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[LazyPattern, ...]], ...]]:
    """A rule's suggestions, and those offered only where the matched words hold one of their patterns.

    Each is a wording, or ``{text: wording, when: pattern}``. A wording given more than once is offered
    once: where any of its patterns holds, and everywhere if it is given once without ``when``.
    """
    raw = reader.raw("suggestions", [])
    items = [] if raw is None else raw if isinstance(raw, list) else [raw]
    texts: list[str] = []
    conditions: dict[str, list[LazyPattern]] = {}
    unconditional: set[str] = set()
    for item in items:
        if isinstance(item, Mapping):
            unknown = sorted(set(item) - {"text", "when"}, key=str)
            if unknown:
                reader.fail(f"unknown field {unknown[0]!r} in a suggestion (allowed: text, when)")
            text, when = item.get("text"), item.get("when")
            if not isinstance(text, str) or not isinstance(when, str) or not when:
                reader.fail("a suggestion given as a mapping needs 'text' and 'when', both strings")
            pattern = read_pattern(reader, "suggestions", closed(when), context, [when])
            conditions.setdefault(text, []).append(pattern)
        elif isinstance(item, str):
            text = item
            unconditional.add(text)
        else:
            reader.fail("field 'suggestions' must be a list of wordings, or of {text, when} mappings")
        reader.check_wording(text, "suggestions")
        if text not in texts:
            texts.append(text)
    kept = tuple((text, tuple(patterns)) for text, patterns in conditions.items() if text not in unconditional)
    return tuple(texts), kept


def _superseded_ids(reader: FieldReader) -> frozenset[str]:
    ids = reader.string_list("supersedes")
    for rule_id in ids:
        if not _ID.fullmatch(rule_id):
            reader.fail(f"'supersedes' holds {rule_id!r}, which is not a rule id")
    return frozenset(ids)


def _only(entry: Mapping[str, Any], names: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k in names}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# The placeholders each kind fills in a message; any other would be printed as written.
_PLACEHOLDERS = {
    "substitution": ("match", "replacement"),
    "contradiction": ("match", "other"),
    "consistency": ("match", "expected"),
    "requires": ("match", "expected"),
    "fact": ("match", "value"),
}


def _check_template(reader: FieldReader, message: str, kind: str) -> None:
    try:
        fields = list(string.Formatter().parse(message))
        # A conversion or a format spec ("{match!r}", "{match:>99999999999}") is no wording: and a width
        # would be filled with spaces on every finding, or take all memory trying.
        for _text, name, spec, conversion in fields:
            if spec or conversion:
                written = f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                reader.fail(f"message has {written}: a placeholder is its name alone, as {{{name}}}")
        message.format(match="x", replacement="y", other="z", value="v", expected="e")
    except ValueError as error:  # a brace that opens or closes no placeholder
        reader.fail(f"message has a lone '{{' or '}}' ({error}); write '{{{{' or '}}}}' for a brace")
    except (KeyError, IndexError, AttributeError, TypeError) as error:
        reader.fail(f"message has an unknown placeholder: {error}")
    filled = _PLACEHOLDERS.get(kind, ("match",))
    for _text, name, _spec, _conversion in fields:
        if name is not None and name not in filled:
            listed = ", ".join(f"{{{n}}}" for n in filled)
            reader.fail(f"message has the placeholder {{{name}}}, which {kind} rules do not fill (they fill {listed})")


def _examples(reader: FieldReader) -> Examples:
    raw = reader.mapping("examples")
    unknown = set(raw) - {"bad", "good", "format"}
    if unknown:
        reader.fail(f"unknown field {sorted(unknown, key=str)[0]!r} in 'examples' (use bad, good, format)")
    sub = FieldReader(raw, reader.source, reader.rule_id)
    fmt = sub.string("format", "text")
    if fmt not in FORMATS:
        reader.fail(f"examples: unknown format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
    return Examples(bad=tuple(sub.string_list("bad")), good=tuple(sub.string_list("good")), format=fmt)


def _reference(reader: FieldReader, value: Any) -> Reference:
    if isinstance(value, str):
        return Reference(title=value)
    if isinstance(value, Mapping) and isinstance(value.get("title"), str):
        return Reference(title=value["title"], url=str(value.get("url", "")))
    reader.fail("a reference is a title, or a mapping with 'title' and 'url'")


def _rule_reference(reader: FieldReader, value: Any, named: Mapping[str, Reference]) -> Reference:
    if isinstance(value, str) and value in named:
        return named[value]
    return _reference(reader, value)

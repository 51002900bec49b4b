"""The ledger's words are written once, in core.vocabulary: the apps name them as enums.

A bare "replied" in an app is a figure that silently counts nothing the day the verb is
renamed or misspelt. This scan reads every module of the site's packages (migrations
aside: they are history) and fails on a string literal that spells a ledger verb, and on
a ``target_type`` given or compared as a bare string.
"""

import ast
import tomllib
from collections import Counter
from pathlib import Path

from core.vocabulary import Target, Verb

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "core" / "vocabulary.py"
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "root_packages"
]

# The same words meaning something else, counted so a new use still fails.
OTHER_MEANINGS = Counter(
    {
        # MembershipChange.Cause: why a level changed, not what the ledger recorded (the value
        # and, for "joined", its label).
        ("communities/models/membership.py", "joined"): 2,
        ("communities/models/membership.py", "left"): 1,
        # How many attended an occurrence, counted beside its RSVP answers.
        ("rhythm/occurrences.py", "attended"): 2,
        # The name of the RSVP address.
        ("rhythm/urls.py", "rsvp"): 1,
        # The keys of the dashboard's rhythm figures.
        ("insights/dashboard/figures.py", "attended"): 1,
        ("digests/selectors.py", "attended"): 1,
        # The thread page's set of posts the viewer found helpful (a template variable).
        ("discussions/views.py", "marked_helpful"): 1,
        ("discussions/post_fragments.py", "marked_helpful"): 1,
    }
)


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts and path != HOME:
                yield path


def _bare_target(node) -> ast.Constant | None:
    """A str literal given as ``target_type=`` or compared with a ``.target_type``."""
    if isinstance(node, ast.keyword) and node.arg == "target_type":
        value = node.value
    elif isinstance(node, ast.Compare) and len(node.comparators) == 1:
        sides = [node.left, node.comparators[0]]
        named = [s for s in sides if isinstance(s, ast.Attribute) and s.attr == "target_type"]
        value = next((s for s in sides if s not in named), None) if named else None
    else:
        return None
    return value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def _findings(source: str, name: str) -> tuple[list, list]:
    """(verb literals, bare targets) in one module, each as (value, line)."""
    verbs, targets = [], []
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.Constant) and node.value in Verb.values:
            verbs.append((node.value, node.lineno))
        target = _bare_target(node)
        if target is not None and target.value in Target.values:
            targets.append((target.value, target.lineno))
    return verbs, targets


def _scan() -> tuple[Counter, dict, list[str]]:
    found, where, bare_targets = Counter(), {}, []
    for path in _modules():
        name = path.relative_to(ROOT).as_posix()
        verbs, targets = _findings(path.read_text(), name)
        for value, line in verbs:
            found[name, value] += 1
            where.setdefault((name, value), []).append(line)
        bare_targets += [f"{name}:{line}: {value!r}" for value, line in targets]
    return found, where, bare_targets


def test_the_scan_reads_the_apps():
    names = {path.relative_to(ROOT).as_posix() for path in _modules()}
    assert "participation/rules.py" in names
    assert "core/vocabulary.py" not in names
    assert not any("/migrations/" in name for name in names)


def test_the_scan_catches_bare_words():
    source = (
        'rows = Activity.objects.filter(verb="replied", target_type="post")\n'
        'if row.verb in {"thread_started"} and row.target_type == "thread":\n'
        "    pass\n"
        'ok = Activity.objects.filter(verb=Verb.REPLIED, target_type=Target.POST, title="post")\n'
    )
    verbs, targets = _findings(source, "example.py")
    assert verbs == [("replied", 1), ("thread_started", 2)]
    assert sorted(targets) == [("post", 1), ("thread", 2)]


def test_no_ledger_verb_is_spelt_out_in_the_apps():
    found, where, _targets = _scan()
    extra = found - OTHER_MEANINGS
    assert not extra, "write these as core.vocabulary.Verb members: " + "; ".join(
        f"{name}:{','.join(map(str, where[name, value]))}: {value!r}" for name, value in extra
    )


def test_no_target_type_is_spelt_out_in_the_apps():
    _found, _where, bare_targets = _scan()
    assert not bare_targets, "write these as core.vocabulary.Target members: " + "; ".join(
        bare_targets
    )

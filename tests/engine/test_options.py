"""Play options: the case's own ([scenario] sourcing, shuffle_interpretations, rebuttal), a teacher's
class.toml over them, sourcing judgements in the play and its save, and the sourcing score."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine import Catalog, Session, VerdictError, load_scenario
from game.engine.load import CLASS_FILE, find_class_settings, read_class_settings, read_scenario
from game.engine.options import CaseOptions, ClassSettings, shuffled
from game.engine.sourcing import credit, sourcing_score
from tests.support import SCENARIOS
from tests.support.hostile import CASES, GLOSSARY_CASES

TUTORIAL = (SCENARIOS / "tutorial.toml").read_bytes()


def with_options(*lines: str) -> bytes:
    """The tutorial with lines added to its [scenario] table."""
    return TUTORIAL.replace(b'start = "', "\n".join(lines).encode() + b'\nstart = "', 1)


def test_a_case_without_options_plays_as_it_always_did() -> None:
    sc = load_scenario(SCENARIOS / "tutorial.toml")
    assert sc.options == CaseOptions("given", False, "optional")


def test_a_case_sets_its_options() -> None:
    sc, diagnostics = read_scenario(with_options('sourcing = "student"', "shuffle_interpretations = true",
                                                 'rebuttal = "required"'), "tutorial.toml")
    assert sc is not None, [d.format() for d in diagnostics]
    assert sc.options == CaseOptions("student", True, "required")


@pytest.mark.parametrize(("line", "code"), [
    ('sourcing = "teacher"', "bad-value"),
    ("sourcing = 1", "wrong-type"),
    ('rebuttal = "yes"', "bad-value"),
    ('shuffle_interpretations = "yes"', "wrong-type"),
    ('sourcin = "student"', "unknown-key"),
])
def test_a_wrong_option_is_an_error_with_a_line_and_a_hint(line: str, code: str) -> None:
    sc, diagnostics = read_scenario(with_options(line), "tutorial.toml")
    assert sc is None
    errors = [d for d in diagnostics if d.severity == "error"]
    assert [d.code for d in errors] == [code]
    assert errors[0].line == TUTORIAL[: TUTORIAL.index(b'start = "')].count(b"\n") + 1
    assert errors[0].hint


CLASS = b'[class]\ncode = "7B"\nsourcing = "student"\nshuffle_interpretations = true\nrebuttal = "off"\n' \
        b"unlock_all = true\n"


def test_a_class_file_is_read() -> None:
    settings, diagnostics = read_class_settings(CLASS, "class.toml")
    assert diagnostics == []
    assert settings == ClassSettings("7B", "student", True, "off", True, "class.toml")


def test_a_class_file_overrides_every_case_and_leaves_unset_options_alone() -> None:
    case = CaseOptions("given", True, "required")
    assert ClassSettings(sourcing="student").apply(case) == CaseOptions("student", True, "required")
    assert ClassSettings(shuffle_interpretations=False, rebuttal="off").apply(case) == \
        CaseOptions("given", False, "off")
    assert ClassSettings().apply(case) == case


@pytest.mark.parametrize(("text", "code", "line"), [
    (b'[class]\nsourcin = "student"\n', "unknown-key", 2),
    (b'[class]\nrebuttal = "always"\n', "bad-value", 2),
    (b"[class]\nunlock_all = 1\n", "wrong-type", 2),
    (b'[class]\ncode = "a\\u0007b"\n', "bad-text", 2),
    (b'[clas]\ncode = "7B"\n', "unknown-key", 1),
    (b'code = "7B"\n', "unknown-key", 1),
    (b"class = 3\n", "wrong-type", 1),
    (b"[class\n", "toml-syntax", 1),
    (b"\xff\xfe[class]\n", "encoding", 1),
])
def test_a_bad_class_file_is_refused_with_file_line_and_hint(text: bytes, code: str, line: int) -> None:
    settings, diagnostics = read_class_settings(text, "class.toml")
    assert settings is None
    errors = [d for d in diagnostics if d.severity == "error"]
    assert code in {d.code for d in errors}, [d.format() for d in errors]
    assert errors[0].path == "class.toml" and errors[0].line == line
    assert all(d.hint for d in errors)


def test_an_unknown_key_names_the_nearest_one() -> None:
    _, diagnostics = read_class_settings(b'[class]\nrebutal = "required"\n', "class.toml")
    assert "did you mean 'rebuttal'?" in diagnostics[0].hint


@pytest.mark.parametrize("name", sorted(GLOSSARY_CASES))
def test_hostile_bytes_as_a_class_file_give_diagnostics_only(name: str) -> None:
    settings, diagnostics = read_class_settings(CASES[name](), "class.toml")
    assert settings is None
    assert any(d.severity == "error" for d in diagnostics)


def test_a_class_file_over_the_size_limit_is_not_read() -> None:
    settings, diagnostics = read_class_settings(b"#" * (3 * 1024 * 1024), "class.toml")
    assert settings is None and diagnostics[0].code == "too-large"


def test_the_catalog_never_takes_the_class_file_for_a_case(tmp_path: Path) -> None:
    (tmp_path / "tutorial.toml").write_bytes(TUTORIAL)
    (tmp_path / CLASS_FILE).write_bytes(b"[class]\nnot = valid = toml\n")
    catalog = Catalog.load(tmp_path)
    assert list(catalog.scenarios) == ["tutorial"] and catalog.failures == []


def test_find_class_settings_takes_the_last_folder_that_has_one(tmp_path: Path) -> None:
    first, second, none = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (first, second, none):
        folder.mkdir()
    (first / CLASS_FILE).write_bytes(b'[class]\ncode = "first"\n')
    (second / CLASS_FILE).write_bytes(b'[class]\ncode = "second"\n')
    assert find_class_settings([first, second, none])[0].code == "second"
    assert find_class_settings([none]) == (ClassSettings(), [])


def test_a_class_file_that_is_a_folder_or_a_device_is_refused_not_read(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / CLASS_FILE).mkdir()
    settings, diagnostics = find_class_settings([tmp_path / "folder"])
    assert settings == ClassSettings() and diagnostics and diagnostics[0].severity == "error"
    if os.path.exists("/dev/zero"):
        (tmp_path / "device").mkdir()
        (tmp_path / "device" / CLASS_FILE).symlink_to("/dev/zero")
        settings, diagnostics = find_class_settings([tmp_path / "device"])
        assert settings == ClassSettings() and diagnostics[0].severity == "error"


# ---- judgements in the play -------------------------------------------------------------------------------


@pytest.fixture
def session() -> Session:
    s = Session(load_scenario(SCENARIOS / "tutorial.toml"))
    while not s.held:
        s.choose(0)
    return s


def test_a_judgement_is_kept_once_and_survives_undo(session: Session) -> None:
    eid = session.held[0]
    session.judge(eid, "medium", "  an archive's own   list ")
    assert session.judgements[eid].trust == "medium"
    assert session.judgements[eid].why == "an archive's own list"
    with pytest.raises(VerdictError):
        session.judge(eid, "high")  # once: the case's grade is shown after the first
    with pytest.raises(VerdictError):
        session.judge("no_such_item", "high")
    if session.can_undo:
        session.undo()
        assert eid in session.judgements  # undo takes back choices, not a judgement


def test_a_trust_that_is_not_a_grade_is_refused(session: Session) -> None:
    with pytest.raises(VerdictError):
        session.judge(session.held[0], "very high")


def test_judgements_and_seed_round_trip_through_a_save(session: Session) -> None:
    sc = session.scenario
    seeded = Session(sc, seed=12345)
    assert Session.restore(sc, seeded.to_json()).session.seed == 12345
    session.judge(session.held[0], "low", "who wrote it?")
    restored = Session.restore(sc, session.to_json()).session
    assert restored.judgements == session.judgements


def test_a_plain_play_saves_no_new_keys() -> None:
    text = Session(load_scenario(SCENARIOS / "tutorial.toml")).to_json()
    assert '"judgements"' not in text and '"seed"' not in text


@pytest.mark.parametrize("junk", ['"judgements": 3', '"judgements": [["sheet_list", "huge", "x"]]',
                                  '"judgements": [[1, 2, 3], "x", ["nope", "high", ""]]', '"seed": -4',
                                  '"seed": "x"'])
def test_damaged_judgements_or_seed_are_read_leniently(session: Session, junk: str) -> None:
    text = session.to_json().replace("{", "{" + junk + ", ", 1)
    restored = Session.restore(session.scenario, text).session
    assert restored.judgements == {} and restored.seed == 0
    assert restored.held == session.held


def test_the_sourcing_score_counts_the_same_grade_one_and_one_grade_away_half() -> None:
    assert credit("high", "high") == 1 and credit("high", "medium") == 0.5 and credit("low", "high") == 0
    s = Session(load_scenario(SCENARIOS / "tutorial.toml"))
    while len(s.held) < 2 and not s.is_over:
        s.choose(0)
    grades = [s.scenario.evidence[e].reliability for e in s.held]
    s.judge(s.held[0], grades[0], "as the case")
    away = {"high": "medium", "medium": "high", "low": "medium"}[grades[1]] if len(grades) > 1 else ""
    if away:
        s.judge(s.held[1], away)
    score = sourcing_score(s.scenario, s.state.judgements, s.held)
    assert score.exact == 1 and score.points == (1.5 if away else 1)
    assert score.line().startswith(f"Sourcing: 1 of {score.judged} document")
    assert score.unjudged == tuple(e for e in s.held if e not in s.judgements)


def test_shuffled_order_is_fixed_by_the_seed_and_differs_between_plays() -> None:
    ids = ["a", "b", "c", "d", "e"]
    assert shuffled(ids, 7, "case", "q") == shuffled(ids, 7, "case", "q")
    assert sorted(shuffled(ids, 7, "case", "q")) == ids
    orders = {tuple(shuffled(ids, seed, "case", "q")) for seed in range(1, 40)}
    assert len(orders) > 10


def test_the_shipped_cases_have_no_class_file() -> None:
    assert not (SCENARIOS / CLASS_FILE).exists()  # a class file is a teacher's, in their own folder


def test_a_judgement_on_an_item_undo_took_away_is_kept_through_a_save(session: Session) -> None:
    eid = session.held[0]
    session.judge(eid, "high", "the archive's own list")
    assert session.can_undo
    session.undo()
    assert eid not in session.held and eid in session.judgements
    restored = Session.restore(session.scenario, session.to_json()).session
    assert restored.judgements == session.judgements  # the same play, the same sourcing line
    assert restored.sourcing() == session.sourcing()
    while eid not in restored.held:  # found again: it cannot be judged a second time
        restored.choose(0)
    with pytest.raises(VerdictError):
        restored.judge(eid, "low")

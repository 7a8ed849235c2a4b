"""Evidence by reference ([evidence.x] from = "case.item"): resolved once every case has loaded, in the
catalog and in `verdict check`; every way it can go wrong is one clear error and takes no other case down."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from game.check import check_paths
from game.engine import Catalog, Session, read_scenario
from game.engine.player import ScriptedPlayer
from tests.support import CAPSTONE_FIXTURE, SCENARIOS, case_files

CAPSTONE_TEXT = CAPSTONE_FIXTURE.read_text(encoding="utf-8")


def capstone_folder(tmp_path: Path, text: str = CAPSTONE_TEXT, name: str = "mini_capstone") -> Path:
    folder = tmp_path / "class"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def codes_of(catalog: Catalog, path_part: str) -> list[str]:
    [failure] = [f for f in catalog.failures if path_part in f.path]
    return [d.code for d in failure.diagnostics if d.severity == "error"]


def test_borrowed_items_are_the_other_cases_items_under_their_local_ids() -> None:
    catalog = Catalog.load(SCENARIOS, CAPSTONE_FIXTURE)
    assert catalog.failures == []
    capstone, kirov = catalog.scenarios["mini_capstone"], catalog.scenarios["kirov"]
    assert list(capstone.evidence) == ["diary", "notes", "confession", "tukhachevsky"]  # the file's order
    assert capstone.unresolved == ()
    assert {lid: ref.source for lid, ref in capstone.evidence_from.items()} == {
        "diary": "kirov.nikolaev_diary", "confession": "show_trial.zinoviev_confession",
        "tukhachevsky": "army_purge.tukh_confession"}
    diary = capstone.evidence["diary"]
    assert dataclasses.replace(diary, id="nikolaev_diary") == kirov.evidence["nikolaev_diary"]
    assert diary.where == ("evidence", "diary")
    assert capstone.evidence["confession"].coerced == \
        catalog.scenarios["show_trial"].evidence["zinoviev_confession"].coerced
    assert capstone.unlock_after == 3 and not capstone.practice


def test_the_capstone_plays_to_an_ending_and_scores_borrowed_evidence() -> None:
    capstone = Catalog.load(SCENARIOS, CAPSTONE_FIXTURE).scenarios["mini_capstone"]
    session = Session(capstone)
    ScriptedPlayer(1, choices="explore", verdicts="careful").play(session)
    assert session.is_over
    assert set(session.held) == set(capstone.evidence)
    verdict = session.verdicts["big"]
    assert set(verdict.cited) & set(capstone.evidence_from)  # a borrowed item was cited and counted
    assert verdict.report.total > 0


def test_a_file_read_alone_is_unresolved_and_the_catalog_resolves_it() -> None:
    scenario, diagnostics = read_scenario(CAPSTONE_FIXTURE.read_bytes(), str(CAPSTONE_FIXTURE))
    assert scenario is not None and [d for d in diagnostics if d.severity == "error"] == []
    assert scenario.unresolved == ("diary", "confession", "tukhachevsky")
    assert list(scenario.evidence) == ["notes"]
    resolved, problems = Catalog.load(SCENARIOS).resolve(scenario)
    assert problems == [] and resolved is not None
    assert list(resolved.evidence) == ["diary", "notes", "confession", "tukhachevsky"]
    missing, problems = Catalog.load(SCENARIOS / "tutorial.toml").resolve(scenario)
    assert missing is None and {d.code for d in problems} == {"unknown-case"}


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ('from = "kirov.nikolaev_diary"', 'from = "kriov.nikolaev_diary"', "unknown-case",
     "did you mean 'kirov'?"),
    ('from = "kirov.nikolaev_diary"', 'from = "kirov.nikolaev_dairy"', "unknown-evidence",
     "did you mean 'nikolaev_diary'?"),
    ('from = "kirov.nikolaev_diary"', 'from = "mini_capstone.notes"', "reference-self", "this case itself"),
    ('from = "kirov.nikolaev_diary"', 'from = "kirov"', "bad-reference", "'kirov'"),
    ('from = "kirov.nikolaev_diary"', 'from = 3', "wrong-type", "'from'"),
    ('from = "kirov.nikolaev_diary"\n', 'from = "kirov.nikolaev_diary"\ntext = "x"\n', "reference-keys",
     "no other key: 'text'"),
])
def test_each_bad_reference_is_one_error_and_the_other_cases_still_load(
        tmp_path: Path, old: str, new: str, code: str, words: str) -> None:
    folder = capstone_folder(tmp_path, CAPSTONE_TEXT.replace(old, new, 1))
    catalog = Catalog.load(SCENARIOS, folder)
    assert "mini_capstone" not in catalog.scenarios
    assert set(catalog.scenarios) == {p.stem for p in case_files()}
    [failure] = catalog.failures
    [error] = [d for d in failure.diagnostics if d.severity == "error"]
    assert error.code == code and words in error.message, error.format()
    assert error.path == str(folder / "mini_capstone.toml")
    assert error.line == CAPSTONE_TEXT.splitlines().index('[evidence.diary]') + 2 + (code == "reference-keys")
    assert error.hint


def test_a_case_that_borrows_from_a_broken_case_fails_with_that_reason(tmp_path: Path) -> None:
    folder = capstone_folder(tmp_path)
    broken = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8")
    broken = broken.replace('id = "tutorial"', 'id = "broken"').replace("minutes = 5\n", "")
    (folder / "broken.toml").write_text(broken, encoding="utf-8")
    second = CAPSTONE_TEXT.replace('id = "mini_capstone"', 'id = "second"').replace(
        'from = "kirov.nikolaev_diary"', 'from = "broken.sheet_list"')
    (folder / "second.toml").write_text(second, encoding="utf-8")
    # and a third case that borrows an ordinary item of the one that fails: it fails in its turn
    third = CAPSTONE_TEXT.replace('id = "mini_capstone"', 'id = "third"').replace(
        'from = "kirov.nikolaev_diary"', 'from = "second.notes"')
    (folder / "third.toml").write_text(third, encoding="utf-8")
    catalog = Catalog.load(SCENARIOS, folder)
    assert "mini_capstone" in catalog.scenarios and "kirov" in catalog.scenarios
    assert codes_of(catalog, "second.toml") == ["reference-failed"]
    assert codes_of(catalog, "third.toml") == ["reference-failed"]
    [second_failure] = [f for f in catalog.failures if f.path.endswith("second.toml")]
    assert "case 'broken' failed to load" in second_failure.message
    assert second_failure.scenario_id == "second"
    assert "broken.toml" in second_failure.diagnostics[0].hint


def test_an_item_that_is_itself_borrowed_is_refused_and_a_mutual_borrowing_is_fine(tmp_path: Path) -> None:
    folder = capstone_folder(tmp_path)
    chain = CAPSTONE_TEXT.replace('id = "mini_capstone"', 'id = "chain"').replace(
        'from = "kirov.nikolaev_diary"', 'from = "mini_capstone.diary"')
    (folder / "chain.toml").write_text(chain, encoding="utf-8")
    # two cases that borrow each other's own items: no chain, both load
    mutual = CAPSTONE_TEXT.replace('id = "mini_capstone"', 'id = "mutual"').replace(
        'from = "kirov.nikolaev_diary"', 'from = "mini_capstone.notes"')
    (folder / "mutual.toml").write_text(mutual, encoding="utf-8")
    (folder / "mini_capstone.toml").write_text(CAPSTONE_TEXT.replace(
        'from = "show_trial.zinoviev_confession"', 'from = "mutual.notes"'), encoding="utf-8")
    catalog = Catalog.load(SCENARIOS, folder)
    assert codes_of(catalog, "chain.toml") == ["reference-chain"]
    [failure] = catalog.failures
    assert 'from = "kirov.nikolaev_diary"' in failure.diagnostics[0].hint
    assert catalog.scenarios["mutual"].evidence["diary"].text == \
        catalog.scenarios["mini_capstone"].evidence["notes"].text
    assert catalog.scenarios["mini_capstone"].evidence["confession"].title == \
        catalog.scenarios["mutual"].evidence["notes"].title


def test_check_on_the_capstone_alone_resolves_its_folder_and_the_shipped_cases(tmp_path: Path) -> None:
    folder = capstone_folder(tmp_path, CAPSTONE_TEXT.replace('from = "kirov.nikolaev_diary"',
                                                             'from = "sibling.sheet_list"'))
    sibling = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8").replace('id = "tutorial"',
                                                                                  'id = "sibling"')
    (folder / "sibling.toml").write_text(sibling, encoding="utf-8")
    [result] = check_paths([str(folder / "mini_capstone.toml")])
    assert [d.format() for d in result.diagnostics if d.severity == "error"] == []
    assert result.scenario is not None and result.scenario.unresolved == ()
    assert result.scenario.evidence["diary"].title == \
        Catalog.load(SCENARIOS).scenarios["tutorial"].evidence["sheet_list"].title
    # without the game's own cases, the shipped references are unknown
    [alone] = check_paths([str(folder / "mini_capstone.toml")], shipped=None)
    assert {d.code for d in alone.diagnostics if d.severity == "error"} == {"unknown-case"}


def test_check_finds_a_broken_sibling(tmp_path: Path) -> None:
    folder = capstone_folder(tmp_path, CAPSTONE_TEXT.replace('from = "kirov.nikolaev_diary"',
                                                             'from = "sibling.sheet_list"'))
    shutil.copy(SCENARIOS / "tutorial.toml", folder / "sibling.toml")
    text = (folder / "sibling.toml").read_text(encoding="utf-8")
    (folder / "sibling.toml").write_text(text.replace('id = "tutorial"', 'id = "sibling"').replace(
        'start = "reading_room"', 'start = "nowhere"'), encoding="utf-8")
    [result] = check_paths([str(folder / "mini_capstone.toml")])
    [error] = [d for d in result.diagnostics if d.severity == "error"]
    assert error.code == "reference-failed" and "sibling.toml" in error.hint


def test_the_tutorial_is_a_practice_case_and_sorts_first_because_of_it(tmp_path: Path) -> None:
    catalog = Catalog.load(SCENARIOS)
    assert next(iter(catalog.scenarios)) == "tutorial" and catalog.scenarios["tutorial"].practice
    assert [s.id for s in catalog.scenarios.values() if s.practice] == ["tutorial"]
    folder = tmp_path / "more"
    folder.mkdir()
    text = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8")
    (folder / "drill.toml").write_text(text.replace('id = "tutorial"', 'id = "drill"').replace(
        "practice = true\n", ""), encoding="utf-8")
    both = Catalog.load(SCENARIOS, folder).scenarios
    order = [sid for sid, sc in both.items() if not sc.unlock_after]  # (locked cases come after the rest)
    assert order[0] == "tutorial" and order[-1] == "drill"  # by its year (1992) now, not first


def test_the_schema_accepts_a_borrowed_item_and_refuses_extra_keys() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency")
    import tomllib

    from game.engine.schema import build_schema

    validator = jsonschema.Draft202012Validator(build_schema())
    doc = tomllib.loads(CAPSTONE_TEXT)
    assert list(validator.iter_errors(doc)) == []
    doc["evidence"]["diary"]["title"] = "A diary"
    assert list(validator.iter_errors(doc)) != []


def test_a_borrowed_items_own_faults_are_reported_in_its_case_not_at_the_reference(tmp_path: Path) -> None:
    folder = capstone_folder(tmp_path, CAPSTONE_TEXT.replace('from = "kirov.nikolaev_diary"',
                                                             'from = "sibling.sheet_list"'))
    sibling = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8").replace('id = "tutorial"',
                                                                                  'id = "sibling"')
    sheet = sibling.index("[evidence.sheet_list]")
    citation = sibling.index("citation = ", sheet)
    end = sibling.index("\n", citation)
    sibling = sibling[:citation] + 'citation = "A sheet list, undated."' + sibling[end:]
    (folder / "sibling.toml").write_text(sibling, encoding="utf-8")
    results = check_paths([str(folder)])
    by_file = {Path(r.path).name: {d.code for d in r.diagnostics} for r in results}
    assert "citation-incomplete" in by_file["sibling.toml"]
    assert "citation-incomplete" not in by_file["mini_capstone.toml"]


def test_the_authoring_tools_resolve_a_case_named_by_its_path(tmp_path: Path) -> None:
    from game.authoring.sources import load_file

    folder = capstone_folder(tmp_path)
    scenario = load_file(folder / "mini_capstone.toml")
    assert scenario.unresolved == () and "diary" in scenario.evidence


def test_cases_that_only_lend_evidence_are_read_but_not_listed() -> None:
    catalog = Catalog.load(CAPSTONE_FIXTURE, borrow_from=[SCENARIOS])
    assert list(catalog.scenarios) == ["mini_capstone"] and catalog.failures == []
    assert catalog.scenarios["mini_capstone"].unresolved == ()
    assert {"kirov", "show_trial", "army_purge"} <= set(catalog.lenders)
    scenario, _ = read_scenario(CAPSTONE_FIXTURE.read_bytes(), str(CAPSTONE_FIXTURE))
    assert scenario is not None
    resolved, problems = catalog.resolve(scenario)  # an edited file read again resolves the same way
    assert problems == [] and resolved is not None and resolved.unresolved == ()
    alone = Catalog.load(CAPSTONE_FIXTURE)  # without them, the references are unknown
    assert alone.scenarios == {} and {d.code for d in alone.failures[0].diagnostics} == {"unknown-case"}


def test_a_failed_file_declares_its_id_even_after_a_list_in_its_scenario_table() -> None:
    from game.engine.catalog import declared_id

    assert declared_id(b'[scenario]\ntopics = ["a", "b"]\nid = "lender"\n') == "lender"
    assert declared_id(b'[scenario]\ntitle = "x"\n[evidence.a]\nid = "other"\n') == ""  # not past the table

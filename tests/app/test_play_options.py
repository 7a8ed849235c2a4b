"""Play options through the controller: sourcing practice, shuffled interpretations and the rebuttal
setting, from a case's own [scenario] table or a teacher's class file."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.app import build_controller
from game.app.autoplay import play_to_debrief
from game.app.classfile import class_settings
from game.app.controller import Controller, Screen
from game.app.handin import read_report, render
from game.app.storage import MemoryStorage, Storage
from game.classroom.records import student_report
from game.engine.options import ClassSettings
from game.engine.player import ScriptedPlayer
from game.engine.report import case_report
from tests.support import SCENARIOS, KeyPlayer

STUDENT = ClassSettings(sourcing="student")


def make(storage: Storage | None = None, settings: ClassSettings | None = None,
         scenarios: object = SCENARIOS) -> Controller:
    return build_controller(storage or MemoryStorage(), scenarios, class_settings=settings)  # type: ignore[arg-type]


def open_tutorial(c: Controller) -> None:
    for key in ("cases", "case:tutorial", "begin"):
        assert c.perform(key), key


def first_evidence(c: Controller) -> str:
    open_tutorial(c)
    while c.session is not None and not c.session.held:
        assert c.perform(next(a.key for a in c.actions() if a.key.startswith("choose:")))
    assert c.session is not None
    return c.session.held[0]


def words(c: Controller) -> str:
    return "\n".join([*(b.text + " " + b.aside for b in c.document()),
                      *(f"{a.label} {a.detail} {a.reason}" for a in c.actions())])


# ---- sourcing practice ------------------------------------------------------------------------------------


def test_the_grade_is_hidden_until_the_student_judges_the_document() -> None:
    c = make(settings=STUDENT)
    eid = first_evidence(c)
    item = c.catalog.scenarios["tutorial"].evidence[eid]
    assert c.perform("casebook")
    shown = words(c)
    assert item.reliability_note not in shown and "reliability" not in shown.lower()
    assert "Judge this source" in shown
    keys = [a.key for a in c.actions()]
    judging = [k for k in keys if k.partition(":")[0] in ("trust", "trustwhy", "judge", "back")]
    assert judging == ["trust:high", "trust:medium", "trust:low", "trustwhy", "judge", "back"]
    assert keys.index("judge") < keys.index("pin")  # judge it first; pin and note come after
    judge = next(a for a in c.actions() if a.key == "judge")
    assert not judge.enabled and "how far you trust it" in judge.reason
    assert c.perform("trust:low") and c.perform("trustwhy:It was written by the archive itself")
    assert c.perform("judge")
    shown = words(c)
    assert "Your judgement: Low reliability. It was written by the archive itself" in shown
    assert "The case's grade:" in shown and item.reliability_note.split()[0] in shown
    assert not any(a.key.startswith("trust") for a in c.actions())  # judged once
    assert c.session is not None and c.session.judgements[eid].trust == "low"


def test_the_verdict_form_hides_the_grade_of_an_unjudged_item_only() -> None:
    c = make(settings=STUDENT)
    player = KeyPlayer()
    while c.screen is not Screen.VERDICT:
        assert c.perform(player.next_key(c))
    assert c.session is not None
    cites = [a for a in c.actions() if a.key.startswith("cite:")]
    assert cites and all(a.detail == "Not judged yet" for a in cites)


def test_given_sourcing_shows_the_grade_as_always() -> None:
    c = make()
    eid = first_evidence(c)
    assert c.perform("casebook")
    item = c.catalog.scenarios["tutorial"].evidence[eid]
    assert item.reliability_note.split()[0] in words(c)
    assert not any(a.key.startswith("trust") for a in c.actions())


def test_judgements_survive_quitting_and_resuming() -> None:
    storage = MemoryStorage()
    c = make(storage, STUDENT)
    eid = first_evidence(c)
    for key in ("casebook", "trust:medium", "trustwhy:checked against the log", "judge", "back", "menu"):
        assert c.perform(key), key
    resumed = make(storage, STUDENT)
    open_tutorial(resumed)
    assert resumed.session is not None
    assert resumed.session.judgements[eid].why == "checked against the log"
    assert resumed.perform("casebook") and "Your judgement: Medium" in words(resumed)


def play_judging_everything(c: Controller, trust: str = "high") -> None:
    """To the debrief, judging each document as it is found."""
    player = KeyPlayer()
    while c.screen is not Screen.DEBRIEF:
        session = c.session
        if c.screen is Screen.SCENE and session is not None:
            for eid in session.held:
                if eid not in session.judgements:
                    for key in ("casebook", f"evidence:{eid}", f"trust:{trust}", "trustwhy:first look",
                                "judge", "back"):
                        assert c.perform(key), key
        assert c.perform(player.next_key(c))


def test_the_debrief_scores_sourcing_on_a_line_of_its_own() -> None:
    plain, practising = make(), make(settings=STUDENT)
    play_to_debrief(plain, ScriptedPlayer(0, choices="explore", verdicts="first"), "tutorial")
    play_judging_everything(practising)
    assert plain.session is not None and practising.session is not None
    assert practising.session.verdicts == plain.session.verdicts  # sourcing never changes a verdict's score
    texts = [b.text for b in practising.document()]
    line = next(t for t in texts if t.startswith("Sourcing: "))
    score = practising.session.sourcing()
    assert line == score.line() and score.judged == len(practising.session.held)
    assert "Sourcing: how far you trusted each document" in texts
    assert not any(t.startswith("Sourcing: ") for t in (b.text for b in plain.document()))
    summary = texts.index(line)
    assert texts[summary - 1].startswith("What does") or "score" in texts[1].lower()


def test_the_hand_in_carries_the_judgements_and_the_class_page_reads_them() -> None:
    c = make(settings=ClassSettings(code="7B history", sourcing="student"))
    play_judging_everything(c, "medium")
    assert c.handin.klass == "7B history"  # the class file's code, prefilled
    assert c.session is not None
    data = case_report(c.session, "Ada", c.handin.klass)
    sourcing = data["sourcing"]
    assert [i["id"] for i in sourcing["items"]] == list(c.session.judgements)
    assert all(i["trust"] == "medium" and i["why"] == "first look" for i in sourcing["items"])
    assert sourcing["line"] == c.session.sourcing().line()
    for form in ("html", "json", "md"):
        text = render(data, form)  # type: ignore[arg-type]
        assert "Sourcing: " in text and "first look" in text
        if form != "md":
            report = student_report(read_report(text))
            assert report.untouched and report.sourcing == sourcing["line"]
    old = {k: v for k, v in data.items() if k != "sourcing"}  # a report from before sourcing practice
    assert student_report(old).sourcing == ""


# ---- the rebuttal setting ----------------------------------------------------------------------------------


def to_filled_form(c: Controller) -> None:
    player = KeyPlayer()
    while c.screen is not Screen.VERDICT:
        assert c.perform(player.next_key(c))
    assert c.question is not None
    assert c.perform(f"interp:{next(iter(c.question.interpretations))}") and c.perform("confidence:possible")


def test_a_required_rebuttal_must_be_written_before_filing() -> None:
    c = make(settings=ClassSettings(rebuttal="required"))
    to_filled_form(c)
    rebut = next(a for a in c.actions() if a.key == "rebut")
    assert rebut.label.startswith("Required:")
    confirm = next(a for a in c.actions() if a.key == "confirm")
    assert not confirm.enabled and "strongest evidence against" in confirm.reason
    assert c.perform("rebut:The diary could be read the other way, but it is late.")
    assert c.perform("confirm")
    assert c.perform("rebut:") is False  # the review screen has no text boxes
    assert c.perform("change") and c.perform("rebut:")  # cleared again
    assert c.perform("confirm") is False
    c.draft.reviewing = True  # type: ignore[union-attr]  # the review reached another way still refuses
    file = next(a for a in c.actions() if a.key == "file")
    assert not file.enabled and "strongest evidence against" in file.reason
    assert not c.perform("file")


def test_rebuttal_off_hides_the_step_and_optional_is_as_before() -> None:
    off = make(settings=ClassSettings(rebuttal="off"))
    to_filled_form(off)
    assert "rebut" not in [a.key for a in off.actions()]
    optional = make()
    to_filled_form(optional)
    rebut = next(a for a in optional.actions() if a.key == "rebut")
    assert rebut.label.startswith("Optional:")
    assert next(a for a in optional.actions() if a.key == "confirm").enabled


def test_a_scripted_player_files_verdicts_when_the_rebuttal_is_required() -> None:
    c = make(settings=ClassSettings(rebuttal="required"))
    play_to_debrief(c, ScriptedPlayer(1, choices="explore", verdicts="careful"), "tutorial")
    assert c.session is not None and all(v.rebuttal for v in c.session.verdicts.values())


# ---- shuffled interpretations -----------------------------------------------------------------------------


def shown_order(c: Controller) -> list[str]:
    return [a.key for a in c.actions() if a.key.startswith("interp:")]


def test_shuffled_order_holds_across_redraws_and_resumes_and_differs_between_plays() -> None:
    orders = set()
    shuffle = ClassSettings(shuffle_interpretations=True)
    for _ in range(8):
        storage = MemoryStorage()
        c = make(storage, shuffle)
        to_filled_form(c)
        order = shown_order(c)
        assert order == shown_order(c)  # every redraw
        numbers = [a.shortcut for a in c.actions() if a.key.startswith("interp:")]
        assert numbers == [str(n) for n in range(1, len(order) + 1)]  # numbered as shown
        assert c.perform("back") and c.perform("menu")
        resumed = make(storage, shuffle)
        open_tutorial(resumed)
        assert resumed.perform("verdict") and shown_order(resumed) == order  # resumed from the save
        orders.add(tuple(order))
    assert len(orders) > 1
    assert sorted(next(iter(orders))) == sorted(f"interp:{i}" for i in
                                                c.catalog.scenarios["tutorial"].questions["missing_page"]
                                                .interpretations)


def test_without_shuffle_the_file_order_stands() -> None:
    c = make()
    to_filled_form(c)
    assert c.question is not None
    assert shown_order(c) == [f"interp:{i}" for i in c.question.interpretations]


def test_scripted_players_pick_by_id_when_shuffled() -> None:
    c = make(settings=ClassSettings(shuffle_interpretations=True))
    play_to_debrief(c, ScriptedPlayer(3, choices="explore", verdicts="careful"), "tutorial")
    reference = make()
    play_to_debrief(reference, ScriptedPlayer(3, choices="explore", verdicts="careful"), "tutorial")
    assert c.session is not None and reference.session is not None
    assert c.session.verdicts == reference.session.verdicts


# ---- the options' sources: a case's own table, and a class file over it ---------------------------------


def teacher_folder(tmp_path: Path, options: str, class_file: str | None = None) -> Path:
    text = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8")
    (tmp_path / "tutorial.toml").write_text(text.replace('start = "', options + '\nstart = "', 1),
                                            encoding="utf-8")
    if class_file is not None:
        (tmp_path / "class.toml").write_text(class_file, encoding="utf-8")
    return tmp_path


def test_a_cases_own_options_apply_and_a_class_file_overrides_them(tmp_path: Path) -> None:
    folder = teacher_folder(tmp_path, 'sourcing = "student"\nrebuttal = "off"',
                            '[class]\ncode = "9C"\nrebuttal = "required"\n')
    settings, problem = class_settings([folder])
    assert problem == "" and settings is not None and settings.code == "9C"
    own = make(scenarios=folder)
    open_tutorial(own)
    assert (own.options.sourcing, own.options.rebuttal) == ("student", "off")
    overridden = make(settings=settings, scenarios=folder)
    open_tutorial(overridden)
    assert (overridden.options.sourcing, overridden.options.rebuttal) == ("student", "required")
    assert overridden.handin.klass == "9C"


def test_a_bad_class_file_is_not_used_and_says_why(tmp_path: Path) -> None:
    folder = teacher_folder(tmp_path, "", '[class]\nsourcing = "students"\n')
    settings, problem = class_settings([folder])
    assert settings is None
    assert "class.toml:2:1" in problem and "sourcing" in problem


@pytest.mark.parametrize("unlock", [True, False])
def test_unlock_all_is_read_and_exposed(tmp_path: Path, unlock: bool) -> None:
    folder = teacher_folder(tmp_path, "", f"[class]\nunlock_all = {str(unlock).lower()}\n")
    settings, _ = class_settings([folder])
    c = make(settings=settings, scenarios=folder)
    assert c.class_settings is not None and c.class_settings.unlock_all is unlock


def test_verdict_reports_class_page_shows_the_sourcing_line_per_student(tmp_path: Path) -> None:
    import io

    from game.classroom.command import PAGE, run

    practising, plain = make(settings=STUDENT), make()
    play_judging_everything(practising)
    play_to_debrief(plain, ScriptedPlayer(0, choices="explore", verdicts="first"), "tutorial")
    reports = tmp_path / "reports"
    reports.mkdir()
    for who, c in (("Ada", practising), ("Ben", plain)):
        assert c.session is not None
        text = render(case_report(c.session, who, "7B"), "json")
        (reports / f"{who}.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run([reports], out, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    page = (out / PAGE).read_text(encoding="utf-8")
    assert "<th>Sourcing</th>" in page
    assert practising.session is not None
    assert practising.session.sourcing().line().removeprefix("Sourcing: ") in page


def test_the_entry_points_name_the_class_file_as_the_loader_does() -> None:
    from game.app import classfile
    from game.engine.load import CLASS_FILE

    assert classfile.CLASS_FILE == CLASS_FILE
    assert class_settings([SCENARIOS]) == (None, "")  # the shipped folder has none

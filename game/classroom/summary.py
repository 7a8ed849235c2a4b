"""The class summary: every report set beside the case it came from, counted per case and per question.

What the page and the markbook show is decided here, once: which reports are flagged and why, how the
scores spread, which interpretations were chosen with which confidence, which evidence was cited, which
strong counter-evidence was held and left unanswered (from the case's own stance tables, by the rule the
scoring uses for its "Counter-evidence" line), and which coerced or weak sources were cited as proof.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from game.classroom.files import Loaded, Problem
from game.classroom.records import StudentReport, VerdictEntry
from game.engine import scoring
from game.engine.model import CONFIDENCES, Question, Scenario

FlagKind = Literal["edited", "version", "unknown", "again", "unfinished"]
SHORT_HASH = 12  # as the student's own report shows the case version
# Flags that question whether a report can be relied on; "unfinished" only describes the play.
SERIOUS: frozenset[FlagKind] = frozenset({"edited", "version", "unknown", "again"})


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    text: str

    @property
    def short(self) -> str:
        return {"edited": "edited", "version": "other version", "unknown": "unknown case",
                "again": "handed in more than once", "unfinished": "unfinished"}[self.kind]


@dataclass(frozen=True)
class Entry:
    """One report in the class: the file it came from, what it says, and what the teacher should know."""

    path: str
    report: StudentReport
    flags: tuple[Flag, ...]

    @property
    def serious(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if f.kind in SERIOUS)


@dataclass(frozen=True)
class Answer:
    """One student's verdict on one question, with the strong counter-evidence they held and left aside."""

    entry: Entry
    verdict: VerdictEntry
    ignored: tuple[str, ...]  # titles


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    students: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class InterpretationCount:
    id: str
    claim: str
    official: bool
    by_confidence: tuple[tuple[str, int], ...]  # every confidence, in the form's order, with its count

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_confidence)


@dataclass(frozen=True)
class QuestionSummary:
    id: str
    prompt: str
    disputed: bool
    answers: tuple[Answer, ...]
    interpretations: tuple[InterpretationCount, ...]
    cited: tuple[Count, ...]
    ignored: tuple[Count, ...]
    weak: tuple[Count, ...]  # note: why the source is weak
    stances_known: bool  # False when the case's stance tables were not there to judge counter-evidence

    @property
    def scores(self) -> list[int]:
        return [a.verdict.score for a in self.answers]


@dataclass(frozen=True)
class CaseSummary:
    id: str
    title: str
    known: bool
    current_hash: str  # "" for a case that is not in the scenario folders
    entries: tuple[Entry, ...]
    questions: tuple[QuestionSummary, ...]

    @property
    def scores(self) -> list[int]:
        return [e.report.case_score for e in self.entries if e.report.case_score is not None]


@dataclass(frozen=True)
class ClassSummary:
    cases: tuple[CaseSummary, ...]
    problems: tuple[Problem, ...]  # files that gave no report, and reports from cases not found

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for case in self.cases for e in case.entries)


def strong_counter(scenario: Scenario, question: Question, interpretation: str,
                   held: Iterable[str]) -> list[str]:
    """The held items that strongly undermine the claim and are reliable enough that it must answer them."""
    if interpretation not in question.interpretations:
        return []
    return scoring.strong_counter(scenario, question, interpretation, held)


def summarise(loaded: Sequence[Loaded], problems: Sequence[Problem],
              scenarios: Mapping[str, Scenario]) -> ClassSummary:
    by_case: dict[str, list[Loaded]] = defaultdict(list)
    for item in loaded:
        by_case[item.report.scenario].append(item)
    all_problems = list(problems)
    cases = []
    for case_id, items in by_case.items():
        scenario = scenarios.get(case_id)
        if scenario is None:
            title = items[0].report.title
            all_problems += [Problem(i.path, f"it is from the case '{case_id}' ({title}), which is not in "
                                     "the scenario folders; it is listed, flagged, but its version and "
                                     "counter-evidence cannot be checked (name the case's folder with "
                                     "--scenarios)") for i in items]
        cases.append(_case(case_id, items, scenario))
    known_first = sorted(cases, key=lambda c: (not c.known, c.title.casefold(), c.id))
    return ClassSummary(tuple(known_first), tuple(all_problems))


def _flags(item: Loaded, scenario: Scenario | None, again: Sequence[str]) -> tuple[Flag, ...]:
    report = item.report
    flags = []
    if not report.untouched:
        flags.append(Flag("edited", "edited after the game wrote it: the checksum does not match"))
    if scenario is None:
        flags.append(Flag("unknown", f"from the case '{report.scenario}', which is not in the scenario "
                                     "folders"))
    elif report.content_hash != scenario.content_hash:
        flags.append(Flag("version", f"played on another version of the case "
                                     f"({report.content_hash[:SHORT_HASH] or 'none given'}; the case file "
                                     f"now is {scenario.content_hash[:SHORT_HASH]})"))
    if again:
        flags.append(Flag("again", "handed in more than once: also " + ", ".join(again)))
    if not report.finished:
        flags.append(Flag("unfinished", "the case was not played to an ending"))
    return tuple(flags)


def _student_key(report: StudentReport) -> tuple[str, str] | None:
    return (report.name.casefold(), report.klass.casefold()) if report.name else None


def _case(case_id: str, items: Sequence[Loaded], scenario: Scenario | None) -> CaseSummary:
    files_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in items:
        key = _student_key(item.report)
        if key is not None:
            files_of[key].append(item.path)
    entries = []
    for item in sorted(items, key=lambda i: (i.report.who.casefold(), i.report.klass, i.path)):
        key = _student_key(item.report)
        again = [p for p in files_of.get(key, []) if p != item.path] if key else []
        entries.append(Entry(item.path, item.report, _flags(item, scenario, again)))
    question_ids = list(scenario.questions) if scenario else []
    for entry in entries:
        question_ids += [v.question for v in entry.report.verdicts if v.question not in question_ids]
    questions = []
    for qid in question_ids:
        answers = [(e, v) for e in entries for v in e.report.verdicts if v.question == qid]
        question = scenario.questions.get(qid) if scenario else None
        if answers or question is not None:
            questions.append(_question(qid, answers, scenario, question))
    title = scenario.title if scenario else (items[0].report.title or case_id)
    return CaseSummary(case_id, title, scenario is not None, scenario.content_hash if scenario else "",
                       tuple(entries), tuple(questions))


def _question(qid: str, pairs: Sequence[tuple[Entry, VerdictEntry]], scenario: Scenario | None,
              question: Question | None) -> QuestionSummary:
    def title(eid: str, given: str) -> str:
        item = scenario.evidence.get(eid) if scenario else None
        return item.title if item else given

    answers = []
    for entry, verdict in pairs:
        ignored: list[str] = []
        if scenario is not None and question is not None:
            held = [*entry.report.evidence_found, *(c.id for c in verdict.cited)]
            ignored = [title(e, e) for e in strong_counter(scenario, question, verdict.interpretation, held)]
        answers.append(Answer(entry, verdict, tuple(ignored)))

    cited: dict[str, list[str]] = defaultdict(list)
    weak: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in answers:
        for c in a.verdict.cited:
            cited[title(c.id, c.title)].append(a.entry.report.who)
            if c.stance > 0 and c.weak:  # cited as proof of the claim, as the scoring's source criticism
                weak[(title(c.id, c.title), c.weak)].append(a.entry.report.who)
    ignored_by: dict[str, list[str]] = defaultdict(list)
    for a in answers:
        for t in a.ignored:
            ignored_by[t].append(a.entry.report.who)

    prompt = question.prompt if question else pairs[0][1].prompt
    disputed = question.disputed if question else pairs[0][1].disputed
    return QuestionSummary(
        qid, prompt, disputed, tuple(answers), _interpretations(pairs, question),
        _ranked((label, who, "") for label, who in cited.items()),
        _ranked((label, who, "") for label, who in ignored_by.items()),
        _ranked((label, who, why) for (label, why), who in weak.items()),
        stances_known=question is not None,
    )


def _ranked(rows: Iterable[tuple[str, list[str], str]]) -> tuple[Count, ...]:
    counts = [Count(label, len(who), tuple(dict.fromkeys(who)), note) for label, who, note in rows]
    return tuple(sorted(counts, key=lambda c: (-c.count, c.label.casefold())))


def _interpretations(pairs: Sequence[tuple[Entry, VerdictEntry]],
                     question: Question | None) -> tuple[InterpretationCount, ...]:
    chosen: dict[str, Counter[str]] = defaultdict(Counter)
    claims: dict[str, tuple[str, bool]] = {}
    if question is not None:
        for iid, interp in question.interpretations.items():
            claims[iid] = (interp.claim, interp.official)
    for _, v in pairs:
        chosen[v.interpretation][v.confidence] += 1
        claims.setdefault(v.interpretation, (v.claim, v.official))
    confidences: list[str] = list(CONFIDENCES)
    for _, v in pairs:
        if v.confidence not in confidences:  # only an edited report says anything else
            confidences.append(v.confidence)
    return tuple(
        InterpretationCount(iid, claim, official, tuple((c, chosen[iid][c]) for c in confidences))
        for iid, (claim, official) in claims.items()
    )

"""What the case showed: the player's verdicts, what the evidence supports, what historians argue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.engine.model import Evidence, Interpretation, Question, Scenario, Scene
from game.engine.prose import Paragraph, parse_prose
from game.engine.scoring import ScoreReport, Verdict, case_score, ranking, stance_name


@dataclass(frozen=True)
class CitedItem:
    evidence: Evidence
    stance: str  # e.g. "strongly supports"
    why: str


@dataclass(frozen=True)
class QuestionDebrief:
    question: Question
    interpretation: Interpretation
    confidence: str
    report: ScoreReport
    cited: tuple[CitedItem, ...]
    # Each interpretation with the weight of all the case's evidence for it, strongest first.
    evidence_ranking: tuple[tuple[Interpretation, float], ...]
    debate: list[Paragraph]
    reasoning: str = ""
    rebuttal: str = ""


@dataclass(frozen=True)
class Debrief:
    ending_title: str
    ending: list[Paragraph]
    questions: tuple[QuestionDebrief, ...]
    unanswered: tuple[Question, ...]
    missed: tuple[Evidence, ...]
    aftermath: list[Paragraph]
    undo_count: int
    bibliography: tuple[str, ...]

    @property
    def average(self) -> int | None:
        """The case score: the mean of the verdicts' scores."""
        return case_score(self.questions)


def build_debrief(
    scenario: Scenario, scene: Scene, verdicts: Mapping[str, Verdict], held: Sequence[str], undo_count: int
) -> Debrief:
    all_evidence = list(scenario.evidence)
    answered = []
    for qid, verdict in verdicts.items():
        question = scenario.questions[qid]
        cited = tuple(
            CitedItem(
                scenario.evidence[e],
                stance_name(question.stance(e, verdict.interpretation_id)),
                question.stances[e].why if e in question.stances else "Not relevant to this question.",
            )
            for e in verdict.cited
        )
        ranked = tuple(
            (question.interpretations[iid], net) for iid, net in ranking(scenario, question, all_evidence)
        )
        answered.append(
            QuestionDebrief(
                question,
                question.interpretations[verdict.interpretation_id],
                verdict.confidence,
                verdict.report,
                cited,
                ranked,
                parse_prose(question.debate),
                verdict.reasoning,
                verdict.rebuttal,
            )
        )
    unanswered = tuple(q for qid, q in scenario.questions.items() if qid not in verdicts)
    missed = tuple(item for eid, item in scenario.evidence.items() if eid not in held)
    return Debrief(
        scene.title,
        parse_prose(scene.debrief or scene.text),
        tuple(answered),
        unanswered,
        missed,
        parse_prose(scenario.aftermath),
        undo_count,
        scenario.bibliography,
    )

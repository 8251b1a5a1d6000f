"""The participation module's tables, one file per part of it."""

from gongzhi.participation.models.budget import (
    Ballot,
    BallotChoice,
    BudgetRound,
    MicroProject,
    Milestone,
    ProjectImage,
)
from gongzhi.participation.models.deliberation import (
    Comment,
    Deliberation,
    DeliberationRating,
    Stance,
)
from gongzhi.participation.models.events import Event
from gongzhi.participation.models.grid import Dispute, Finding, FindingImage, GridPost
from gongzhi.participation.models.help import HelpMatch, HelpPost
from gongzhi.participation.models.opinion import OpinionMap, Statement, Vote
from gongzhi.participation.models.spaces import FieldSpace, SpaceFollow
from gongzhi.participation.models.survey import Answer, Choice, Question, Receipt, Response, Survey
from gongzhi.participation.models.talkday import Concern, Registration, TalkDay

__all__ = [
    "Answer",
    "Ballot",
    "BallotChoice",
    "BudgetRound",
    "Choice",
    "Comment",
    "Concern",
    "Deliberation",
    "DeliberationRating",
    "Dispute",
    "Event",
    "FieldSpace",
    "Finding",
    "FindingImage",
    "GridPost",
    "HelpMatch",
    "HelpPost",
    "MicroProject",
    "Milestone",
    "OpinionMap",
    "ProjectImage",
    "Question",
    "Receipt",
    "Registration",
    "Response",
    "SpaceFollow",
    "Stance",
    "Statement",
    "Survey",
    "TalkDay",
    "Vote",
]

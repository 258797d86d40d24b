"""Errors a user can cause; each carries one Dutch sentence fit to show as it is."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bobtui.core.domain.records import ChairHolder


class BobError(Exception):
    """Base class: ``str(error)`` is a complete Dutch sentence for the user."""


class RuleViolation(BobError):
    """An action breaks a meeting rule (a decision without owner, closing too early, …)."""


class NotFound(BobError):
    """A meeting, note or decision that was asked for does not exist."""


class StoreError(BobError):
    """The store cannot be opened or used (bad URL, newer schema, unreadable file)."""


class DataFileError(BobError):
    """A data file cannot be loaded; ``problems`` lists one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class LeidraadError(DataFileError):
    """A question set cannot be loaded."""


class PracticeCaseError(DataFileError):
    """A practice case cannot be loaded."""


class ChairTaken(BobError):
    """Another live window chairs the meeting; ``holder`` says which, safe to show."""

    def __init__(self, message: str, holder: "ChairHolder") -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnly(RuleViolation):
    """This window does not chair the meeting, so it may read but not change anything."""


class EditConflict(BobError):
    """A record was changed in another window since this one read it; nothing was saved."""

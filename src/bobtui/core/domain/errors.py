"""Errors a user can cause; each carries one Dutch sentence fit to show as it is."""


class BobError(Exception):
    """Base class: ``str(error)`` is a complete Dutch sentence for the user."""


class RuleViolation(BobError):
    """An action breaks a meeting rule (a decision without owner, closing too early, …)."""


class NotFound(BobError):
    """A meeting, note or decision that was asked for does not exist."""


class WriteError(BobError):
    """A file cannot be written (a full disk, no permission); nothing of it was written."""


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

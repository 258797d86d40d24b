"""Errors a user can cause; each carries one Dutch sentence fit to show as it is."""

from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from bobtui.core.domain.records import ChairHolder


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


class AccessDenied(BobError):
    """The database refused this user what was asked (team mode's need-to-know); nothing of it
    was saved. Not a :class:`StoreTrouble`: trying again (or queueing a note) will not help."""


class StoreTrouble(BobError):
    """The store could not be used just now (locked, full, read-only or unreachable).

    The message says what happened and what to do, in one sentence, and never quotes the
    database's own message (it may hold the parameters, and so the text, of the statement)."""

    _CAUSES = (
        ("locked", "De opslag is bezet door een ander programma"),
        ("busy", "De opslag is bezet door een ander programma"),
        ("full", "De schijf of de opslag is vol"),
        ("readonly", "De opslag is alleen-lezen"),
        ("read-only", "De opslag is alleen-lezen"),
        ("disk i/o", "De schijf gaf een leesfout of schrijffout"),
        ("connection", "De verbinding met de database is weg"),
        ("server closed", "De verbinding met de database is weg"),
        ("could not connect", "De verbinding met de database is weg"),
        ("terminating", "De verbinding met de database is weg"),
    )
    _GOES_ON = "probeer het opnieuw."
    what = "De opslag werkte niet mee"
    """What happened, without what to do: for a message that goes on differently."""

    @classmethod
    def because(cls, error: BaseException) -> Self:
        cause = getattr(error, "orig", None) or error
        words = str(cause).lower()
        what = next(
            (said for key, said in cls._CAUSES if key in words),
            f"{cls.what} ({type(cause).__name__})",
        )
        trouble = cls(f"{what}; {cls._GOES_ON}")
        trouble.what = what
        return trouble


class SaveFailed(StoreTrouble):
    """A change could not be saved; nothing of it was saved (the transaction was rolled back)."""

    _GOES_ON = "er is niets verloren: probeer het opnieuw."
    what = "Opslaan lukte niet"


class ReadFailed(StoreTrouble):
    """The meeting could not be read; nothing changed."""

    _GOES_ON = "het overleg is nu niet te lezen: probeer het zo opnieuw."
    what = "Lezen lukte niet"


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

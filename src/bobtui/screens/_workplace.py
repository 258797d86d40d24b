"""How a screen reaches what the app owns (stores, catalogs, settings, clock)."""

from textual.dom import DOMNode

from bobtui.core.workplace import Workplace


def workplace_of(node: DOMNode) -> Workplace:
    """The running app's :class:`Workplace` (``BobApp.workplace``)."""
    found = getattr(node.app, "workplace", None)
    assert isinstance(found, Workplace), "screens run inside BobApp"
    return found

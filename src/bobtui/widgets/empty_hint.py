"""What an empty meeting list says instead of nothing: how to begin."""

from pathlib import Path

from textual.widgets import Static

from bobtui.widgets.text import plain


class EmptyHint(Static):
    """Hidden until :meth:`show_when` finds the list empty."""

    def show_when(self, empty: bool, *, rehearsals: bool, own_sets: Path) -> None:
        """Show how to begin when ``empty``; ``own_sets``: where a question set of one's own
        goes."""
        self.display = empty
        if not empty:
            return
        if rehearsals:
            self.update("Nog geen oefeningen. o: een oefening starten van een oefencasus.")
            return
        self.update(
            plain(
                "Nog geen overleggen. Zo begint u:\n"
                "  n                een nieuw overleg: casuscode, leidraad, deelnemers\n"
                "  bobtui demo      (in de terminal) de app op een fictieve casus, om te oefenen\n"
                f"  eigen leidraad   zet een TOML-bestand in {own_sets}\n"
                "                   en controleer het met: bobtui leidraad check"
            )
        )

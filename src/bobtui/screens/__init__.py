"""Textual screens: one per module, its styles in the .tcss file beside it."""

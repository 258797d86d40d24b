"""The Textual application: it owns the stores, the catalogs, the settings and the clock, and
hands screens what they need. Screens present and dispatch; the core does the work."""

from bobtui.app.application import BobApp, StoreChoice

__all__ = ["BobApp", "StoreChoice"]

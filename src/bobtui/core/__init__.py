"""The domain core of bobtui: no Textual here, so the CLI and tests can use it directly.

Light modules (vocabulary, BSN check, paths, summary) import in milliseconds; the leidraad
models (pydantic) and the store (SQLModel) are imported only by the code that uses them.
"""

"""The domain core of bobtui: no Textual here, so the CLI and tests can use it directly.

Packages, lowest layer first (docs/architecture.md; import-linter enforces the order):
``domain`` → ``config`` → ``questions`` → ``store`` | ``snapshot`` → ``session`` | ``documents``
→ ``training`` → ``workplace``.
"""

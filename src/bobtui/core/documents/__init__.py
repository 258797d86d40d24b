"""Summaries and their documents: building the summary, laying it out, rendering Markdown,
HTML, JSON and Word, writing files. Never imports the store: it renders what it is given."""

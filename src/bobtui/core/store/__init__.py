"""The store: engine, tables, migrations, and the store-wide queries (meeting list, open
actions, case history). The only package that speaks SQL besides the meeting session."""

"""A team store on the throwaway PostgreSQL server: the owner, and a login per role.

Login roles live in the whole server, not in one database, so each team's names carry the
number of its database."""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from bobtui.core.store.engine import Store, open_store
from bobtui.core.store.team import create_login, init_team

_teams = itertools.count()

MEMBERS = {
    "anna": "procesregisseur",
    "bert": "procesregisseur",
    "cora": "coordinator",
    "tim": "trainer",
    "nora": "notulist",
}


@dataclass
class Team:
    """The owner's store and URL pieces to connect as each member."""

    owner: Store
    server: str
    database: str
    suffix: str
    opened: list[Store] = field(default_factory=list)

    def login(self, member: str) -> str:
        return f"{member}_{self.suffix}"

    def url(self, member: str) -> str:
        return self.server.replace("postgres@", f"{self.login(member)}@") + f"/{self.database}"

    def store(self, member: str) -> Store:
        """The store as ``member`` sees it: their own login, as the app would connect."""
        store = open_store(self.url(member))
        self.opened.append(store)
        return store

    @contextmanager
    def sql(self, member: str) -> Iterator[Connection]:
        """A raw connection as ``member``, in a transaction that is rolled back after."""
        engine = create_engine(self.url(member))
        try:
            with engine.connect() as connection:
                yield connection
                connection.rollback()
        finally:
            engine.dispose()


@contextmanager
def team_store(admin_url: str) -> Iterator[Team]:
    number = next(_teams)
    database = f"bobtui_team_{number}"
    admin = create_engine(f"{admin_url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {database}"))
    admin.dispose()
    owner = open_store(f"{admin_url}/{database}")
    init_team(owner)
    team = Team(owner, admin_url, database, f"t{number}")
    for member, role in MEMBERS.items():
        create_login(owner, team.login(member), role, f"geheim-{member}")
    try:
        yield team
    finally:
        for store in team.opened:
            store.dispose()
        owner.dispose()

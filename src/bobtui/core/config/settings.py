"""Settings from the environment (prefix ``BOBTUI_``); imported only where a store is opened."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BOBTUI_", extra="ignore")

    database_url: str | None = None
    """Any SQLAlchemy URL; unset means SQLite in the data folder."""

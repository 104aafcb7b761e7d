"""The music library: SQLite via SQLAlchemy, a folder scanner, and the play history."""

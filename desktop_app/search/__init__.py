"""Search: the Whoosh index derived from the database, and the queries run on it."""

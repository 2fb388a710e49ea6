"""Domain types, normalisation and glossary loading: pure Python, no Qt, no database."""

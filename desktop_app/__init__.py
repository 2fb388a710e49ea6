"""Glossary & Jobs: an offline glossary of software terms cross-linked with a job board."""

__version__ = "0.1.0"

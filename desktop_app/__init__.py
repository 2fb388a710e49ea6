"""Glossary & Jobs: an offline glossary of software terms cross-linked with a job board."""

__version__ = "0.1.0"
# The desktop id: the .desktop file, AppStream component, icon and Flatpak app are named after it.
APP_ID = "org.glossaryjobs.GlossaryJobs"

"""plancc: compile a work plan written in YAML into official documents."""

__version__ = "0.1.0"

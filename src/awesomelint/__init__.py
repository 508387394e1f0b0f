"""awesomelint: lint and normalize awesome-list READMEs."""

__version__ = "0.1.0"

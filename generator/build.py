"""Placeholder: filled in by its own change."""


def add_commands(commands) -> None:
    pass

"""Shared pytest configuration."""

pytest_plugins = ["system_parts"]

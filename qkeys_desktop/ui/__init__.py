"""The desktop window. Talks to the registry only through ``core.store``; never imports peewee."""

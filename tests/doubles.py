"""Test doubles several test modules share: a hand-moved clock, a call counter, a confirm box."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any


class FakeClock:
    """A clock the test moves by hand; whole seconds, as the store keeps them."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class CallCounter:
    """Wraps a callable and counts its calls."""

    def __init__(self, wrapped: Callable[..., Any]) -> None:
        self.wrapped = wrapped
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.wrapped(*args, **kwargs)


class Confirmations:
    """Stands in for prompts.confirm: records each question and gives a set answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[dict[str, Any]] = []

    def __call__(self, parent: Any, title: str, text: str, details: str = "",
                 action: str = "OK", destructive: bool = False) -> bool:
        self.asked.append({"title": title, "text": text, "details": details,
                           "action": action, "destructive": destructive})
        return self.answer

    @property
    def texts(self) -> list[str]:
        """Each question's main text, in the order asked."""
        return [question["text"] for question in self.asked]


class FakeClipboard:
    """Records what the secure clipboard service was asked to copy."""

    def __init__(self) -> None:
        self.copied: list[str] = []

    def copy_secret(self, text: str) -> None:
        self.copied.append(text)

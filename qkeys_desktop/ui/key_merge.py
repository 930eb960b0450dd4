"""Merging a few changed keys into the 100,000 rows a table shows, instead of re-preparing them.

After a change (ours or another process's) :class:`~..core.key_listing.KeyListing` sends only
the keys that changed and the ids of those gone. Re-sorting and re-indexing every row would
cost the tens of milliseconds of Python per reload that a full reload costs; here the rows gone
are dropped and each changed row is put where the table's order wants it by binary search, so
the Python work grows with the number of changes, not of keys. What remains linear is done by
C loops (list slicing, ``dict(zip(…))``) that take a few milliseconds at 100,000 keys.

Pure functions over lists: the model (:mod:`.key_model`) decides the order and the texts.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Collection, Iterable
from operator import itemgetter
from typing import Any, Protocol

from ..core.records import KEY_EXPIRES_AT, KEY_ID, KeyRow

#: Below this many rows to drop, each is deleted in place (a memmove); above, one filtering pass.
_FEW = 64
#: Merges a :class:`Shifted` may stack before its rows get a dictionary of their own again.
_DEPTH = 16


class RowsById(Protocol):
    """Key id → row number (None for a key not listed), as a dict answers ``get``."""

    def get(self, key_id: str, /) -> int | None: ...


def positions(rows: list[KeyRow]) -> dict[str, int]:
    """Key id → row number: built by C loops (``zip`` over ``itemgetter``), no Python per row;
    still ~20 ms at 100,000 keys, holding the GIL throughout (see :class:`Shifted`)."""
    return dict(zip(map(itemgetter(KEY_ID), rows), range(len(rows)), strict=True))


class Shifted:
    """Key id → row number after a merge, from those before it: a row kept moved up by the
    rows dropped before it and down by the rows inserted before it; a row inserted is where
    it went. A few bisections a question, where a new dictionary of every row would cost
    ~20 ms of the GIL per change at 100,000 keys."""

    def __init__(self, before: RowsById, dropped: list[int], inserted: dict[str, int]) -> None:
        self.before = before
        self.dropped = sorted(dropped)  # row numbers before the merge
        self.inserted = inserted  # key id → row number after it
        self.landed = sorted(inserted.values())
        self.depth: int = before.depth + 1 if isinstance(before, Shifted) else 1

    def get(self, key_id: str, /) -> int | None:
        at = self.inserted.get(key_id)
        if at is not None:
            return at
        old = self.before.get(key_id)
        if old is None:
            return None
        gone = bisect_left(self.dropped, old)
        if gone < len(self.dropped) and self.dropped[gone] == old:
            return None  # dropped (and not inserted again: that answered above)
        row = old - gone
        for landed in self.landed:  # ascending: each row inserted at or above pushes it down
            if landed > row:
                break
            row += 1
        return row


def drop(rows: list[KeyRow], texts: list[str], where: RowsById,
         key_ids: Collection[str]) -> tuple[list[KeyRow], list[str], list[KeyRow], list[int]]:
    """``rows`` (and their search ``texts``) without the keys ``key_ids``, as new lists, the
    rows dropped and their row numbers. ``where``: the row of each key id (:func:`positions`)."""
    found = sorted((at for at in (where.get(key_id) for key_id in key_ids) if at is not None),
                   reverse=True)
    dropped = [rows[i] for i in found]
    if len(found) <= _FEW:
        kept, kept_texts = list(rows), list(texts)
        for i in found:  # from the end: earlier row numbers stay right
            del kept[i], kept_texts[i]
        return kept, kept_texts, dropped, found
    gone = set(found)
    keep = [i not in gone for i in range(len(rows))]
    return ([row for row, ok in zip(rows, keep, strict=True) if ok],
            [text for text, ok in zip(texts, keep, strict=True) if ok], dropped, found)


def insert(rows: list[KeyRow], texts: list[str], new: Iterable[KeyRow],
           haystack: Callable[[KeyRow], str], sort_key: Callable[[KeyRow], Any] | None,
           descending: bool) -> dict[str, int]:
    """Put each of ``new`` (with its search text) where the order wants it, in place: by
    ``sort_key`` (descending or not; after rows that compare equal), or first if unsorted.
    Returns the row each went to, in the end."""
    landed: dict[str, int] = {}
    for row in new:
        at = 0 if sort_key is None else _place(rows, sort_key(row), sort_key, descending)
        rows.insert(at, row)
        texts.insert(at, haystack(row))
        for key_id, earlier in landed.items():  # rows inserted before, below it, move down
            if earlier >= at:
                landed[key_id] = earlier + 1
        landed[row[KEY_ID]] = at
    return landed


def after_merge(rows: list[KeyRow], before: RowsById, dropped: list[int],
                inserted: dict[str, int]) -> RowsById:
    """Key id → row of ``rows``, the result of a merge: shifted from ``before`` for a few
    changes, a dictionary of its own after many (or after :data:`_DEPTH` merges)."""
    stacked = before.depth if isinstance(before, Shifted) else 0
    if len(dropped) + len(inserted) > _FEW or stacked >= _DEPTH:
        return positions(rows)
    return Shifted(before, dropped, inserted)


def _place(rows: list[KeyRow], key: Any, sort_key: Callable[[KeyRow], Any],
           descending: bool) -> int:
    """Where ``key`` goes among ``rows``, which are ordered by ``sort_key``: a binary search
    that computes about 17 keys at 100,000 rows."""
    low, high = 0, len(rows)
    while low < high:
        middle = (low + high) // 2
        other = sort_key(rows[middle])
        if (key < other) if not descending else (other < key):
            high = middle
        else:
            low = middle + 1
    return low


def move_expiries(expiries: list[int], dropped: Iterable[KeyRow], added: Iterable[KeyRow]
                  ) -> list[int]:
    """The ascending list of every expiry, with those of ``dropped`` rows out and those of
    ``added`` rows in (a new list; the old one may still be shown)."""
    result = list(expiries)
    for row in dropped:
        expiry = row[KEY_EXPIRES_AT]
        if expiry is not None:
            at = bisect_left(result, expiry)
            if at < len(result) and result[at] == expiry:
                del result[at]
    for row in added:
        if row[KEY_EXPIRES_AT] is not None:
            insort(result, row[KEY_EXPIRES_AT])
    return result


"""``qkeys usage KEY``: a key's verifications per day (a bar chart in text), totals, rejections
by reason, calls by client, last use and its limits; ``--json`` gives the same figures.

The counts come from :meth:`Store.usage`, which writes this process's own first. Other
processes write theirs about once a minute (``qkeys verify`` before it exits), so the last
minute of a busy app may not be in yet.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import date

from ..core.records import KeyRecord, KeyUsage
from ..core.store import Store
from .keys import describe_last_use, describe_limit_state, find_key, key_json
from .output import EXIT_OK, emit_json

BAR_WIDTH = 40  # marks for the busiest day; a line stays within 80 columns
VALID_MARK, REJECTED_MARK = "#", "x"  # ASCII: legible on any terminal and in any log
NO_CLIENT = "(no label)"
LABEL_WIDTH = 40  # a client label may hold 128 characters; the list stays within 80 columns


def usage(store: Store, args: argparse.Namespace) -> int:
    record = find_key(store, args.key)
    figures = store.usage(record.key_id, args.days)
    record = store.get_key(record.key_id)  # after the flush: last use as just written
    if args.json:
        emit_json(usage_json(record, figures, store))
    else:
        print("\n".join(usage_lines(record, figures)))
    return EXIT_OK


def usage_json(record: KeyRecord, figures: KeyUsage, store: Store) -> dict[str, object]:
    """The figures as ``--json`` prints them: days as ISO dates (UTC), oldest first."""
    limits = key_json(record, store.policy())
    return {
        "key_id": record.key_id,
        "name": record.name,
        "days": [{"date": day.isoformat(), "valid": valid, "rejected": rejected}
                 for day, valid, rejected in figures.days],
        "valid": figures.valid,
        "rejected": figures.rejected,
        "by_reason": figures.by_reason,
        "by_client": figures.by_client,  # "" counts the calls that gave no --client
        "last_used_at": record.last_used_at,
        "last_used_by": record.last_used_by,
        **{field: limits[field] for field in ("uses_limit", "uses_remaining", "uses_refill",
                                              "rate_limit")},
    }


def usage_lines(record: KeyRecord, figures: KeyUsage) -> list[str]:
    """The human report: chart, totals, breakdowns, last use, limits."""
    days = len(figures.days)
    lines = [f"{record.name} ({record.key_id}): verifications over the last {days} "
             f"day{'s' if days != 1 else ''} (UTC)", ""]
    lines += chart_lines(figures.days, record.created_at.date())
    total = figures.valid + figures.rejected
    share = f" ({figures.rejected / total:.0%} of {total:,})" if figures.rejected else ""
    lines += ["", f"Total: {figures.valid:,} valid, {figures.rejected:,} rejected{share}"]
    lines += breakdown_lines("Rejected by reason", figures.by_reason)
    lines += breakdown_lines("By client", {name or NO_CLIENT: n
                                           for name, n in figures.by_client.items()})
    lines += ["", f"Last used: {describe_last_use(record)}",
              f"Limits: {describe_limit_state(record)}"]
    return lines


def chart_lines(days: tuple[tuple[date, int, int], ...], created: date) -> list[str]:
    """One line a day: date, a bar of valid (#) then rejected (x) marks scaled to the busiest
    day, and the two counts. Days before the key existed are left out (they can hold nothing)."""
    shown = [day for day in days if day[0] >= created] or list(days[-1:])
    busiest = max((valid + rejected for _, valid, rejected in shown), default=0)
    legend = f"{VALID_MARK} valid  {REJECTED_MARK} rejected"
    lines = [f"{'DAY':<10}  {legend:<{BAR_WIDTH}}  {'VALID':>7} {'REJECTED':>8}"]
    for day, valid, rejected in shown:
        bar = VALID_MARK * _marks(valid, busiest) + REJECTED_MARK * _marks(rejected, busiest)
        lines.append(f"{day.isoformat()}  {bar:<{BAR_WIDTH}}  {valid:>7,} {rejected:>8,}")
    if busiest:
        noun = "verification" if busiest == 1 else "verifications"
        lines.append(f"{'':<10}  (the busiest day, {busiest:,} {noun}, fills the bar)")
    return lines


def _marks(count: int, busiest: int) -> int:
    """Marks for ``count`` on a bar where ``busiest`` fills BAR_WIDTH less one (so a day's
    two parts, each at least one mark when not zero, never exceed it)."""
    if not count:
        return 0
    return max(1, round(count * (BAR_WIDTH - 1) / busiest))


def breakdown_lines(title: str, counts: Mapping[str, int]) -> list[str]:
    """A titled list of counts, largest first; nothing when empty."""
    if not counts:
        return []
    names = {name: _shortened(name) for name in counts}
    width = max(len(short) for short in names.values())
    return ["", f"{title}:"] + [f"  {names[name]:<{width}}  {n:>9,}"
                                for name, n in counts.items()]


def _shortened(label: str) -> str:
    return label if len(label) <= LABEL_WIDTH else label[:LABEL_WIDTH - 1] + "…"

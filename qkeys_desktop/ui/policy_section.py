"""Settings → Key policy: the registry's maximum key lifetime and whether keys may never expire.

The policy lives in the registry, not in this machine's settings, so it binds everyone who
issues keys there — on a shared PostgreSQL registry, the whole team; the section says so. It is
read when the dialog opens and written when OK is pressed, both off the UI thread. OK waits for
the write: a registry that refuses it (gone, read-only) keeps the dialog open with the reason.

Keys that break a new policy are counted as the choice changes (they are flagged in the keys
table, never changed), by :func:`core.policy.violation`, so the count and the table agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QWidget

from ..core.policy import RegistryPolicy, violation
from ..core.records import KEY_CREATED_AT, KEY_EXPIRES_AT, KEY_NAME, KeyRow
from ..core.store import Store
from .i18n import translate
from .settings_dialog import SettingsDialog, with_message
from .tasks import TaskRunner, describe_error, guarded
from .widgets import SPACING, FieldMessage, control

#: The lifetime choices: days (None: no maximum; CUSTOM: the spin box's number).
CUSTOM = -1
LIFETIMES: tuple[int | None, ...] = (None, 30, 90, 180, 365, CUSTOM)
MAX_DAYS = 3660  # the core's ten-year cap on any expiration
_NAMED = 3  # keys named in the message before "and N more"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class KeyLifetimes:
    """How long the keys still working were made to live — all the count needs, grouped so a
    policy change costs one check per distinct lifetime (presets make them few), not per key."""

    counts: Counter[timedelta | None]  # lifetime (None: never expires) → number of keys
    names: dict[timedelta | None, list[str]]  # a few key names of each lifetime

    def breaking(self, policy: RegistryPolicy) -> tuple[int, list[str]]:
        """How many keys break ``policy``, and a few of their names."""
        total, names = 0, []
        for lifetime, count in self.counts.items():
            expires = None if lifetime is None else _EPOCH + lifetime
            if violation(policy, _EPOCH, expires) is not None:
                total += count
                names.extend(self.names[lifetime])
        return total, sorted(names, key=str.casefold)[:_NAMED]


def key_lifetimes(rows: list[KeyRow], now: datetime) -> KeyLifetimes:
    """Group the keys that still work by lifetime (expired keys need no flag: they stopped).
    Runs in a worker: it reads every key."""
    counts: Counter[timedelta | None] = Counter()
    names: dict[timedelta | None, list[str]] = {}
    stamp = int(now.timestamp())
    for row in rows:
        expires = row[KEY_EXPIRES_AT]
        if expires is not None and expires <= stamp:
            continue
        lifetime = None if expires is None else timedelta(seconds=expires - row[KEY_CREATED_AT])
        counts[lifetime] += 1
        named = names.setdefault(lifetime, [])
        if len(named) < _NAMED:
            named.append(row[KEY_NAME])
    return KeyLifetimes(counts, names)


def _read(store: Store) -> tuple[RegistryPolicy, KeyLifetimes]:
    return store.policy(), key_lifetimes(store.key_rows(), store.clock())


def lifetime_label(days: int | None) -> str:
    """A lifetime choice as the box lists it: "No maximum", "90 days", "Custom…"."""
    if days is None:
        return translate("PolicySection", "No maximum")
    if days == CUSTOM:
        return translate("PolicySection", "Custom…")
    return translate("PolicySection", "%n day(s)", "", days)


def breaking_text(count: int, names: list[str]) -> str:
    """ "2 existing keys outside this policy (“a”, “b” and 3 more). …": keys it flags."""
    quoted = translate("PolicySection", "“{name}”")
    listed = ", ".join(quoted.format(name=name) for name in names)
    more = count - len(names)
    if more > 0:
        listed = translate("PolicySection", "{keys} and %n more", "", more).format(keys=listed)

    return translate(
        "PolicySection", "%n existing key(s) outside this policy ({keys}). They keep working and "
        "are flagged in the keys table; nothing is changed.", "", count).format(keys=listed)


class PolicySection:
    """Adds the Key policy group to a SettingsDialog; OK writes it to the registry first."""

    def __init__(self, dialog: SettingsDialog, store: Store, runner: TaskRunner) -> None:
        self.dialog = dialog
        self.store = store
        self.runner = runner
        self.loaded: RegistryPolicy | None = None  # as read from the registry
        self._lifetimes: KeyLifetimes | None = None
        self._saving = 0  # each OK press; a dialog closed meanwhile voids the answer
        dialog.finished.connect(self._void_save)
        form = dialog.add_section(translate("PolicySection", "Key policy"), "policySection")
        dialog.add_check(self.save_before_closing)
        self.lifetime = self._lifetime_box()
        self.custom_days = control(QSpinBox(), "policyCustomDays",
                                   translate("PolicySection", "Maximum lifetime in days"),
                                   translate("PolicySection", "Any number of days up to ten years"))
        self.custom_days.setRange(1, MAX_DAYS)
        self.custom_days.setSuffix(translate("PolicySection", " days"))
        self.custom_days.setValue(90)
        self.custom_days.valueChanged.connect(self._update)
        never = translate("PolicySection", "Allow keys that never expire")
        self.allow_never = control(
            QCheckBox(never), "policyAllowNever", never,
            translate("PolicySection", "Off: every new, edited or rotated key must have an "
                      "expiration date"))
        self.allow_never.toggled.connect(self._update)
        self.message = FieldMessage("policyMessage")
        self.message.describe(self.lifetime, self.custom_days, self.allow_never)
        self.scope = FieldMessage("policyScope")
        form.addRow(translate("PolicySection", "Maximum lifetime:"),
                    _row(self.lifetime, self.custom_days))
        form.addRow(translate("PolicySection", "Expiration:"),
                    with_message(self.allow_never, self.message, self.scope))
        self.scope.show_message(  # once parented: a shown parentless widget would be a window
            "hint", translate(
                "PolicySection", "Kept in the registry ({registry}), so it applies to everyone "
                "who uses it — on a shared registry, the whole team. New, edited and rotated keys "
                "must follow it; existing keys are flagged, not changed.").format(
                    registry=store.target))
        self._set_enabled(False)
        self.message.show_message("hint", translate("PolicySection",
                                                    "Reading the registry's policy…"))
        runner.run(lambda: _read(store), guarded(self.message, self._loaded),
                   guarded(self.message, self._load_failed))

    def _lifetime_box(self) -> QComboBox:
        box = control(QComboBox(), "policyMaxLifetime",
                      translate("PolicySection", "Maximum key lifetime"),
                      translate("PolicySection", "How far ahead any key of this registry may "
                                "expire"))
        for days in LIFETIMES:
            box.addItem(lifetime_label(days), days)
        box.currentIndexChanged.connect(self._update)
        return box

    # -- reading ----------------------------------------------------------------------------

    def _loaded(self, result: tuple[RegistryPolicy, KeyLifetimes]) -> None:
        self.loaded, self._lifetimes = result
        self.show_policy(self.loaded)
        self._set_enabled(True)
        self._update()

    def _load_failed(self, error: Exception) -> None:
        self.message.show_message("error", translate(
            "PolicySection", "Could not read the registry's policy: {error}").format(
                error=describe_error(error)))

    def show_policy(self, policy: RegistryPolicy) -> None:
        """Set the controls to ``policy`` (a preset when one fits, else Custom)."""
        index = self.lifetime.findData(policy.max_lifetime_days)
        if index < 0:
            index = self.lifetime.findData(CUSTOM)
            self.custom_days.setValue(policy.max_lifetime_days or 90)
        self.lifetime.setCurrentIndex(index)
        self.allow_never.setChecked(policy.allow_never)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.lifetime, self.custom_days, self.allow_never):
            widget.setEnabled(enabled)

    # -- the choice -------------------------------------------------------------------------

    def chosen(self) -> RegistryPolicy:
        """The policy the controls show."""
        days = self.lifetime.currentData()
        if days == CUSTOM:
            days = self.custom_days.value()
        return RegistryPolicy(days, self.allow_never.isChecked())

    def _update(self) -> None:
        self.custom_days.setVisible(self.lifetime.currentData() == CUSTOM)
        if self._lifetimes is None:
            return
        count, names = self._lifetimes.breaking(self.chosen())
        if not count:
            self.message.show_message("success", translate(
                "PolicySection", "Every key that still works fits this policy."))
            return
        self.message.show_message("warning", breaking_text(count, names))

    # -- saving -----------------------------------------------------------------------------

    def save_before_closing(self, proceed: Callable[[], None]) -> None:
        """The dialog's OK: write a changed policy, then let the dialog save the rest."""
        if self.loaded is None or self.chosen() == self.loaded:
            proceed()  # unread (failed) or unchanged: nothing to write
            return
        policy = self.chosen()
        self._saving += 1
        attempt = self._saving
        self.dialog.ok_button.setEnabled(False)
        self.message.show_message("hint", translate("PolicySection",
                                                    "Saving the policy in the registry…"))

        def saved(result: RegistryPolicy) -> None:
            self.loaded = result
            self.dialog.ok_button.setEnabled(True)
            if attempt == self._saving:
                proceed()

        def failed(error: Exception) -> None:
            self.dialog.ok_button.setEnabled(True)
            self.message.show_message("error", translate(
                "PolicySection", "The policy was not saved: {error}").format(
                    error=describe_error(error)))


        store = self.store
        self.runner.run(
            lambda: store.set_policy(max_lifetime_days=policy.max_lifetime_days,
                                     allow_never=policy.allow_never),
            guarded(self.message, saved), guarded(self.message, failed))

    def _void_save(self) -> None:
        self._saving += 1


def _row(*widgets: QWidget) -> QWidget:
    cell = QWidget()
    row = QHBoxLayout(cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(SPACING)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return cell

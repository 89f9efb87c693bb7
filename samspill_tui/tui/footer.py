"""The footer of keys: one line, drawn again only when the keys it shows change."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

KEY_STYLE = "bold $footer-key-foreground"
# Kept whatever the width, on the right beside the command palette's key: help and quit.
KEPT_ACTIONS = ("help", "quit", "app.quit")
DESCRIPTION_STYLE = "$footer-description-foreground"
HOVER_STYLE = "on $block-hover-background"


class Key(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    action: str = ""


class KeyFooter(Widget, can_focus=False):
    """The keys that apply on the current screen, in one line; click a key to press it.

    One widget rather than Textual's footer of a widget per key: changing step refreshes the
    bindings several times, and this footer then redraws a line, once, only if its keys differ.
    """

    DEFAULT_CSS: ClassVar[str] = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        pointer: pointer;
    }
    """
    _pending = False

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[Key, ...] = ()
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._pending = False
        if not self.is_attached:  # its screen was closed meanwhile
            return
        bindings = self.screen.active_bindings
        keys, actions = [], set()
        for _, binding, enabled, _ in bindings.values():
            if binding.show and binding.action not in actions:  # a binding's first key only
                actions.add(binding.action)
                keys.append(Key(binding.key, self.app.get_key_display(binding),
                                binding.description, enabled, binding.action))
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if self.app.ENABLE_COMMAND_PALETTE and palette is not None:  # drawn on the right
            _, binding, enabled, _ = palette
            keys.append(Key(binding.key, self.app.get_key_display(binding),
                            binding.description, enabled))
        if tuple(keys) != self.keys:
            self.keys = tuple(keys)
            self.refresh()

    def _placed(self) -> list[tuple[int, Key, Content]]:
        """The keys that fit, each with the column it starts at and its drawing; help, quit and
        the command palette's key always, on the right."""
        parts = []
        for index, key in enumerate(self.keys):
            part = Content.assemble((f" {key.display} ", KEY_STYLE),
                                    (f"{key.description} ", DESCRIPTION_STYLE))
            if not key.enabled:
                part = part.stylize("dim")
            if index == self._hover:
                part = part.stylize(HOVER_STYLE)
            parts.append((key, part))
        right = self.size.width
        palette = []
        if parts and parts[-1][0].key == self.app.COMMAND_PALETTE_BINDING:
            right -= parts[-1][1].cell_length
            palette = [(right, *parts.pop())]
        for key, part in reversed([(k, p) for k, p in parts if k.action in KEPT_ACTIONS]):
            right -= part.cell_length
            palette.insert(0, (right, key, part))
        parts = [(k, p) for k, p in parts if k.action not in KEPT_ACTIONS]
        placed = []
        x = 0
        for key, part in parts:
            if x + part.cell_length > right:
                break
            placed.append((x, key, part))
            x += part.cell_length
        return placed + palette

    def render(self) -> Content:
        line: list[Content | str] = []
        x = 0
        for start, _, part in self._placed():
            line += [" " * (start - x), part]
            x = start + part.cell_length
        return Content("").join(line)

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column ``x``."""
        for start, key, part in self._placed():
            if start <= x < start + part.cell_length:
                return key
        return None

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        hover = None if key is None else self.keys.index(key)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

"""The roles named by design (the ordfører and the kommunedirektør): who claimed them, and the
facilitator's confirmation, without which the gap view shows nobody's ratings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.record import PAIR
from samspill_tui.session.store import StoreError
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.views import plain


class RolesScreen(ModalScreen[None]):
    """Each named role: free, claimed and waiting, or confirmed. Enter confirms, Delete releases
    (that phone chooses a role again)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,R", "dismiss(None)", "Lukk"),
        Binding("delete,backspace", "release", "Frigi"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(plain(t(self.session.lang, "roles.heading")), classes="dialog-heading", markup=False)
            yield OptionList(id="named-roles")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one(OptionList).focus()

    def _show(self) -> None:
        lang, roles = self.session.lang, self.query_one(OptionList)
        index = roles.highlighted or 0
        roles.clear_options()
        for role in PAIR:
            holder = next((p for p in self.session.participants.values() if p.role == role), None)
            state = ("roles.free" if holder is None
                     else "roles.confirmed" if holder.confirmed else "roles.waiting")
            prompt = Text(f"{t(lang, f'role.{role}')}: ", style="bold")
            prompt.append(t(lang, state))
            roles.add_option(Option(prompt, id=holder.id if holder else None, disabled=holder is None))
        roles.highlighted = index

    async def _change(self, release: bool) -> None:
        roles = self.query_one(OptionList)
        if roles.highlighted is None:
            return
        pid = roles.get_option_at_index(roles.highlighted).id
        holder = self.session.participants.get(pid or "")
        if holder is None or holder.role is None:
            return
        try:
            await self.session.set_role(holder.id, None if release else holder.role)
        except StoreError:
            return  # the projector already shows the store warning
        self._show()

    async def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        """Enter (or a click) confirms the highlighted role: this phone is the person named."""
        await self._change(release=False)

    async def action_release(self) -> None:
        """Release the highlighted role: that phone must choose a role again."""
        await self._change(release=True)

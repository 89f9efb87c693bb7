"""The ranking step on the projector: the room's order of the alternatives and how much it agrees."""

from __future__ import annotations

import textwrap

from rich.text import Text

from samspill_tui.i18n import t
from samspill_tui.session.reading import Held, RoleSplit, Standing, Tally, agreement_text
from samspill_tui.tui.vote import VoteView

BAR_WIDTH = 30
WIDE = 70  # narrower than this, no bars: the labels get the room
FIGURE = 11  # the column of mean places or points


def standing_text(standing: Standing, lang: str, width: int, bars: bool = True) -> Text:
    """The alternatives in the group's order in ``width`` cells, each label wrapped, with its mean place
    or points (and, where there is room, a bar for it), then the agreement."""
    places, n = standing.places, len(standing.places)
    points = standing.by_points
    most = max((p.points or 0 for p in places), default=0)
    bar = min(BAR_WIDTH, width // 4) if bars and width >= WIDE else 0
    room = max(12, width - 4 - (bar + 1 if bar else 0) - FIGURE - 1)
    head = t(lang, "sum.points" if points else "sum.mean_rank")
    text = Text()
    text.append(f"{'':{4 + room + 1 + (bar + 1 if bar else 0)}}{head:>{FIGURE}}\n", style="dim")
    for number, place in enumerate(places, 1):
        lines = textwrap.wrap(place.choice.label, room) or [""]
        text.append(f"{number:>2}. ", style="bold")
        text.append(f"{lines[0]:<{room}} ")
        if bar:
            near = (n - place.mean_rank) / (n - 1)  # 1 for always first, 0 for always last
            share = ((place.points or 0) / most if most else 0.0) if points else near
            text.append(f"{'█' * round(share * bar):<{bar}} ", style="bold")
        text.append(f"{place.figure:>{FIGURE}}\n", style="bold")
        for extra in lines[1:]:
            text.append(f"    {extra}\n")
    text.append(agreement_text(lang, standing), style="italic")
    return text


class RankingView(VoteView):
    """A ranking: hidden until revealed, then the room's order (or each role's, with ``v``)."""

    def room(self) -> Standing | Held:
        """The room's order as the policy allows it."""
        return self.session.reading.standing(self.step)

    def split(self) -> RoleSplit[Standing]:
        """The order by role as the policy allows it."""
        return self.session.reading.ranking_by_role(self.step)

    def result_text(self, result: Tally | Standing, width: int) -> Text:
        """The room's order across the view."""
        assert isinstance(result, Standing)
        return standing_text(result, self.session.lang, width - 4)  # the scroll bar, a margin

    def group_text(self, group: Tally | Standing) -> Text:
        """One role's order in its narrow column (no bars)."""
        assert isinstance(group, Standing)
        return standing_text(group, self.session.lang, 40, bars=False)

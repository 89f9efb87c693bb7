"""The ranking step on the projector: the room's order of the alternatives and how much it agrees."""

from __future__ import annotations

from rich.text import Text

from samspill_tui.i18n import t
from samspill_tui.session.reading import Held, RoleSplit, Standing, Tally
from samspill_tui.tui.vote import VoteView

BAR_WIDTH = 30


def standing_text(standing: Standing, lang: str, width: int, bars: bool = True) -> Text:
    """The alternatives in the group's order, each with a bar for its points (or for how near the top
    it was placed on average), then the agreement."""
    text = Text()
    places = standing.places
    most = max((p.points or 0 for p in places), default=0)
    n = len(places)
    bar = max(6, min(BAR_WIDTH, width // 3)) if bars else 0
    room = max(12, width - bar - 20)
    for number, place in enumerate(places, 1):
        share = (place.points or 0) / most if place.points is not None and most else \
            (n - place.mean_rank) / (n - 1) if place.points is None and n > 1 else 0.0
        label = place.choice.label if len(place.choice.label) <= room else place.choice.label[:room - 1] + "…"
        text.append(f"{number:>2}. ", style="bold")
        text.append(f"{label:<{room}} ")
        if bar:
            text.append(f"{'█' * round(share * bar):<{bar}} ", style="bold")
        figure = (t(lang, "ranking.points", n=place.points) if place.points is not None
                  else t(lang, "ranking.mean", rank=f"{place.mean_rank:.1f}".replace(".", ",")))
        text.append(f"{figure}\n")
    w = "–" if standing.agreement is None else f"{standing.agreement:.2f}".replace(".", ",")
    text.append(t(lang, "ranking.agreement", w=w, how=t(lang, standing.agreement_key)), style="italic")
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
        return standing_text(result, self.session.lang, width)

    def group_text(self, group: Tally | Standing) -> Text:
        """One role's order in its narrow column (no bars)."""
        assert isinstance(group, Standing)
        return standing_text(group, self.session.lang, 40, bars=False)

"""The themes of the projector and the presenter console: light and high-contrast by default
(projectors wash out dark themes), dark as an option. Every colour used as text reaches at
least 7:1 against the background.
"""

from __future__ import annotations

from textual.theme import Theme

LIGHT = Theme(
    name="samspill-lys",
    primary="#0B3A82",
    secondary="#33415C",
    accent="#842600",
    warning="#6E4300",
    error="#96001A",
    success="#08532A",
    foreground="#111418",
    background="#FAFAF7",
    surface="#FFFFFF",
    panel="#ECEFF4",
    dark=False,
    text_alpha=1.0,
    variables={
        "text-muted": "auto 75%",
        "footer-key-foreground": "#0B3A82",
        "footer-description-foreground": "#111418",
    },
)

DARK = Theme(
    name="samspill-mørk",
    primary="#8CC4FF",
    secondary="#B9C6D9",
    accent="#FFB870",
    warning="#FFD27A",
    error="#FFA8A8",
    success="#7FE3A2",
    foreground="#F3F4F6",
    background="#111418",
    surface="#1A1F26",
    panel="#232A33",
    dark=True,
    text_alpha=1.0,
    variables={
        "text-muted": "auto 75%",
        "footer-key-foreground": "#8CC4FF",
        "footer-description-foreground": "#F3F4F6",
    },
)

# The ``--theme`` choices and the themes they name.
THEMES = {"light": LIGHT, "dark": DARK}


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b

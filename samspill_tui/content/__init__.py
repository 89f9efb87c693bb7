"""Workshop content: Markdown files parsed into typed, validated objects."""

from samspill_tui.content.library import Library, load_library
from samspill_tui.content.model import (
    Case,
    ContentError,
    Deck,
    Poll,
    PollOption,
    Problem,
    Programme,
    ReflectionSet,
    Statement,
    StepSpec,
)

__all__ = [
    "Case",
    "ContentError",
    "Deck",
    "Library",
    "Poll",
    "PollOption",
    "Problem",
    "Programme",
    "ReflectionSet",
    "Statement",
    "StepSpec",
    "load_library",
]

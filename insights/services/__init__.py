"""Actions on what a community learns about itself: gaps in its knowledge, value stories."""

from insights.services.knowledge import raise_gap, update_gap
from insights.services.stories import tell_reuse_story, tell_value_story

__all__ = ["raise_gap", "tell_reuse_story", "tell_value_story", "update_gap"]

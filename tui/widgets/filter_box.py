"""A one-line filter field: Esc hands the keys back to the list it filters.

Rule: the box posts `FilterBox.Left` and the screen decides where focus goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

__all__ = ["FilterBox"]


class FilterBox(Input):
    """An `Input` that Esc (and ↓) leave."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave the filter", show=False),
        Binding("down", "leave", "Leave the filter", show=False),
    ]

    @dataclass
    class Left(Message):
        """The user left the filter (Esc or ↓)."""

        box: FilterBox

        @property
        def control(self) -> FilterBox:
            return self.box

    def action_leave(self) -> None:
        self.post_message(self.Left(self))

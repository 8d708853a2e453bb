"""The segmenter's steps for the topics a meeting lists: the items under "Følgende ble diskutert:",
"Saksliste:" or "Agenda:" name topics, not measures, until a block that is no item or a numbered item that
starts the count again ("1. Innkalling godkjent …" after "8. Eventuelt": the minutes of the agenda follow).
A mixin of the segmenter (``segment._Segmenter``), which holds ``meeting_topics`` and ``topic_number``.
"""
from __future__ import annotations

from pipeline.models import Block
from pipeline.segment.structure import lists_meeting_topics, number_and_text


class MeetingTopics:
    """Steps for a meeting's topic list; :meth:`meeting_topic` returns True when it consumed the block."""

    def meeting_topic(self, block: Block) -> bool:
        """The block is a topic of the open list, or the lead-in that opens one (both consumed); any other
        block ends the list."""
        if block.kind == "item" and self.meeting_topics and not self._numbering_restarts(block):
            return True
        self.meeting_topics = block.kind == "text" and lists_meeting_topics(block.text)
        self.topic_number = 0
        if self.meeting_topics:
            self.close()
        return self.meeting_topics

    def _numbering_restarts(self, block: Block) -> bool:
        """A numbered item that starts the count again after the topics' last number."""
        number = number_and_text(block)[0]
        if number is None:
            return False
        count = int(number.split(".")[0])
        restarts = 0 < count <= self.topic_number
        self.topic_number = count
        return restarts

"""Staff intents ("những chỉ tiêu chưa đạt năm 2023", "kiểm tra kế hoạch"): answered by the staff tools
over the indexed plans the caller may read (assistant/staff/chat.py), each finding cited."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.schemas import AskResponse
from assistant.staff.chat import intent_of, staff_answer


class StaffIntents:
    name = "staff"

    def run(self, asked: Asked) -> AskResponse | None:
        if intent_of(asked.query.text) is None:
            return None
        plans, missing = asked.index.parsed_documents(asked.doc)
        return staff_answer(asked.query.text, plans, missing)

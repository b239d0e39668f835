"""Staff intents ("những chỉ tiêu chưa đạt năm 2023", "kiểm tra kế hoạch", "kế hoạch của trường có đủ chỉ
tiêu của Sở không?"): answered by the staff tools
over the indexed plans the caller may read (assistant/staff/chat.py), each finding cited."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.schemas import AskResponse
from assistant.staff.chat import intent_of, staff_answer


class StaffIntents:
    name = "staff"

    def run(self, asked: Asked) -> AskResponse | None:
        intent = intent_of(asked.query.text)
        if intent is None:
            return None
        # alignment reads every plan the caller may see: the filtered one is the lower plan
        plans, missing = asked.index.parsed_documents(None if intent == "align" else asked.doc)
        return staff_answer(asked.query.text, plans, missing, lower_doc=asked.doc)

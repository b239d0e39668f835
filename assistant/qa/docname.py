"""The words a document is named by.

Users name the document they ask about in their own words ("Bệnh viện X nhận báo giá gói … từ ngày nào?",
"Theo Công văn 2345, …", "đề án STEM của tỉnh Y giai đoạn 2 …"). Those words match the document's title and its
opening sentence better than the passage that answers, so left alone they pull the answer towards the title
line ("Tên văn bản: …") or the sentence that announces the plan ("X ban hành Kế hoạch … như sau:").

`name_text` gives them: its identity in the header (type, title, number, issuer and its parent, place: the meta
unit's lines, ingest/units.py). The passage choice and the evidence test (assistant/qa/compose.py,
assistant/answering/fact_answers.py) count them as covered by every passage of that document: they tell the
documents apart, and the content words choose the passage.
"""

from __future__ import annotations

from ingest import vocab
from ingest.models import Unit


def meta_lines(meta: Unit) -> list[tuple[str, str]]:
    """(label, line) of each "Label: value" line of a meta unit (ingest/units.py `meta_unit`), in order."""
    return [(line.split(":", 1)[0].strip(), line) for line in meta.text.split("\n") if ":" in line]


def name_text(meta: Unit) -> str:
    """A document's naming text: the identity lines of its meta unit."""
    return "\n".join(line.split(":", 1)[1].strip() for label, line in meta_lines(meta) if label in vocab.NAME_FIELDS)

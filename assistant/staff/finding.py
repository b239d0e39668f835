"""The checker's record: one problem (or note) with the places involved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.staff.common import Cite

Severity = Literal["error", "info"]


@dataclass
class Finding:
    kind: str  # budget_mismatch, percent_mismatch, quantity_conflict, doc_date_conflict, ...
    message_vi: str
    citations: list[Cite] = field(default_factory=list)
    severity: Severity = "error"
    data: dict[str, object] = field(default_factory=dict)  # the key values, for tests and --json

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "severity": self.severity, "message_vi": self.message_vi,
                "citations": [{"label": c.label, "locator": c.locator, "quote": c.quote} for c in self.citations],
                "data": self.data}

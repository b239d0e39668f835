"""One matcher of targets and tasks by their subject, shared by `kehoach compare`, the checker by meaning and
`kehoach align`: shared content words (a word-set cosine) and, when an embedder is given (the project's
`Embedder` protocol: the real e5 model, or the deterministic FakeEmbedder in fast tests), the meaning of the
texts. Embedders differ in scale (e5's cosines of any two Vietnamese sentences are above 0.8, the fake's
spread from 0 to 1), so the meaning is read as a rank: the share of all compared pairs that are less similar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assistant.staff.common import words
from ingest import vocab

if TYPE_CHECKING:
    from assistant.embedder import Embedder


def word_cosine(a: str, b: str) -> float:
    """Shared content words over the geometric mean of both sizes: strict on long vs short texts."""
    wa, wb = words(a), words(b)
    return len(wa & wb) / (len(wa) * len(wb)) ** 0.5 if len(wa) >= 2 and len(wb) >= 2 else 0.0


@dataclass(frozen=True)
class Evidence:
    """Why two subjects were taken for one: the word overlap, the embedding's cosine and its rank."""

    words: float
    meaning: float | None = None  # cosine of the embeddings
    rank: float | None = None  # share of the compared pairs less similar in meaning (0..1)
    shared: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return self.words if self.rank is None else (self.words + self.rank) / 2

    def same_subject(self, min_words: float = vocab.SUBJECT_MIN_WORDS) -> bool:
        """Sure on words alone; otherwise enough shared words and among the closest pairs in meaning."""
        if self.words >= vocab.SUBJECT_SURE_WORDS:
            return True
        if self.words < min_words:
            return False
        return self.rank is None or self.rank >= vocab.SUBJECT_MIN_RANK

    def describe(self) -> str:
        out = f"trùng {self.words:.0%} từ nội dung"
        if self.meaning is not None and self.rank is not None:
            out += f", gần nghĩa {self.meaning:.2f} (hơn {self.rank:.0%} các cặp)"
        if self.shared:
            out += f" — từ chung: {', '.join(self.shared[:8])}"
        return out


class Matcher:
    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder = embedder

    def _meaning(self, left: list[str], right: list[str]) -> np.ndarray | None:
        if self.embedder is None or not left or not right:
            return None
        a, b = self.embedder.embed_passages(left), self.embedder.embed_passages(right)
        return np.asarray(a @ b.T, dtype=np.float64)

    def evidence(self, left: list[str], right: list[str],
                 allowed: Callable[[int, int], bool] | None = None) -> dict[tuple[int, int], Evidence]:
        """Evidence for every allowed (left, right) pair; the rank is among the allowed pairs."""
        keys = [(i, j) for i in range(len(left)) for j in range(len(right)) if allowed is None or allowed(i, j)]
        sims = self._meaning(left, right)
        ranked: dict[tuple[int, int], float] = {}
        if sims is not None and keys:
            values = np.array([sims[i, j] for i, j in keys])
            order = values.argsort().argsort()
            ranked = {k: float(order[n]) / max(len(keys) - 1, 1) for n, k in enumerate(keys)}
        out = {}
        for i, j in keys:
            shared = tuple(sorted(words(left[i]) & words(right[j])))
            out[(i, j)] = Evidence(word_cosine(left[i], right[j]),
                                   float(sims[i, j]) if sims is not None else None, ranked.get((i, j)), shared)
        return out

    def one_to_one(self, left: list[str], right: list[str], min_words: float = vocab.SUBJECT_MIN_WORDS,
                   allowed: Callable[[int, int], bool] | None = None,
                   prefer: Callable[[int, int], bool] | None = None) -> list[tuple[int, int, Evidence]]:
        """Greedy one-to-one pairs of the same subject, best first, returned in left order. `prefer` breaks
        ties of evidence (two figures of one sentence, "5% ở bậc tiểu học, 10% ở bậc trung học")."""
        ev = self.evidence(left, right, allowed)
        scored = sorted(((round(e.score, 3), bool(prefer and prefer(i, j)), e.words, i, j)
                         for (i, j), e in ev.items() if e.same_subject(min_words)),
                        key=lambda t: (-t[0], not t[1], -t[2], t[3], t[4]))
        used_l: set[int] = set()
        used_r: set[int] = set()
        out = []
        for _, _, _, i, j in scored:
            if i in used_l or j in used_r:
                continue
            used_l.add(i)
            used_r.add(j)
            out.append((i, j, ev[(i, j)]))
        return sorted(out)

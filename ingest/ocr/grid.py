"""Ruled-table geometry from a page image (OpenCV + numpy; no OCR here).

A page is binarised (ink = 255), its residual skew measured on long horizontal rules and undone, then the
rules are pulled out by morphology: an opening with a long thin kernel keeps runs of ink longer than any
glyph stroke. Connected rules form table regions. Inside a region, row and column boundaries are the
positions where rules run straight across at least one whole cell (an em dash, an underline or the arc
of a round seal does not); two neighbouring grid cells belong to the same (merged) cell when no rule
separates them. Broken rules only lower a rule's coverage, which is compared with half a cell side, so
small gaps do not split or merge anything. Not handled: tables without vertical rules (at least three,
outer ones included, are needed) and columns outside the outer rules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

Mask = NDArray[Any]  # uint8, 255 = ink (cv2's stubs type every array loosely)

MIN_SKEW_DEG = 0.15  # below this the page is left as it is
MAX_SKEW_DEG = 8.0
SEPARATES = 0.5  # share of a cell side a rule must cover to separate two cells


@dataclass
class Cell:
    r0: int
    r1: int  # last grid row it covers (inclusive)
    c0: int
    c1: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the deskewed image, inside the rules


@dataclass
class Grid:
    bbox: tuple[int, int, int, int]  # the outer rules, in the deskewed image
    xs: list[int]  # column boundaries, left to right
    ys: list[int]  # row boundaries, top to bottom
    cells: list[Cell]
    line: int  # typical rule thickness in pixels

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys) - 1, len(self.xs) - 1


def binarise(gray: Mask) -> Mask:
    """Ink 255 on 0: a local mean threshold (uneven lighting of a scan), and-ed with Otsu's global one so
    that light marks (paper texture, a faint seal) are not ink."""
    block = max(15, (min(gray.shape) // 60) | 1)
    local = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)
    _, otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return cv2.bitwise_and(local, otsu) if otsu.mean() < 128 else local


def _kernels(shape: tuple[int, ...]) -> tuple[int, int]:
    """Shortest runs kept as horizontal / vertical rules: longer than glyph strokes at any resolution."""
    side = min(shape[0], shape[1])
    return max(20, side // 40), max(15, side // 55)


def rules(binary: Mask) -> tuple[Mask, Mask]:
    kh, kv = _kernels(binary.shape)
    h = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (kh, 1)))
    v = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, kv)))
    return h, v


def skew_angle(binary: Mask) -> float:
    """Degrees the page is rotated by (counter-clockwise positive, as cv2 rotates), from its long
    horizontal rules; 0.0 when there are none. Rules are thickened vertically first so a tilted one
    still gives long horizontal runs."""
    kh, _ = _kernels(binary.shape)
    thick = cv2.dilate(binary, np.ones((5, 1), np.uint8))
    h = cv2.morphologyEx(thick, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (kh, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(h, connectivity=8)
    angles: list[tuple[float, float]] = []
    for i in range(1, n):
        x, y, w, hh, _area = (int(v) for v in stats[i])
        if w < binary.shape[1] / 6 or hh > w * math.tan(math.radians(MAX_SKEW_DEG)) + 12:
            continue
        ys, xs = np.nonzero(labels[y : y + hh, x : x + w] == i)
        slope = float(np.polyfit(xs.astype(float), ys.astype(float), 1)[0])
        angles.append((math.degrees(math.atan(slope)), float(w)))
    if not angles:
        return 0.0
    angles.sort()
    half, acc = sum(w for _, w in angles) / 2, 0.0
    for a, wt in angles:  # weighted median: one stray underline does not tilt the page
        acc += wt
        if acc >= half:
            return -a
    return 0.0


def rotation(shape: tuple[int, ...], angle: float) -> NDArray[Any]:
    h, w = shape[0], shape[1]
    return cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)


def deskew(gray: Mask, angle: float) -> Mask:
    if abs(angle) < MIN_SKEW_DEG:
        return gray
    m = rotation(gray.shape, angle)
    return cv2.warpAffine(gray, m, (gray.shape[1], gray.shape[0]), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def unrotate_box(box: tuple[int, int, int, int], shape: tuple[int, ...], angle: float) -> tuple[int, int, int, int]:
    """A box of the deskewed image as the enclosing box in the original image."""
    if abs(angle) < MIN_SKEW_DEG:
        return box
    inv = cv2.invertAffineTransform(rotation(shape, angle))
    x0, y0, x1, y1 = box
    pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], float) @ inv.T
    h, w = shape[0], shape[1]
    return (max(0, int(pts[:, 0].min())), max(0, int(pts[:, 1].min())),
            min(w - 1, int(math.ceil(pts[:, 0].max()))), min(h - 1, int(math.ceil(pts[:, 1].max()))))


def _positions(profile: NDArray[np.float64], least: float) -> list[tuple[int, int]]:
    """Runs (start, end inclusive) of indices where `profile` reaches `least`: one run per rule."""
    on = np.flatnonzero(profile >= least)
    runs: list[tuple[int, int]] = []
    for i in on.tolist():
        if runs and i - runs[-1][1] <= 2:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _covers(mask: Mask, horizontal: bool, at: tuple[int, int], span: tuple[int, int]) -> float:
    """Share of `span` along which `mask` has a rule within the band `at` (across the rule)."""
    a0, a1 = at
    s0, s1 = span
    if s1 <= s0:
        return 0.0
    band = mask[a0 : a1 + 1, s0:s1] if horizontal else mask[s0:s1, a0 : a1 + 1]
    hit = band.any(axis=0 if horizontal else 1)
    return float(hit.mean())


def _straight(mask: Mask, horizontal: bool, at: tuple[int, int], span: tuple[int, int]) -> bool:
    """Does the ink in the band run straight along `span`? A rule's middle drifts by a pixel or two over a
    cell side; the arc of a round seal drifts by its curvature."""
    a0, a1 = at
    s0, s1 = span
    band = (mask[a0 : a1 + 1, s0:s1] if horizontal else mask[s0:s1, a0 : a1 + 1].T) > 0
    hit = band.any(axis=0)
    if hit.sum() < 2:
        return False
    idx = np.arange(band.shape[0], dtype=float)[:, None]
    mid = (band * idx).sum(axis=0)[hit] / band.sum(axis=0)[hit]
    lo, hi = np.percentile(mid, [5, 95])
    return bool(hi - lo <= 3.0)


def _prune(runs: list[tuple[int, int]], others: list[tuple[int, int]], mask: Mask, horizontal: bool,
           pad: int) -> list[tuple[int, int]]:
    """Keep the rules that run straight along at least one whole cell side between two crossing rules (an
    em dash, a stray underline or a seal's arc never does); the outermost crossing rules bound the check."""
    if len(others) < 2:
        return []
    mids = [(a + b) // 2 for a, b in others]
    out = []
    for r0, r1 in runs:
        band = (max(0, r0 - pad), r1 + pad)
        if any(_covers(mask, horizontal, band, side) >= 0.8 and _straight(mask, horizontal, band, side)
               for side in ((p + pad + 1, q - pad) for p, q in zip(mids, mids[1:], strict=False))):
            out.append((r0, r1))
    return out


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _grid(h: Mask, v: Mask, box: tuple[int, int, int, int]) -> Grid | None:
    x0, y0, x1, y1 = box
    hs, vs = h[y0 : y1 + 1, x0 : x1 + 1], v[y0 : y1 + 1, x0 : x1 + 1]
    kh, kv = _kernels(h.shape)
    hruns = _positions(hs.sum(axis=1) / 255.0, kh)
    vruns = _positions(vs.sum(axis=0) / 255.0, kv)
    pad = 2
    for _ in range(2):  # each side's pruning uses the other's rules
        hruns, vruns = _prune(hruns, vruns, hs, True, pad), _prune(vruns, hruns, vs, False, pad)
    if len(hruns) < 2 or len(vruns) < 3:  # at least two columns: a box around a paragraph is no table
        return None
    line = int(np.median([b - a + 1 for a, b in hruns + vruns]))
    ys = [(a + b) // 2 for a, b in hruns]
    xs = [(a + b) // 2 for a, b in vruns]
    nr, nc = len(ys) - 1, len(xs) - 1
    u = _Union(nr * nc)
    for r in range(nr):
        for c in range(nc):
            band_r = (ys[r] + pad + line, ys[r + 1] - pad - line)
            band_c = (xs[c] + pad + line, xs[c + 1] - pad - line)
            if c + 1 < nc:
                vr = vruns[c + 1]
                if _covers(vs, False, (max(0, vr[0] - pad), vr[1] + pad), band_r) < SEPARATES:
                    u.join(r * nc + c, r * nc + c + 1)
            if r + 1 < nr:
                hr = hruns[r + 1]
                if _covers(hs, True, (max(0, hr[0] - pad), hr[1] + pad), band_c) < SEPARATES:
                    u.join(r * nc + c, (r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(u.find(r * nc + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        inner = (x0 + vruns[c0][1] + 1, y0 + hruns[r0][1] + 1, x0 + vruns[c1 + 1][0], y0 + hruns[r1 + 1][0])
        cells.append(Cell(r0, r1, c0, c1, inner))
    cells.sort(key=lambda c: (c.r0, c.c0))
    hgt, wid = h.shape
    outer = (max(0, x0 + vruns[0][0] - pad), max(0, y0 + hruns[0][0] - pad),
             min(wid - 1, x0 + vruns[-1][1] + pad), min(hgt - 1, y0 + hruns[-1][1] + pad))
    return Grid(outer, [x0 + x for x in xs], [y0 + y for y in ys], cells, line)


def find_grids(binary: Mask) -> tuple[list[Grid], Mask]:
    """Grids of the ruled tables of a deskewed binary page, top to bottom, and the mask of all rules."""
    h, v = rules(binary)
    both = cv2.bitwise_or(h, v)
    reach = max(9, min(binary.shape) // 60)  # gaps of a worn rule up to ~1.5% of the page are bridged
    joined = cv2.dilate(both, np.ones((reach, reach), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    kh, kv = _kernels(binary.shape)
    grids = []
    for i in range(1, n):
        x, y, w, hh, _area = (int(s) for s in stats[i])
        if w < 3 * kh or hh < 2 * kv:
            continue
        g = _grid(h, v, (x, y, min(binary.shape[1] - 1, x + w), min(binary.shape[0] - 1, y + hh)))
        if g is not None:
            grids.append(g)
    grids.sort(key=lambda g: g.bbox[1])
    return grids, both

"""Straightening phone photos and crooked scans before OCR (runs in the OCR child, ingest/readers/ocr.py).

Three steps, each run only when a measurement on a reduced copy of the page says it is needed, so a clean
scan costs a few milliseconds and is passed on unchanged:

- warp: the page is a quadrilateral clearly smaller than the frame with darker surroundings (a photo on a
  desk) → four-point perspective correction to a flat rectangle;
- deskew: the text lines lean by more than MIN_SKEW degrees → turned level;
- flatten: the paper's brightness varies across the page (light from a window, a shadow) → divided by
  the estimated background, so Tesseract's global threshold no longer loses the dark side.

OpenCV (opencv-python-headless) does the image work: docs/ocr.md says why.
"""

from __future__ import annotations

from typing import Any

STEPS = ("warp", "deskew", "flatten")
ANALYSIS_SIDE = 1000  # the long side of the reduced copy the measurements are made on
# A page quadrilateral covering more of the frame than this is the scan itself (or a margin trimmed by
# the scanner): nothing to warp. Less than PAGE_MIN is not a page (a form field, a table).
PAGE_MAX = 0.9
PAGE_MIN = 0.2
# ...and what lies around it is darker than the paper inside (median, ink left out) by at least this factor: a desk.
# A table's frame or a border drawn on a scanned page has the same paper on both sides and is not cut to.
SURROUND = 0.75
MIN_SKEW = 0.5  # degrees; Tesseract reads a slight lean well, turning costs a resample
MAX_SKEW = 15.0  # beyond this the "lines" are not text lines (a photo, a diagram)
# The paper is uneven when its darkest part (5th percentile of the background) is under this share of its
# brightest (95th): a scanner lights a page within a few percent, a window across a desk does not.
EVEN_LIGHT = 0.8


def _np(img: Any) -> Any:
    import numpy as np

    return np.asarray(img.convert("L"), dtype=np.uint8)


def _reduced(gray: Any) -> tuple[Any, float]:
    import cv2

    h, w = gray.shape
    scale = min(1.0, ANALYSIS_SIDE / max(h, w))
    if scale == 1.0:
        return gray, 1.0
    return cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA), scale


def page_quad(small: Any, scale: float, bg: Any) -> Any | None:
    """The page's four corners (tl, tr, br, bl, in pixels of the page `small` was reduced from by `scale`)
    when a page lies on a darker background and covers PAGE_MIN–PAGE_MAX of the frame; else None.
    `bg` is background(small)."""
    import cv2
    import numpy as np

    blur = cv2.GaussianBlur(small, (7, 7), 0)
    # Edges, not brightness: under a shadow the paper can be darker than the desk elsewhere in the frame.
    # The page's outline closes around the text's edges, which the dilation joins to it.
    mask = cv2.dilate(cv2.Canny(blur, 30, 90), np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    share = cv2.contourArea(hull) / (small.shape[0] * small.shape[1])
    if not PAGE_MIN <= share <= PAGE_MAX:
        return None
    peri = cv2.arcLength(hull, True)
    for eps in (0.02, 0.03, 0.04, 0.05):
        quad = cv2.approxPolyDP(hull, eps * peri, True)
        if len(quad) == 4:
            break
    else:
        return None  # not a four-sided page (a torn or folded sheet): better read as it is
    inside = np.zeros(small.shape, np.uint8)
    cv2.fillConvexPoly(inside, quad.reshape(4, 2), 1)
    if np.median(bg[inside == 0]) > SURROUND * np.median(bg[inside == 1]):
        return None
    pts = quad.reshape(4, 2).astype(np.float32) / scale
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]], np.float32)


def warp(gray: Any, quad: Any) -> Any:
    """The quadrilateral `quad` (tl, tr, br, bl) flattened to a rectangle of its own size."""
    import cv2
    import numpy as np

    tl, tr, br, bl = quad
    w = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([(0, 0), (w - 1, 0), (w - 1, h - 1), (0, h - 1)], np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def skew_angle(small: Any, bg: Any) -> float:
    """The lean of the text lines in degrees (positive: rising to the right as seen), 0.0 when unsure;
    `small` is the reduced page, `bg` its background()."""
    import cv2
    import numpy as np

    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    # Only ink on paper: the edge of a page lying on a desk would join every line into one shape.
    paper = (bg > 0.6 * np.percentile(bg, 95)).astype(np.uint8)
    ink &= cv2.erode(paper, np.ones((15, 15), np.uint8)) * 255
    # Smear the letters of a line together along the line, not into the next line.
    width = small.shape[1]
    lines = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, max(9, width // 60)), np.uint8))
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    angles, weights = [], []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        if w < width * 0.15 or w < 6 * h:
            continue  # a word or a blot, not a line of text
        vx, vy, _, _ = cv2.fitLine(c, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        angle = float(np.degrees(np.arctan2(vy, vx)))
        angle = (angle + 90) % 180 - 90
        if abs(angle) <= MAX_SKEW:
            angles.append(angle)
            weights.append(w)
    if len(angles) < 3:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])  # weighted by line length
    return -median  # image y runs down: a line going down to the right leans clockwise


def deskew(gray: Any, angle: float) -> Any:
    import cv2

    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def background(small: Any) -> Any:
    """The paper's brightness without the ink (of the reduced page): a closing wider than any stroke."""
    import cv2
    import numpy as np

    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((21, 21), np.uint8))
    return cv2.medianBlur(bg, 21)


def uneven(bg: Any) -> bool:
    import numpy as np

    low, high = np.percentile(bg, [5, 95])
    return bool(low < EVEN_LIGHT * max(high, 1))


def flatten(gray: Any, bg: Any) -> Any:
    """The page divided by its background: paper white everywhere, ink as dark as it was against it."""
    import cv2
    import numpy as np

    full = cv2.resize(np.maximum(bg, 1), (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, full, scale=255.0)  # in 8 bits, saturated: no float copies of a 12 MP photo


def prepare(img: Any, steps: tuple[str, ...] = STEPS) -> tuple[Any, list[str]]:
    """The page ready for OCR and the steps that were needed (of `steps`); `img` itself when none was."""
    from PIL import Image

    gray = _np(img)
    small, scale = _reduced(gray)
    done: list[str] = []
    bg = background(small)
    if "warp" in steps:
        quad = page_quad(small, scale, bg)
        if quad is not None:
            gray = warp(gray, quad)
            small, scale = _reduced(gray)
            bg = background(small)
            done.append("warp")
    if "deskew" in steps:
        angle = skew_angle(small, bg)
        if abs(angle) > MIN_SKEW:
            gray = deskew(gray, angle)
            small, scale = _reduced(gray)
            bg = background(small)
            done.append("deskew")
    if "flatten" in steps and uneven(bg):
        gray = flatten(gray, bg)
        done.append("flatten")
    return (Image.fromarray(gray) if done else img), done

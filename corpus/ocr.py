"""Reading a scanned page by OCR: the optional extra ``wendiff[ocr]`` (RapidOCR with its PP-OCR models).

Rules:

* The engine is RapidOCR (``rapidocr-onnxruntime``, Apache-2.0): its Chinese
  detection and recognition models ship inside its wheel, so nothing is
  downloaded at run time. Chosen by ``bench/bench_ocr.py`` against Tesseract 5
  with ``chi_sim`` (see the README for the figures).
* `available` says whether the extra is installed and OCR is not turned off
  (``WENDIFF_OCR=0``); without it a scanned page is named in a warning that
  names the extra, as before.
* Red ink is taken out of the image first: a seal (公章) stamped over the text
  is not part of it. 丶 read for 、 is put right (`_CONFUSABLE`), and so are the
  single title marks 〈〉 of a title inside a title, read as 《》, <> or ）
  (`corpus.title_marks`: the nesting rule of Chinese punctuation).
* A page is read on one thread: its lines are found on the image scaled to
  `DETECT_SIDE` pixels and read from it scaled to `READ_SIDE`, which holds the
  targets of ``bench/bench_ocr.py`` (≤ 1 % character errors, ≤ 3 CPU-seconds an A4 page).
* `ocr_image` gives a page image's lines top to bottom, each with RapidOCR's
  confidence (0–1) and one confidence for each of its characters (the
  recognizer's probability for it); a character under `LOW_CONFIDENCE` is
  marked uncertain by the reader (a line without character confidences: when
  the line's own is under it). This module is imported only in the OCR child process
  (`corpus.ocr_child`), which holds it to memory and time limits.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import os
from dataclasses import dataclass
from typing import Any

from corpus.document import OCR_EXTRA
from corpus.title_marks import fix_nested_titles

__all__ = ["ENGINE", "EXTRA", "LOW_CONFIDENCE", "OcrLine", "available", "ocr_image"]

ENGINE = "RapidOCR"
EXTRA = OCR_EXTRA
"""How a user gets OCR (named in the warning of a scanned page when it is missing)."""
LOW_CONFIDENCE = 0.9
"""A character (or a line without character confidences) read with less confidence than this is uncertain."""


@dataclass(frozen=True)
class OcrLine:
    """One line OCR read, with its confidence and its top edge on the image (pixels)."""

    text: str
    confidence: float
    top: float
    chars: tuple[float, ...] = ()
    """One confidence for each character of ``text`` (1.0 for the space between two pieces); empty when the
    engine gave none."""


def available() -> bool:
    """Whether scanned pages are read by OCR: the extra is installed and ``WENDIFF_OCR`` is not ``0``."""
    if os.environ.get("WENDIFF_OCR", "").strip() == "0":
        return False
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


DETECT_SIDE = 1200
"""Longest side (pixels) of the image text lines are found on: a page at 200 dpi is scaled down to it (line
finding costs by the pixel; lines of 10.5 pt print are still found whole)."""
READ_SIDE = 2000
"""Longest side of the image the found lines are cut from and read (the recognizer scales each line to 48
pixels high; reading them from the smaller image loses characters)."""
TEXT_SCORE = 0.5
"""A piece read with less confidence than this is left out (RapidOCR's own default: noise, a seal's ring)."""


@functools.cache
def _engine() -> Any:
    """RapidOCR on one thread (the least CPU a page: more threads spin on a shared machine), each line read
    alone (a batch pads its lines to the widest, twice the work), without the orientation step for lines turned
    upside down (a page is read upright)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, rec_batch_num=1, use_cls=False)


def ocr_image(image: Any) -> list[OcrLine]:
    """The lines of a page image (PIL, RGB), top to bottom (`_lines`): found on the image scaled to
    `DETECT_SIDE`, read from it scaled to `READ_SIDE`."""
    import numpy as np

    engine = _engine()
    page = _scaled(_without_red(np.asarray(image)), READ_SIDE)
    small = _scaled(page, DETECT_SIDE)
    boxes, _ = engine.text_det(small)
    if boxes is None or len(boxes) == 0:
        return []
    boxes = (boxes * (page.shape[0] / small.shape[0])).astype(np.float32)
    read, _ = engine.text_rec(engine.get_crop_img_list(page, list(boxes)), True)
    pieces = [
        (box.tolist(), text, score, info[4] if len(info) > 4 else [])
        for box, (text, score, info) in zip(boxes, read, strict=True)
        if score >= TEXT_SCORE and text
    ]
    return _lines(pieces)


def _scaled(pixels: Any, side: int) -> Any:
    """``pixels`` scaled down (area averaging) so that its longest side is at most ``side``."""
    import cv2

    height, width = pixels.shape[:2]
    if max(height, width) <= side:
        return pixels
    ratio = side / max(height, width)
    return cv2.resize(pixels, (round(width * ratio), round(height * ratio)), interpolation=cv2.INTER_AREA)


def _lines(result: list[Any]) -> list[OcrLine]:
    """The lines of the engine's pieces (box, text, confidence[, confidence of each character]): the
    pieces on one row (their heights overlap by half) are one line, left to right, joined by a space, with
    the lowest confidence of its pieces and the confidence of each character."""
    pieces = sorted(
        (min(y for _, y in box), max(y for _, y in box), min(x for x, _ in box), str(text), float(score),
         _char_confidences(str(text), float(score), rest))
        for box, text, score, *rest in result
    )  # fmt: skip
    rows: list[list[tuple[float, float, float, str, float, tuple[float, ...]]]] = []
    for piece in pieces:
        if rows:
            top, bottom = min(p[0] for p in rows[-1]), max(p[1] for p in rows[-1])
            overlap = min(bottom, piece[1]) - max(top, piece[0])
            if overlap > 0.5 * min(bottom - top, piece[1] - piece[0]):
                rows[-1].append(piece)
                continue
        rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p[2])
        text = " ".join(p[3] for p in row).translate(_CONFUSABLE)
        chars: list[float] = []
        for k, piece in enumerate(row):
            chars += [1.0] * (k > 0) + list(piece[5])
        lines.append(OcrLine(text, min(p[4] for p in row), min(p[0] for p in row), tuple(chars)))
    fixed = fix_nested_titles("\n".join(line.text for line in lines)).split("\n")
    return [dataclasses.replace(line, text=text) for line, text in zip(lines, fixed, strict=True)]


def _char_confidences(text: str, score: float, rest: list[Any]) -> tuple[float, ...]:
    """One confidence for each character of a piece: the recognizer's, or the piece's own for each when it
    gave none (or not one a character)."""
    if rest and len(rest[0]) == len(text):
        return tuple(float(c) for c in rest[0])
    return (score,) * len(text)


def _without_red(pixels: Any) -> Any:
    """The image seen through its red channel, as grey: red ink (a seal stamped over the text) turns nearly
    white and is then made white (over `_PAPER`: a seal's own words would be read), black strokes stay black,
    and a stroke under the seal stays dark enough to read."""
    import numpy as np

    red = pixels[..., 0].copy()
    red[red > _PAPER] = 255
    return np.repeat(red[..., None], 3, axis=2)


_PAPER = 200
"""Grey above this (in the red channel) is paper or red ink."""

_CONFUSABLE = str.maketrans({"丶": "、"})
"""Characters the engine reads for others that a Chinese text holds: 丶 (a radical, never in running text)
for the enumeration comma 、."""

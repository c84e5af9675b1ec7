"""Test scans made locally: a directive of our own rendered to page images, degraded, built into PDFs.

Used by tests/test_ocr*.py and benchmarks/ocr_bench.py. The text is written for these tests (no real
document is copied); it has tone marks, a "Số: …/CT-UBND" line, a place-and-date line and I./1./a) headings.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
COLUMN = " | "  # how the readers write a flattened two-column row (a letterhead)

# Each page is a list of lines; a leading "*" marks a bold, centred line.
DIRECTIVE_PAGES: list[list[str]] = [
    [
        "*ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
        "*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "*Độc lập - Tự do - Hạnh phúc",
        "Số: 12/CT-UBND",
        "Hà Giang, ngày 15 tháng 9 năm 2023",
        "*CHỈ THỊ",
        "*Về nhiệm vụ trọng tâm năm học 2023-2024",
        "Năm học 2023-2024 là năm học tiếp tục thực hiện Chương trình giáo dục phổ",
        "thông 2018 ở các lớp 4, lớp 8 và lớp 11. Để thực hiện tốt nhiệm vụ năm học,",
        "Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:",
        "I. NHIỆM VỤ CHUNG",
        "1. Nâng cao chất lượng giáo dục toàn diện",
        "a) Đổi mới phương pháp dạy học theo hướng phát triển phẩm chất và năng lực",
        "của học sinh; tăng cường giáo dục kỹ năng sống, giáo dục đạo đức, lối sống.",
        "b) Tổ chức dạy học hai buổi trên ngày ở những nơi đủ điều kiện về phòng",
        "học và giáo viên; bảo đảm mỗi lớp có không quá 35 học sinh.",
        "2. Phát triển đội ngũ nhà giáo",
        "a) Bồi dưỡng thường xuyên cho 100% giáo viên về kiến thức chuyên môn,",
        "nghiệp vụ sư phạm và kỹ năng ứng dụng công nghệ thông tin.",
    ],
    [
        "b) Tuyển dụng đủ giáo viên dạy môn Tin học, Tiếng Anh và Giáo dục thể",
        "chất cho các trường tiểu học vùng khó khăn.",
        "II. NHIỆM VỤ CỤ THỂ",
        "1. Giáo dục mầm non",
        "a) Duy trì phổ cập giáo dục mầm non cho trẻ em năm tuổi; huy động trẻ",
        "từ ba đến năm tuổi ra lớp đạt tỷ lệ 95% trở lên.",
        "b) Bảo đảm an toàn tuyệt đối về thể chất và tinh thần cho trẻ; kiểm tra",
        "định kỳ bếp ăn bán trú, nguồn nước sạch và vệ sinh môi trường.",
        "2. Giáo dục phổ thông",
        "a) Tổ chức ôn tập cho học sinh lớp 9 và lớp 12 trước các kỳ thi tuyển sinh",
        "và tốt nghiệp; chú trọng học sinh có hoàn cảnh khó khăn.",
        "b) Phòng chống bạo lực học đường; xây dựng trường học hạnh phúc, thân",
        "thiện, an toàn cho học sinh người dân tộc thiểu số ở vùng sâu, vùng xa.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Giám đốc Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành và Ủy",
        "ban nhân dân các huyện, thành phố triển khai thực hiện Chỉ thị này; báo",
        "cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 30 tháng 6 năm 2024.",
    ],
]


def page_text(page: list[str]) -> str:
    return "\n".join(line.lstrip("*") for line in page)


def directive_text() -> str:
    """The directive as a text file (its text-layer twin)."""
    return "\n".join(page_text(p) for p in DIRECTIVE_PAGES) + "\n"


def render_page(lines: list[str], dpi: int = 300) -> Image.Image:
    """An A4 page, 13 pt DejaVu Sans, black on white, greyscale."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    size = round(13 / 72 * dpi)
    font, bold = ImageFont.truetype(FONT, size), ImageFont.truetype(FONT_BOLD, size)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    margin, y = round(0.9 * dpi), round(0.8 * dpi)
    for line in lines:
        if line.startswith("*"):
            text = line[1:]
            w = draw.textlength(text, font=bold)
            draw.text(((width - w) / 2, y), text, font=bold, fill=0)
        elif COLUMN in line:
            # A letterhead row as the readers flatten it ("UBND TỈNH … | CỘNG HÒA …"): printed as the two columns
            # it came from, the right one against the right margin, stacked when they would overlap.
            left, _, right = line.partition(COLUMN)
            w = draw.textlength(right, font=font)
            if margin + draw.textlength(left, font=font) + size * 2 < width - margin - w:
                draw.text((margin, y), left, font=font, fill=0)
            else:
                draw.text((margin, y), left, font=font, fill=0)
                y += round(size * 1.55)
            draw.text((width - margin - w, y), right, font=font, fill=0)
        else:
            draw.text((margin, y), line, font=font, fill=0)
        y += round(size * 1.55)
    return img


LINES_PER_PAGE = 32  # render_page's 13 pt lines at 1.55 spacing between its top and bottom margins


def text_pages(text: str, dpi: int = 300) -> list[list[str]]:
    """Any text laid out as render_page pages: each line wrapped between the margins at word boundaries."""
    font = ImageFont.truetype(FONT, round(13 / 72 * dpi))
    width = round(8.27 * dpi) - 2 * round(0.9 * dpi)
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    lines: list[str] = []
    for raw in text.split("\n"):
        if COLUMN in raw:  # a letterhead row: render_page prints its two columns
            lines.append(raw)
            continue
        current = ""
        for word in raw.split():
            longer = f"{current} {word}".strip()
            if current and measure.textlength(longer, font=font) > width:
                lines.append(current)
                current = word
            else:
                current = longer
        lines.append(current)
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]


def degrade(img: Image.Image, kind: str, seed: int = 7) -> Image.Image:
    """One of: clean, noise, rotate, blur, jpeg, grey, all (every degradation at once)."""
    rng = random.Random(seed)
    kinds = ["grey", "rotate", "blur", "noise", "jpeg"] if kind == "all" else [kind]
    out = img
    for k in kinds:
        if k == "grey":  # a grey, slightly uneven paper: ink stays dark
            out = out.point(lambda v: 70 + v * 130 // 255 if v > 128 else v // 3)
        elif k == "rotate":
            out = out.rotate(rng.choice([-1, 1]) * rng.uniform(1.0, 2.0), expand=False, fillcolor=255)
        elif k == "blur":
            out = out.filter(ImageFilter.GaussianBlur(radius=out.width / 2480 * 1.2))
        elif k == "noise":
            noise = Image.effect_noise(out.size, 40).point(
                lambda v: 0 if v < 12 else (255 if v > 243 else 128)
            )
            out = Image.composite(noise, out, noise.point(lambda v: 255 if v != 128 else 0))
        elif k == "jpeg":
            buf = io.BytesIO()
            out.save(buf, "JPEG", quality=35)
            out = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return out


def images_to_pdf(images: list[Image.Image], path: Path, dpi: int = 300) -> Path:
    first, *rest = [im.convert("RGB") if im.mode not in ("L", "RGB") else im for im in images]
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return path


def text_pdf_page(pdf: object, lines: list[str]) -> None:
    """Add one text-layer page to an fpdf2 FPDF (the same lines as a scan page)."""
    pdf.add_page()  # type: ignore[attr-defined]
    for line in lines:
        pdf.set_font("dv", "B" if line.startswith("*") else "", 12)  # type: ignore[attr-defined]
        pdf.cell(0, 7, line.lstrip("*"), new_x="LMARGIN", new_y="NEXT",  # type: ignore[attr-defined]
                 align="C" if line.startswith("*") else "L")  # fmt: skip


def mixed_pdf(path: Path, dpi: int = 300) -> Path:
    """Page 1 a text layer, page 2 a scan (image only)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    text_pdf_page(pdf, DIRECTIVE_PAGES[0])
    buf = io.BytesIO()
    render_page(DIRECTIVE_PAGES[1], dpi).save(buf, "PNG")
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def strip_marks(text: str) -> str:
    """The text as an OCR run that did not know Vietnamese leaves it: "Chỉ thị" → "Chi thi"."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in bare if not unicodedata.combining(c))


def unmarked_layer_pdf(path: Path, dpi: int = 200) -> Path:
    """Scanned pages that carry an invisible text layer without marks (an earlier OCR run's), as searchable
    PDFs from a copier often do."""
    from fpdf import FPDF
    from fpdf.enums import TextMode

    pdf = FPDF(format="A4")
    for page in DIRECTIVE_PAGES:
        buf = io.BytesIO()
        render_page(page, dpi).save(buf, "PNG")
        pdf.add_page()
        pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210, h=297)
        pdf.text_mode = TextMode.INVISIBLE
        pdf.set_font("helvetica", "", 12)
        pdf.set_xy(20, 20)
        for line in page:
            pdf.cell(0, 7, strip_marks(line.lstrip("*")), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def text_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    for page in DIRECTIVE_PAGES:
        text_pdf_page(pdf, page)
    pdf.output(str(path))
    return path


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def char_accuracy(reference: str, hypothesis: str) -> float:
    """1 − character error rate (Levenshtein distance / reference length), NFC, whitespace folded."""
    ref, hyp = _norm(reference), _norm(hypothesis)
    prev = list(range(len(hyp) + 1))
    for i, rc in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, hc in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (rc != hc))
        prev = cur
    return max(0.0, 1 - prev[-1] / max(1, len(ref)))


# Digits drawn as pen strokes on a 0..1 box (x right, y down): a number filled in by hand on a printed form.
_PEN_DIGITS = {
    "1": [(0.3, 0.2), (0.6, 0.02), (0.55, 0.98)],
    "2": [(0.1, 0.25), (0.3, 0.05), (0.7, 0.05), (0.9, 0.25), (0.8, 0.5), (0.1, 0.95), (0.95, 0.95)],
    "9": [
        (0.85, 0.3),
        (0.6, 0.05),
        (0.25, 0.1),
        (0.15, 0.35),
        (0.35, 0.55),
        (0.8, 0.45),
        (0.85, 0.3),
        (0.75, 0.95),
    ],
}


def handwritten_number_page(digits: str, dpi: int = 200, scale: float = 1.15, seed: int = 3) -> Image.Image:
    """Page 1 of the directive with its "Số:" left blank and `digits` written in by hand (jittered pen strokes)."""
    lines = [line if not line.startswith("Số:") else "Số:         /CT-UBND" for line in DIRECTIVE_PAGES[0]]
    img = render_page(lines, dpi)
    size = round(13 / 72 * dpi)
    draw = ImageDraw.Draw(img)
    x = round(0.9 * dpi) + draw.textlength("Số: ", font=ImageFont.truetype(FONT, size))
    y = round(0.8 * dpi) + 3 * round(size * 1.55) + size * (1 - scale) * 0.5
    h, rng = size * scale, random.Random(seed)
    for ch in digits:
        points = [(x + px * h * 0.6 + rng.uniform(-0.04, 0.04) * h, y + py * h + rng.uniform(-0.04, 0.04) * h)
                  for px, py in _PEN_DIGITS[ch]]  # fmt: skip
        draw.line(points, fill=40, width=max(2, round(h / 9)), joint="curve")
        x += h * 0.75
    return img


def phone_photo(
    page: Image.Image,
    seed: int = 5,
    tilt: float = 3.0,
    keystone: float = 0.06,
    side: float = 0.06,
    quality: int = 80,
) -> Image.Image:
    """`page` photographed with a phone: on a darker desk, seen at an angle from above and the left (the far
    edges `keystone` and `side` shorter), `tilt`° turned, lit from one side (brightness falling to ~50 % across
    the frame), the soft shadow of the hand and phone across the text, slightly out of focus, saved as JPEG."""
    import cv2
    import numpy as np

    rng = random.Random(seed)
    w, h = page.size
    fw, fh = round(w * 1.3), round(h * 1.2)  # the frame: the page fills ~65 % of it
    cx, cy = fw / 2, fh / 2
    # The page's corners: centred, turned by `tilt`, the top edge farther from the camera (narrower).
    shrink, aside = keystone * w, side * h  # the top edge (and with `side`, the left edge) farther away
    corners = [
        (-w / 2 + shrink, -h / 2 + aside),
        (w / 2 - shrink, -h / 2),
        (w / 2, h / 2),
        (-w / 2, h / 2 - aside),
    ]
    a = np.deg2rad(tilt)
    dst = np.array(
        [(cx + x * np.cos(a) - y * np.sin(a) + rng.uniform(-0.01, 0.01) * w,
          cy + x * np.sin(a) + y * np.cos(a) + rng.uniform(-0.01, 0.01) * h) for x, y in corners], np.float32
    )  # fmt: skip
    src = np.array([(0, 0), (w, 0), (w, h), (0, h)], np.float32)
    desk = np.clip(np.random.default_rng(seed).normal(75, 6, (fh, fw)), 0, 255).astype(np.float32)
    warped = cv2.warpPerspective(np.asarray(page.convert("L"), np.float32), cv2.getPerspectiveTransform(src, dst),
                                 (fw, fh), borderMode=cv2.BORDER_CONSTANT, borderValue=-1.0)  # fmt: skip
    frame = np.where(warped >= 0, warped * 0.92, desk)  # paper a little grey under room light
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 1.0 - 0.5 * (0.7 * xx / fw + 0.3 * yy / fh)  # a window on the left
    shadow = np.exp(-(((xx - 0.4 * fw) / (0.25 * fw)) ** 2 + ((yy - 0.35 * fh) / (0.2 * fh)) ** 2))
    light *= 1.0 - 0.55 * shadow
    frame = cv2.GaussianBlur(np.clip(frame * light, 0, 255), (0, 0), 1.0)
    buf = io.BytesIO()
    Image.fromarray(frame.astype(np.uint8)).convert("RGB").save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))

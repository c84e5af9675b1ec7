"""Pydantic request/response models of the HTTP API (they make /openapi.json complete)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator


def _encodable(value: str | None) -> str | None:
    # JSON may carry lone surrogates ("\ud800"); they cannot be encoded back to UTF-8, reject them early.
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("invalid characters") from exc
    return value


class AskRequestBase(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: str
    province: str | None = Field(
        default=None, max_length=100, description="Tỉnh/thành; bỏ trống = tất cả", examples=["An Giang"]
    )
    school_year: str | None = Field(
        default=None, max_length=20, description="Năm học; bỏ trống = mới nhất", examples=["2023-2024"]
    )

    conversation_id: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]*$",
        description="Mã cuộc hội thoại do máy chủ cấp ở câu trả lời trước; bỏ trống = câu hỏi mới",
    )

    _check = field_validator("question", "province", "school_year")(_encodable)


def ask_request_model(max_chars: int) -> type[AskRequestBase]:
    """The request model with the configured question length limit (so OpenAPI shows maxLength)."""
    return create_model(
        "AskRequest",
        __base__=AskRequestBase,
        question=(
            str,
            Field(
                min_length=1,
                max_length=max_chars,
                description="Câu hỏi của thầy cô",
                examples=["Năm học này đẩy mạnh chuyển đổi số thế nào?"],
            ),
        ),
    )


class CitationOut(BaseModel):
    doc_id: str
    doc_type: str
    doc_number: str | None
    title: str
    issuer: str | None
    province: str | None
    school_year: str | None
    issued_date: str | None
    section: str
    section_title: str
    text: str
    score: float
    section_ordinal: int
    label: str = Field(description="Nhãn trích dẫn đọc được: số văn bản, cơ quan, ngày, mục")


class AnswerOut(BaseModel):
    question: str
    found: bool
    answer: str
    notes: list[str]
    citations: list[CitationOut]
    understood_as: str | None = Field(
        default=None, description="Câu hỏi đầy đủ mà câu hỏi nối tiếp được hiểu thành (null nếu hỏi độc lập)"
    )
    conversation_id: str | None = Field(default=None, description="Gửi lại ở câu hỏi sau để hỏi tiếp")
    small_talk: bool = Field(
        default=False,
        description="Lời đáp lời chào/cảm ơn, không phải câu trả lời từ văn bản (không phải từ chối)",
    )


class OcrOut(BaseModel):
    """Pages read by OCR and Tesseract's mean word confidence (0–100); low_pages need checking."""

    pages: list[int]
    mean_confidence: float
    low_pages: list[int]
    skipped: list[int] = []


class DocumentOut(BaseModel):
    id: str
    doc_type: str
    doc_number: str | None
    issuer: str | None
    province: str | None
    issued_date: str | None
    school_year: str | None
    title: str
    source: str
    ocr: OcrOut | None = None  # only for documents with scanned pages


class SectionOut(BaseModel):
    path: str
    title: str
    text: str
    ordinal: int


class DocumentDetailOut(DocumentOut):
    sections: list[SectionOut]


class SectionSourceOut(BaseModel):
    doc_id: str
    ordinal: int
    path: str
    title: str
    label: str
    text: str = Field(description="Toàn văn mục, kể cả các mục con")


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


def error_json(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


# Every route may answer with these; listed so clients see the error shape in /openapi.json.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Thiếu hoặc sai X-API-Key"},
    422: {"model": ErrorOut, "description": "Dữ liệu gửi lên không hợp lệ"},
    500: {"model": ErrorOut, "description": "Lỗi máy chủ"},
}


FIELD_NAMES = {
    "question": "Câu hỏi",
    "province": "Tỉnh/thành",
    "school_year": "Năm học",
    "doc_id": "Mã văn bản",
    "ordinal": "Số thứ tự mục",
    "conversation_id": "Mã cuộc hội thoại",
}


def validation_message(errors: list[Any]) -> tuple[str, str]:
    """(code, Vietnamese message naming the field) for the first pydantic error."""
    if not errors:
        return "validation_error", "Dữ liệu gửi lên không hợp lệ."
    err = errors[0]
    kind = str(err.get("type", ""))
    loc = [str(x) for x in err.get("loc", ())]
    ctx = err.get("ctx") or {}
    if kind == "json_invalid":
        return "invalid_json", "Nội dung yêu cầu không phải JSON hợp lệ."
    if loc == ["body"] or len(loc) < 2:
        if kind == "missing":
            return "invalid_json", "Thiếu nội dung yêu cầu (JSON)."
        return "invalid_json", 'Nội dung yêu cầu phải là một đối tượng JSON, ví dụ {"question": "..."}.'
    field = loc[-1]
    name = FIELD_NAMES.get(field, f"Trường “{field}”")
    if kind == "string_too_long":
        return "validation_error", f"{name} dài quá {ctx.get('max_length', '')} ký tự."
    if kind == "string_too_short":
        return "validation_error", f"{name} không được để trống."
    if kind == "missing":
        return "validation_error", f"Thiếu {name.lower()} (trường “{field}”)."
    if kind == "string_type":
        return "validation_error", f"{name} phải là chuỗi ký tự."
    if kind.startswith("int_"):
        return "validation_error", f"{name} phải là số nguyên không âm."
    if kind == "value_error":
        return "validation_error", f"{name} chứa ký tự không hợp lệ."
    return "validation_error", f"Giá trị của {name.lower()} không hợp lệ."

"""GET /v1/calendar (JSON, as `nhiemvu calendar --json`) and GET /v1/calendar.ics (iCalendar), in the scope asked."""

# No `from __future__ import annotations`: FastAPI reads the query parameters from the signature.
from datetime import date
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.answer.api import AnswerServiceAPI
from bot.calendar.book import Entry, book_for
from bot.calendar.ics import to_ics

YEAR_PATTERN = r"^(19|20)\d\d-(19|20)\d\d$"


def calendar_router(service: AnswerServiceAPI) -> APIRouter:
    router = APIRouter(tags=["lịch"])

    def entries(
        province: str | None, school_year: str | None, start: date | None, end: date | None
    ) -> list[Entry]:
        return book_for(service.list_documents()).select(province or None, school_year or None, start, end)

    province_q = Query(None, max_length=100, description="Tỉnh/thành; văn bản của Bộ áp dụng mọi tỉnh")
    year_q = Query(None, pattern=YEAR_PATTERN, description="Năm học, ví dụ 2026-2027")
    from_q = Query(None, alias="from", description="Từ ngày (YYYY-MM-DD)")
    to_q = Query(None, alias="to", description="Đến ngày (YYYY-MM-DD)")

    @router.get("/v1/calendar", response_model=list[dict[str, Any]], summary="Các mốc, hạn trong văn bản")
    async def calendar(
        province: str | None = province_q,
        school_year: str | None = year_q,
        start: date | None = from_q,
        end: date | None = to_q,
    ) -> Any:
        found = await run_in_threadpool(entries, province, school_year, start, end)
        return [e.to_dict() for e in found]

    @router.get("/v1/calendar.ics", summary="Lịch dạng iCalendar (nhập vào ứng dụng lịch)")
    async def calendar_ics(
        province: str | None = province_q,
        school_year: str | None = year_q,
        start: date | None = from_q,
        end: date | None = to_q,
    ) -> Response:
        found = await run_in_threadpool(entries, province, school_year, start, end)
        name = " ".join(p for p in ("Lịch năm học", school_year, province) if p)
        return Response(
            to_ics(found, name),
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="lich-nam-hoc.ics"'},
        )

    return router

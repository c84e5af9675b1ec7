"""The plain recipe used as the baseline in every figure: chunking, BM25 ranking and its scoring."""

from __future__ import annotations

from pathlib import Path

from benchmarks.plain_recipe import PlainRecipe, evaluate, load_docs


def test_recipe_ranks_the_chunk_with_the_question_words_first(tmp_path: Path) -> None:
    filler = "Các đơn vị tiếp tục thực hiện nghiêm túc các nhiệm vụ được giao. " * 30
    (tmp_path / "a.txt").write_text(filler + "Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 99,5%.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        filler + "Sửa chữa 120 phòng học xuống cấp trước mùa mưa.", encoding="utf-8"
    )
    (tmp_path / "README.md").write_text("Tỷ lệ huy động trẻ 5 tuổi", encoding="utf-8")
    docs = load_docs([tmp_path])
    assert [name for name, _ in docs] == ["a.txt", "b.txt"]  # README describes the folder, as for ingest
    recipe = PlainRecipe(docs)
    assert all(len(c.text) <= 1000 for c in recipe.chunks)
    hits = recipe.search("tỷ lệ huy động trẻ 5 tuổi ra lớp", k=3)
    assert hits[0].name == "a.txt" and "99,5%" in hits[0].text
    report = evaluate(
        recipe,
        [
            {"kind": "fact", "question": "sửa chữa bao nhiêu phòng học", "evidence": ["120 phòng học"]},
            {"kind": "refuse", "question": "lương cơ sở", "evidence": []},
        ],
    )
    assert report == {"n": 1, "hit@1": 1.0, "hit@3": 1.0, "hit@5": 1.0}

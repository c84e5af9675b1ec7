"""Question words: function words judged with tone marks, named documents masked, and quotes that never stop
at a heading's marker."""

from __future__ import annotations

from datetime import date

from bot.answer.extractive import folded_weights, is_heading, query_weights, quote, split_units
from bot.answer.figures import wanted_statement
from bot.answer.focus import focus_terms
from bot.ranking.terms import content_terms
from bot.understanding.query import understand


def test_function_words_are_judged_with_tone_marks() -> None:
    question = "Kỳ thi tuyển sinh có thì cơ sở đầu tư máy đá bảo hiểm trọng tâm nhu cầu năm nay"
    toned = content_terms(question, marked=True)
    # Folding merges these content words with "thì", "có", "đâu", "mấy", "đã", "bao", "trong", "như".
    for word in ("thi", "cơ", "đầu", "máy", "đá", "bảo", "trọng", "nhu"):
        assert word in toned, word
    for word in ("có", "thì", "năm", "nay"):
        assert word not in toned, word
    # The particles that end a question politely or casually are no words of it.
    assert content_terms("Mức điều chỉnh là bao nhiêu ạ? Làm thế nào vậy nhỉ", marked=True) == [
        "mức",
        "điều",
        "chỉnh",
    ]
    # Returned folded for sentence matching, still judged with the tone marks the question was typed with.
    assert content_terms("kỳ thi có", marked=False, toned=True) == ["ky", "thi"]
    # A unit written against its figure is a word of its own; a chemical formula or a code is not split.
    assert content_terms("tồn 840kg, Anfo 3.185kg; NH4NO3, QH15") == [
        "ton",
        "840",
        "kg",
        "anfo",
        "kg",
        "nh4no3",
        "qh15",
    ]
    # Hyphens join words that are read apart: "COVID-19" is "covid" to a question typed "covid".
    assert content_terms("phòng, chống dịch COVID-19; Sở GD-ĐT") == [
        "phong",
        "chong",
        "dich",
        "covid",
        "19",
        "so",
        "gd",
        "dt",
    ]
    # Typed without tone marks, "thi" may be "thì": dropped as before.
    assert content_terms("ky thi co", marked=False) == ["ky"]


def test_the_small_words_of_spoken_vietnamese_are_no_words_of_the_question() -> None:
    # A classifier, "mình" for "our", "mà", "luôn", "rồi", "xong" and the softeners: documents do not write them, so
    # counted as the question's words they would lower the coverage of the passage that answers.
    spoken = "Cái bản đồ mình nộp rồi mà làm xong luôn thì cất ở đâu nha"
    assert content_terms(spoken, marked=True) == ["bản", "đồ", "nộp", "cất"]
    # Typed without marks, only the words that fold onto no word of the sector ("mình" is also "minh bạch").
    assert content_terms("ban do nop xong luon", marked=False) == ["ban", "nop"]


def test_folded_weights_keep_the_heavier_spelling() -> None:
    weights = folded_weights({"cơ": 3.0, "có": 0.5, "sở": 1.0})
    assert weights == {"co": 3.0, "so": 1.0}


def test_a_heading_marker_is_never_a_sentence_of_its_own() -> None:
    units = split_units("Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Điều 3. Chánh Văn phòng thi hành.")
    assert units == ["Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "Điều 3. Chánh Văn phòng thi hành."]
    assert split_units("II.\nNHIỆM VỤ CỤ THỂ\n1. Giáo viên dạy đủ tiết.") == [
        "II. NHIỆM VỤ CỤ THỂ",
        "1. Giáo viên dạy đủ tiết.",
    ]
    # An article of a Quyết định has no title of its own: its one sentence is read as the heading. The quote is
    # that sentence, not the bare "Điều 2.".
    title = "Quyết định này có hiệu lực kể từ ngày ký và áp dụng từ khóa tuyển sinh năm 2024"
    text = f"Điều 2. {title}."
    out = quote(text, query_weights(["ap", "dung", "khoa", "tuyen", "sinh"], {}), titles=[title])
    assert "khóa tuyển sinh năm 2024" in out


def test_an_item_written_on_one_run_quotes_its_first_sentence() -> None:
    # "b) …" with more text on the same line takes its first sentence as its title, yet that sentence is what the
    # item says; a heading on a line of its own, with or without a full stop, is never the quote when the text
    # says more.
    title = "Ủy ban nhân dân các tỉnh khẩn trương tiếp nhận các thủ tục đã được phân cấp, tuyệt đối không để gián đoạn"
    text = f"b) {title}. Trong quá trình thực hiện, nếu có vướng mắc, kịp thời báo cáo các bộ quản lý ngành."
    weights = query_weights(["tinh", "thu", "tuc", "phan", "cap"], {})
    assert "tuyệt đối không để gián đoạn" in quote(text, weights, titles=[title])
    assert not is_heading(f"“b) {title}.”", [title], text)
    for heading in (
        "Tiếp nhận các thủ tục đã được phân cấp",
        "Thứ hai, tiếp nhận các thủ tục đã được phân cấp.",
    ):
        text = f"{heading}\nCác tỉnh bố trí đủ công chức tiếp nhận hồ sơ."
        weights = query_weights(["tiep", "nhan", "thu", "tuc", "phan", "cap"], {})
        title = "Tiếp nhận các thủ tục đã được phân cấp"
        assert quote(text, weights, titles=[title]).startswith("Các tỉnh bố trí"), heading
        assert is_heading(f"“{heading}”", [title], text)


def test_a_named_documents_type_code_selects_the_document_not_the_passage() -> None:
    today = date(2026, 12, 3)
    for question in (
        "CV 6987/SNNMT-KS yêu cầu công ty làm gì với kế hoạch quản lý rủi ro?",
        "Công văn số 6987/SNNMT-KS yêu cầu công ty làm gì với kế hoạch quản lý rủi ro?",
    ):
        terms = focus_terms(understand(question, today))
        assert "cv" not in terms and "van" not in terms, terms
        assert {"ke", "hoach", "rui", "ro"} <= set(terms)
    # Without a named document "công văn" is what the question is about.
    assert "van" in focus_terms(understand("Công văn đến phải vào sổ trong mấy ngày?", today))


def test_an_issuer_or_school_named_chooses_the_document_not_the_passage() -> None:
    today = date(2026, 12, 3)
    # The issuer's short form is masked; its long form would otherwise come back as words of the question.
    assert focus_terms(understand("Sở GD&ĐT yêu cầu gì về dạy thêm?", today), marked=True) == ["dạy", "thêm"]
    # A school named by its level and proper name, as a province is, when the library writes the name: its
    # passages all do. One it does not write stays words of the question (the gate must see nothing answers).
    question = "Học phí trường THPT Chu Văn An là bao nhiêu một tháng ạ?"
    writes = {"Chu Văn An"}.__contains__
    assert focus_terms(understand(question, today, (), writes), marked=True) == ["học", "phí", "tháng"]
    assert {"chu", "văn", "an"} <= set(
        focus_terms(understand(question, today, (), lambda _: False), marked=True)
    )
    # A level with no proper name is what the question is about ("các trường THPT"), and so is its long form.
    terms = focus_terms(understand("Các trường THPT cần làm gì về dạy thêm?", today), marked=True)
    assert {"trường", "thpt", "trung", "phổ"} <= set(terms)


def test_a_letters_addressees_are_never_the_quote() -> None:
    # "Kính gửi:" and the bodies under it say who receives the letter; they repeat its words ("Ban Thi đua" in a
    # letter about thi đua) without saying anything of them. The letter's own sentence is quoted.
    text = "\n".join(
        [
            "Kính gửi:",
            "- Sở Nội vụ tỉnh Hà Giang;",
            "- Ban Thi đua Khen thưởng tỉnh Hà Giang.",
            "Sở Giáo dục và Đào tạo đăng ký chỉ tiêu thi đua năm học 2026-2027 như sau: 100% trường đạt chuẩn.",
        ]
    )
    weights = query_weights(["thi", "đua", "ban", "khen", "thưởng"], {})
    assert quote(text, weights).startswith("Sở Giáo dục và Đào tạo đăng ký chỉ tiêu thi đua")
    assert "Kính gửi" not in quote(
        "Kính gửi: Ban Thi đua Khen thưởng tỉnh.\nKế hoạch thi đua năm học mới.", weights
    )


def test_a_table_row_is_read_and_quoted_with_its_header() -> None:
    # A flattened table: its rows do not write "lệ phí", the header row names the column they fill.
    text = (
        "2. Các khoản thu khi dự thi\n"
        "STT Đối tượng Lệ phí dự thi Lệ phí cấp chứng chỉ\n"
        "1 Học sinh của trường 200.000đ 2 Thí sinh tự do 450.000đ\n"
        "Thí sinh nộp lệ phí dự thi tại phòng Tài vụ của trường."
    )
    intent = understand("Lệ phí dự thi bao nhiêu tiền?", date(2026, 12, 3))
    weights = query_weights(focus_terms(intent), {})
    quoted = quote(text, weights, wanted=wanted_statement(intent))
    assert quoted.startswith("STT Đối tượng Lệ phí dự thi") and "450.000đ" in quoted

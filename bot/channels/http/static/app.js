// Web chat for "Hỏi đáp nhiệm vụ năm học". No framework, no build step.
// Every piece of server text is inserted with textContent (document text is never parsed as HTML).
(function () {
  "use strict";

  var $ = function (sel) { return document.querySelector(sel); };
  var form = $("#ask-form");
  var input = $("#question");
  var button = $("#ask");
  var messages = $("#messages");
  var province = $("#province");
  var schoolYear = $("#school-year");
  var newConversation = $("#new-conversation");
  var sectionCache = {};  // "docId/ordinal" -> Promise of the section's full text
  // One conversation per browser tab session: the server issues the id with the first answer, and a
  // follow-up ("còn năm học 2019-2020 thì sao?") sends it back. "Câu hỏi mới" forgets it.
  var CONVERSATION_KEY = "nhiemvu.conversation_id";
  var store = (function () {
    try { return window.sessionStorage; } catch (e) { return null; }  // storage blocked in some iframes
  })();
  var conversationId = store ? store.getItem(CONVERSATION_KEY) : null;

  function setConversation(id) {
    conversationId = id || null;
    if (store) {
      try {
        if (conversationId) store.setItem(CONVERSATION_KEY, conversationId);
        else store.removeItem(CONVERSATION_KEY);
      } catch (e) { /* keep it in memory only */ }
    }
    newConversation.hidden = !conversationId;
  }

  if (new URLSearchParams(location.search).get("embed") === "1") {
    document.body.classList.add("embed");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function scrollDown(node) {
    if (node && node.scrollIntoView) node.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  // Relative URLs so the app also works behind a path prefix (https://so.example.vn/hoidap/).
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (data) {
        if (!resp.ok) throw new Error(data && data.error ? data.error.message : "Lỗi " + resp.status);
        return data;
      });
    });
  }

  function fillSelect(select, values) {
    values.forEach(function (value) {
      var option = el("option", null, value);
      option.value = value;
      select.appendChild(option);
    });
  }

  function loadFilters() {
    getJSON("v1/documents").then(function (docs) {
      var provinces = {}, years = {};
      (docs || []).forEach(function (d) {
        if (d.province) provinces[d.province] = true;
        if (d.school_year) years[d.school_year] = true;
      });
      fillSelect(province, Object.keys(provinces).sort(function (a, b) { return a.localeCompare(b, "vi"); }));
      fillSelect(schoolYear, Object.keys(years).sort().reverse());
    }).catch(function () { /* the selectors keep "Tất cả" / "Mới nhất"; asking still works */ });
  }

  function sectionText(citation) {
    var key = citation.doc_id + "/" + citation.section_ordinal;
    if (!sectionCache[key]) {
      sectionCache[key] = getJSON("v1/documents/" + encodeURIComponent(citation.doc_id) + "/sections/" +
                                  encodeURIComponent(citation.section_ordinal)).then(function (s) { return s.text; });
      sectionCache[key].catch(function () { delete sectionCache[key]; });
    }
    return sectionCache[key];
  }

  function renderCitation(citation) {
    var item = el("li", "citation");
    item.appendChild(el("div", "citation-label", citation.label || citation.title));
    var meta = [citation.section_title, citation.school_year ? "Năm học " + citation.school_year : ""]
      .filter(Boolean).join(" · ");
    if (meta) item.appendChild(el("div", "citation-meta", meta));
    var details = el("details");
    details.appendChild(el("summary", null, "Xem toàn văn mục"));
    var body = el("div", "source-text", citation.text);
    details.appendChild(body);
    var loaded = false;
    details.addEventListener("toggle", function () {
      if (!details.open || loaded) return;
      loaded = true;
      body.classList.add("loading");
      sectionText(citation).then(function (text) {
        body.textContent = text;
        body.classList.remove("loading");
        body.classList.add("full");
      }).catch(function () {
        loaded = false;
        body.classList.remove("loading");
        body.textContent = citation.text;
        body.appendChild(el("p", "source-error", "(Không tải được toàn văn mục; đang hiện đoạn trích.)"));
      });
    });
    item.appendChild(details);
    return item;
  }

  function renderNotes(container, notes) {
    if (!notes || !notes.length) return;
    var list = el("ul", "notes");
    notes.forEach(function (n) { list.appendChild(el("li", null, n)); });
    container.appendChild(list);
  }

  function renderAnswer(exchange, data) {
    if (data.small_talk) {  // a greeting's reply: neither an answer with sources nor a refusal
      var chat = el("div", "bubble answer");
      chat.appendChild(el("div", "answer-text", data.answer || ""));
      exchange.appendChild(chat);
      return chat;
    }
    if (!data.found) {
      var refusal = el("div", "bubble refusal");
      refusal.appendChild(el("p", null, data.answer ||
        "Chưa tìm thấy nội dung phù hợp trong các văn bản hiện có."));
      refusal.appendChild(el("p", "hint", "Thầy cô thử hỏi cách khác, hoặc chọn tỉnh/năm học khác."));
      renderNotes(refusal, data.notes);
      exchange.appendChild(refusal);
      return refusal;
    }
    var answer = el("div", "bubble answer");
    var text = data.answer || "";
    if (data.understood_as && text.indexOf("\n") > 0) {  // "Hiểu là: …" on its own line, so it is noticed
      answer.appendChild(el("div", "understood-as", text.slice(0, text.indexOf("\n"))));
      text = text.slice(text.indexOf("\n") + 1);
    }
    answer.appendChild(el("div", "answer-text", text));
    renderNotes(answer, data.notes);
    if (data.citations && data.citations.length) {
      answer.appendChild(el("div", "citations-title", "Căn cứ:"));
      var list = el("ol", "citations");
      data.citations.forEach(function (c) { list.appendChild(renderCitation(c)); });
      answer.appendChild(list);
    }
    exchange.appendChild(answer);
    return answer;
  }

  function ask(question) {
    question = question.trim();
    if (!question) { input.focus(); return; }
    var welcome = $("#welcome");
    if (welcome) welcome.classList.add("compact");
    var exchange = el("section", "exchange");
    exchange.appendChild(el("div", "bubble user-question", question));
    var pending = el("div", "bubble pending", "Đang tra cứu văn bản…");
    exchange.appendChild(pending);
    messages.appendChild(exchange);
    scrollDown(pending);
    button.disabled = true;
    var body = { question: question };
    if (province.value) body.province = province.value;
    if (schoolYear.value) body.school_year = schoolYear.value;
    if (conversationId) body.conversation_id = conversationId;
    fetch("v1/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (data) {
        if (!resp.ok || !data) {
          throw new Error(data && data.error ? data.error.message : "Máy chủ trả lỗi " + resp.status + ".");
        }
        return data;
      });
    }).then(function (data) {
      exchange.removeChild(pending);
      setConversation(data.conversation_id);
      scrollDown(renderAnswer(exchange, data));
      input.value = "";
    }).catch(function (err) {
      exchange.removeChild(pending);
      var msg = err && err.message && err.message !== "Failed to fetch" ? err.message
        : "Không kết nối được máy chủ. Thầy cô kiểm tra mạng rồi thử lại.";
      var box = el("div", "bubble error", msg);
      box.setAttribute("role", "alert");
      exchange.appendChild(box);
      scrollDown(box);
    }).then(function () {
      button.disabled = false;
      input.focus();
    });
  }

  newConversation.addEventListener("click", function () {
    var old = conversationId;
    setConversation(null);
    if (old) {
      fetch("v1/conversations/" + encodeURIComponent(old), { method: "DELETE" }).catch(function () {});
    }
    var mark = el("p", "conversation-break", "— Câu hỏi mới —");
    messages.appendChild(mark);
    scrollDown(mark);
    input.focus();
  });
  setConversation(conversationId);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ask(input.value);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {  // Vietnamese IMEs compose with Enter
      event.preventDefault();
      if (!button.disabled) ask(input.value);
    }
  });
  document.querySelectorAll("#examples .chip").forEach(function (chip) {
    chip.addEventListener("click", function () {
      input.value = chip.textContent;
      if (!button.disabled) ask(chip.textContent);
    });
  });
  // "Lịch": the dated items of the chosen province and year (without a year: the next 60 days), each cited.
  var calendar = $("#calendar");
  var KINDS = { deadline: "hạn", event: "sự kiện", period: "thời gian", effective: "có hiệu lực" };
  function isoDay(d) { return d.toISOString().slice(0, 10); }
  function dmy(iso) { var p = iso.split("-"); return +p[2] + "/" + +p[1] + "/" + p[0]; }
  function showCalendar() {
    var params = new URLSearchParams();
    if (province.value) params.set("province", province.value);
    var title = "Các mốc 60 ngày tới";
    if (schoolYear.value) {
      params.set("school_year", schoolYear.value);
      title = "Lịch năm học " + schoolYear.value;
    } else {
      var today = new Date();
      params.set("from", isoDay(today));
      params.set("to", isoDay(new Date(today.getTime() + 60 * 86400000)));
    }
    if (province.value) title += " — " + province.value;
    var list = $("#calendar-items");
    $("#calendar-title").textContent = title;
    $("#calendar-ics").href = "v1/calendar.ics?" + params.toString();
    list.textContent = "";
    calendar.hidden = false;
    getJSON("v1/calendar?" + params.toString()).then(function (items) {
      if (!items.length) list.appendChild(el("li", "empty", "Không có mốc nào trong phạm vi này."));
      items.forEach(function (item) {
        var li = el("li", "calendar-item");
        var when = dmy(item.date) + (item.end ? " – " + dmy(item.end) : "");
        li.appendChild(el("strong", null, when + " (" + KINDS[item.kind] + ")"));
        li.appendChild(el("span", null, " " + item.what + (item.who ? " — " + item.who : "")));
        li.appendChild(el("small", "source", "Nguồn: " + item.citation));
        list.appendChild(li);
      });
    }).catch(function (err) {
      list.appendChild(el("li", "error", err.message || "Không tải được lịch."));
    });
  }
  $("#show-calendar").addEventListener("click", showCalendar);
  loadFilters();
})();

// Embeddable chat button: <script src="https://HOST/widget.js" defer></script>
// Adds a floating button that opens the chat page (https://HOST/?embed=1) in an iframe panel.
// Options on the script tag: data-label="Hỏi đáp", data-position="left".
(function () {
  "use strict";
  if (window.__nhiemvuWidget) return;  // included twice: keep one button
  window.__nhiemvuWidget = true;

  var script = document.currentScript;
  var src = script && script.src ? script.src : "";
  if (!src) return;
  var pageUrl = new URL("./?embed=1", src).href;  // same folder as widget.js, so path prefixes work
  var label = (script.getAttribute("data-label") || "Hỏi đáp nhiệm vụ năm học").slice(0, 60);
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";

  function style(node, rules) {
    for (var key in rules) node.style[key] = rules[key];
  }

  function start() {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "nhiemvu-chat-panel");
    style(button, {
      position: "fixed", bottom: "18px", zIndex: "2147483000", padding: "12px 18px", border: "0",
      borderRadius: "24px", background: "#1d4ed8", color: "#fff", font: "600 15px system-ui, sans-serif",
      boxShadow: "0 4px 14px rgba(0,0,0,.25)", cursor: "pointer"
    });
    button.style[side] = "18px";

    var panel = document.createElement("div");
    panel.id = "nhiemvu-chat-panel";
    var small = window.matchMedia && window.matchMedia("(max-width: 520px)").matches;
    style(panel, {
      position: "fixed", zIndex: "2147483001", display: "none", overflow: "hidden", background: "#fff",
      boxShadow: "0 8px 30px rgba(0,0,0,.3)", borderRadius: small ? "0" : "14px",
      bottom: small ? "0" : "80px", width: small ? "100vw" : "min(420px, calc(100vw - 36px))",
      height: small ? "100vh" : "min(640px, calc(100vh - 110px))"
    });
    panel.style[side] = small ? "0" : "18px";

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Đóng");
    style(close, {
      position: "absolute", top: "6px", right: "8px", zIndex: "1", width: "32px", height: "32px",
      border: "0", borderRadius: "16px", background: "rgba(0,0,0,.08)", font: "20px/1 sans-serif",
      cursor: "pointer"
    });
    panel.appendChild(close);

    var frame = null;
    function setOpen(open) {
      if (open && !frame) {  // load the page only when first opened
        frame = document.createElement("iframe");
        frame.src = pageUrl;
        frame.title = label;
        style(frame, { width: "100%", height: "100%", border: "0" });
        panel.appendChild(frame);
      }
      panel.style.display = open ? "block" : "none";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (small) button.style.display = open ? "none" : "block";
    }
    button.addEventListener("click", function () { setOpen(panel.style.display === "none"); });
    close.addEventListener("click", function () { setOpen(false); button.focus(); });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") setOpen(false); });

    document.body.appendChild(panel);
    document.body.appendChild(button);
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();

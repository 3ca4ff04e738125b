/// The walkthrough editor's style sheet and script, served from memory (the editor exists only on
/// the live server, so they are never written to Output/).
///
/// The script is small and local: no framework, no request beyond the same-origin server. It
/// re-renders the worked page as the reader types (debounced), loads an example when the picker
/// changes, and typesets the new math with the page's KaTeX.
enum EditorAssets {
    /// Path of the script under the site root.
    static let scriptPath = "assets/longhand-editor.js"
    /// Path of the style sheet under the site root.
    static let stylePath = "assets/longhand-editor.css"

    /// The editor's style sheet, in the page's colours.
    static let style = """
    section.editor { border: 1px solid var(--line, #d8dde3); border-radius: 8px; padding: 0.6rem 1rem 0.8rem; margin: 1.2rem auto 1.8rem; }
    .editor-presets { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.2rem 0 0.8rem; }
    .editor label { font-weight: 600; }
    .editor select, .editor textarea { font: inherit; border: 1px solid var(--line, #d8dde3); border-radius: 4px;
      background: var(--bg, #fff); color: var(--fg, #1d1f21); }
    .editor select { padding: 0.15rem 0.4rem; max-width: 100%; }
    .editor textarea { display: block; box-sizing: border-box; width: 100%; margin-top: 0.3rem; padding: 0.4rem 0.5rem; resize: vertical;
      font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 0.85rem; line-height: 1.4; tab-size: 2; }
    .editor textarea[aria-invalid=true] { border-color: var(--errline, #c4572a); outline: 1px solid var(--errline, #c4572a); }
    .editor-help { margin: 0.3rem 0 0; color: var(--muted, #5b6168); font-size: 0.88rem; }
    .editor-error { margin: 0.4rem 0 0; padding: 0.3rem 0.6rem; border-left: 3px solid var(--errline, #c4572a); background: var(--err, #fdf0ea);
      color: var(--errline, #c4572a); font-weight: 600; font-size: 0.9rem; white-space: pre-wrap; }
    .editor-error:empty { display: none; }
    .editor-actions { margin-top: 0.7rem; }
    .editor button { font: inherit; padding: 0.2rem 0.8rem; cursor: pointer; }
    section.editor.busy { opacity: 0.85; }
    .editor-pending { color: var(--muted, #5b6168); }
    @media print { section.editor { display: none; } }
    """

    /// The editor's script: debounced re-render through the server, the worked page swapped in place
    /// and typeset, the address kept shareable; messages beside the text area.
    static let script = """
    (function () {
      "use strict";
      var editor = document.getElementById("editor");
      var result = document.getElementById("editor-result");
      if (!editor || !result) { return; }
      var picker = document.getElementById("editor-preset");
      var text = document.getElementById("editor-spec");
      var error = document.getElementById("editor-error");
      var specForm = text.form, presetForm = picker.form;
      var other = document.querySelector("nav.top a.lang");

      function typeset(root) {
        if (typeof katex === "undefined") { return; }
        root.querySelectorAll(".math").forEach(function (el) {
          katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
        });
      }
      function hiddenPreset() { return specForm.querySelector("input[name=preset]"); }
      function specQuery() {
        var hidden = hiddenPreset();
        return (hidden && hidden.value ? "preset=" + encodeURIComponent(hidden.value) + "&" : "") + "spec=" + encodeURIComponent(text.value);
      }

      var timer = null, latest = 0, controller = null;
      // Asks the server for the editor page of `query` and takes its worked page and message; with
      // `takeText` (an example was picked) its text too.
      function load(query, takeText) {
        var url = "editor.html?" + query, ticket = ++latest;
        if (controller) { controller.abort(); }
        controller = typeof AbortController === "function" ? new AbortController() : null;
        editor.classList.add("busy");
        fetch(url, { headers: { "Accept": "text/html" }, signal: controller ? controller.signal : undefined })
          .then(function (response) {
            return response.text().then(function (body) { return { status: response.status, body: body }; });
          })
          .then(function (answer) {
            if (ticket !== latest) { return; }
            editor.classList.remove("busy");
            var doc = new DOMParser().parseFromString(answer.body, "text/html");
            var theirError = doc.getElementById("editor-error"), theirs = doc.getElementById("editor-result");
            // A page without the editor (414, 503) says what went wrong in its first paragraph.
            var message = theirError ? theirError.textContent : (doc.querySelector("p") ? doc.querySelector("p").textContent : String(answer.status));
            error.textContent = answer.status === 200 ? "" : message;
            if (answer.status === 200) { text.removeAttribute("aria-invalid"); } else { text.setAttribute("aria-invalid", "true"); }
            var theirText = doc.getElementById("editor-spec");
            if (takeText && theirText) { text.value = theirText.value; }
            if (answer.status !== 200 || !theirs) { return; }
            var y = window.scrollY;
            while (result.firstChild) { result.removeChild(result.firstChild); }
            Array.prototype.slice.call(theirs.childNodes).forEach(function (node) {
              if (node.nodeName === "SCRIPT") { return; }
              var copy = document.importNode(node, true);
              if (copy.nodeType === 1) { typeset(copy); }
              result.appendChild(copy);
            });
            document.title = doc.title;
            window.scrollTo(window.scrollX, y);
            history.replaceState(null, "", url);
            var theirOther = doc.querySelector("nav.top a.lang");
            if (other && theirOther) { other.setAttribute("href", theirOther.getAttribute("href")); }
          })
          .catch(function (e) {
            if (e && e.name === "AbortError") { return; }
            editor.classList.remove("busy");
          });
      }

      function pick() {
        var hidden = hiddenPreset();
        if (!hidden) {
          hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = "preset";
          specForm.insertBefore(hidden, specForm.firstChild);
        }
        hidden.value = picker.value;
        clearTimeout(timer);
        load("preset=" + encodeURIComponent(picker.value), true);
      }
      picker.addEventListener("change", pick);
      presetForm.addEventListener("submit", function (event) { event.preventDefault(); pick(); });
      text.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { load(specQuery(), false); }, 400);
      });
      specForm.addEventListener("submit", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        load(specQuery(), false);
      });
    })();
    """
}

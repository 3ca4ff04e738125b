import Foundation
import Notebook

/// The style sheet and script of the "Try your own numbers" panel, written to `assets/` beside the
/// pages and served by the live server from memory.
///
/// The script is small and local: no framework, no request beyond the same-origin server. On the
/// live server it re-renders the page as the reader edits; on a static page it keeps the command
/// line in step with the fields.
public enum PanelAssets {
    /// Relative path of the script under the output folder.
    public static let scriptPath = "assets/longhand-try.js"
    /// Relative path of the style sheet under the output folder.
    public static let stylePath = "assets/longhand-try.css"

    /// Both files, to be written with a run's pages as one set.
    public static var files: [(String, Data)] { [(scriptPath, Data(script.utf8)), (stylePath, Data(style.utf8))] }

    /// The panel's style sheet, in the page's colours.
    public static let style = """
    section.try { border: 1px solid var(--line, #d8dde3); border-radius: 8px; padding: 0.2rem 1rem 0.8rem; margin: 1.2rem auto 1.8rem; }
    section.try h2 { font-size: 1.15rem; margin-top: 0.8rem; border: none; }
    .try-field { margin: 0.7rem 0; }
    .try-field label { font-weight: 600; margin-right: 0.4rem; }
    .try-field input[type=text], .try-field select { font: inherit; font-variant-numeric: tabular-nums; padding: 0.15rem 0.4rem;
      border: 1px solid var(--line, #d8dde3); border-radius: 4px; background: var(--bg, #fff); color: var(--fg, #1d1f21); min-width: 12rem; max-width: 100%; }
    .try-field [aria-invalid=true] { border-color: var(--errline, #c4572a); outline: 1px solid var(--errline, #c4572a); }
    .try-help { margin: 0.15rem 0 0; color: var(--muted, #5b6168); font-size: 0.88rem; }
    .try-error { margin: 0.15rem 0 0; color: var(--errline, #c4572a); font-size: 0.9rem; font-weight: 600; }
    .try-error:empty, .try-status:empty { display: none; }
    .try-status { margin: 0.5rem 0; padding: 0.3rem 0.6rem; border-left: 3px solid var(--errline, #c4572a); background: var(--err, #fdf0ea); }
    .try-status.working { border-left-color: var(--accent, #0b5cad); background: none; color: var(--muted, #5b6168); }
    .try-actions { display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: center; margin-top: 0.8rem; }
    .try-actions button, .try-copy { font: inherit; padding: 0.2rem 0.8rem; cursor: pointer; }
    .try-cli code { word-break: break-all; }
    .try-cli, .try-serve { font-size: 0.9rem; }
    section.try.busy { opacity: 0.85; }
    @media print { section.try { display: none; } }
    """

    /// The panel's script. Live: debounced re-render through the server, the lesson swapped in
    /// place, math typeset, scroll kept, URL updated. Static: the command line follows the fields.
    public static let script = """
    (function () {
      "use strict";
      var panel = document.getElementById("try");
      if (!panel) { return; }
      var form = panel.querySelector("form");
      var live = panel.getAttribute("data-mode") === "live";
      var lesson = panel.getAttribute("data-lesson");
      var command = panel.querySelector(".try-command");
      var fields = Array.prototype.slice.call(form.querySelectorAll("input[name], select[name]"));

      function valueOf(el) { return el.type === "checkbox" ? (el.checked ? "true" : "false") : el.value; }
      function changed() {
        return fields.filter(function (el) { return valueOf(el) !== el.getAttribute("data-default"); });
      }
      function quoted(text) {
        return /^[A-Za-z0-9.,\\-+_:\\/=%]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\\\\''") + "'";
      }
      function commandLine() {
        var words = ["swift", "run", lesson];
        changed().forEach(function (el) {
          if (el.type === "checkbox") { if (el.checked) { words.push("--" + el.name); } return; }
          var v = el.value;
          words.push(v.charAt(0) === "-" ? "--" + el.name + "=" + quoted(v) : "--" + el.name + " " + quoted(v));
        });
        return words.join(" ");
      }
      function query() {
        return changed().map(function (el) {
          return encodeURIComponent(el.name) + "=" + encodeURIComponent(valueOf(el));
        }).join("&");
      }

      var copy = panel.querySelector(".try-copy");
      if (copy && command) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
          var text = command.textContent;
          if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text); return; }
          var range = document.createRange();
          range.selectNodeContents(command);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          try { document.execCommand("copy"); } catch (e) { /* the text stays selected for the reader to copy */ }
        });
      }

      function typeset(root) {
        if (typeof katex === "undefined") { return; }
        root.querySelectorAll(".math").forEach(function (el) {
          katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
        });
      }

      // Swaps everything in <main> except the panel for the new page's nodes, keeping the panel (and
      // the reader's cursor in it) and the scroll position.
      function swap(doc) {
        var main = panel.parentNode, incoming = doc.querySelector("main"), theirs = doc.getElementById("try");
        if (!incoming || !theirs) { return false; }
        // The panel's own style sheet, script and marker comments stay; scripts are never copied in.
        function lessonNode(node) {
          return node !== panel && node !== theirs && node.nodeType !== 8 && node.nodeName !== "SCRIPT" && node.nodeName !== "LINK";
        }
        var y = window.scrollY;
        Array.prototype.slice.call(main.childNodes).forEach(function (node) {
          if (lessonNode(node)) { main.removeChild(node); }
        });
        var before = true, marker = panel;
        Array.prototype.slice.call(incoming.childNodes).forEach(function (node) {
          if (node === theirs) { before = false; return; }
          if (!lessonNode(node)) { return; }
          var copy = document.importNode(node, true);
          if (copy.nodeType === 1) { typeset(copy); }
          if (before) { main.insertBefore(copy, panel); } else { main.insertBefore(copy, marker.nextSibling); marker = copy; }
        });
        document.title = doc.title;
        window.scrollTo(window.scrollX, y);
        return true;
      }

      // Copies the new panel's messages (per field and overall) into this one.
      function messages(doc) {
        var theirs = doc.getElementById("try");
        fields.forEach(function (el) {
          var mine = panel.querySelector("#try-" + el.name + "-error");
          var other = theirs && theirs.querySelector("#try-" + el.name + "-error");
          var text = other ? other.textContent : "";
          if (mine) { mine.textContent = text; }
          if (text) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
        });
        var status = panel.querySelector(".try-status"), theirStatus = theirs && theirs.querySelector(".try-status");
        if (status) {
          status.classList.remove("working");
          status.textContent = theirStatus ? theirStatus.textContent : "";
        }
      }

      var timer = null, latest = 0, controller = null, slow = null;
      // A recompute that takes longer than this says so in the status line (the training lessons take
      // seconds); a quick one never flashes the message.
      function working(ticket) {
        clearTimeout(slow);
        slow = setTimeout(function () {
          var status = panel.querySelector(".try-status");
          if (ticket === latest && status && panel.dataset.working) {
            status.textContent = panel.dataset.working;
            status.classList.add("working");
          }
        }, 400);
      }
      function render() {
        var q = query(), url = lesson + ".html" + (q ? "?" + q : "");
        var ticket = ++latest;
        if (controller) { controller.abort(); }
        controller = typeof AbortController === "function" ? new AbortController() : null;
        panel.classList.add("busy");
        working(ticket);
        fetch(url, { headers: { "Accept": "text/html" }, signal: controller ? controller.signal : undefined })
          .then(function (response) {
            return response.text().then(function (text) { return { status: response.status, text: text }; });
          })
          .then(function (result) {
            if (ticket !== latest) { return; }
            clearTimeout(slow);
            panel.classList.remove("busy");
            var doc = new DOMParser().parseFromString(result.text, "text/html");
            messages(doc);
            if (result.status === 200 && swap(doc)) {
              history.replaceState(null, "", url + "#try");
            } else if (result.status !== 400) {
              var status = panel.querySelector(".try-status");
              var theirs = doc.querySelector(".try-status, p");
              if (status) { status.textContent = theirs ? theirs.textContent : String(result.status); }
            }
          })
          .catch(function (error) {
            if (error && error.name === "AbortError") { return; }
            clearTimeout(slow);
            panel.classList.remove("busy");
            var status = panel.querySelector(".try-status");
            if (status && status.classList.contains("working")) {
              status.classList.remove("working");
              status.textContent = "";
            }
          });
      }

      function edited() {
        if (command) { command.textContent = commandLine(); }
        if (!live) { return; }
        clearTimeout(timer);
        timer = setTimeout(render, 300);
      }

      form.addEventListener("input", edited);
      form.addEventListener("change", edited);
      form.addEventListener("submit", function (event) {
        if (!live) { event.preventDefault(); return; }
        event.preventDefault();
        clearTimeout(timer);
        render();
      });
      var reset = panel.querySelector(".try-reset");
      var actions = panel.querySelector(".try-actions");
      if (actions) { actions.hidden = false; }
      if (reset) {
        reset.addEventListener("click", function (event) {
          event.preventDefault();
          fields.forEach(function (el) {
            var d = el.getAttribute("data-default");
            if (el.type === "checkbox") { el.checked = d === "true"; } else { el.value = d; }
          });
          if (command) { command.textContent = commandLine(); }
          if (live) { clearTimeout(timer); render(); }
        });
      }
    })();
    """
}

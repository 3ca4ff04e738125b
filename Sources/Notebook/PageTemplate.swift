/// The HTML page shell shared by lessons and the index: embedded CSS (light and dark, phone and
/// print), the local KaTeX and the tiny script that typesets every `.math` element.
public enum PageTemplate {
    /// A complete HTML document. `assets` is the relative path to Output/assets.
    public static func page(title: String, language: Language, assets: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.htmlTag)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(HTML.escape(title)) · Longhand</title>
        <link rel="stylesheet" href="\(assets)/katex/katex.min.css">
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        <script src="\(assets)/katex/katex.min.js"></script>
        <script>
        \(script)
        </script>
        </body>
        </html>

        """
    }

    /// Typesets each `.math` element in place (leaving the TeX visible if KaTeX is missing), opens
    /// every folded solution while printing, keeps the reader's section when switching language, and
    /// marks the current section in the contents.
    static let script = """
    (function () {
      if (typeof katex !== "undefined") {
        document.querySelectorAll(".math").forEach(function (el) {
          katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
        });
      }
      // Paper cannot unfold a solution: open them all for printing, fold them back afterwards.
      var folded = [];
      window.addEventListener("beforeprint", function () {
        folded = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
        folded.forEach(function (d) { d.open = true; });
      });
      window.addEventListener("afterprint", function () { folded.forEach(function (d) { d.open = false; }); folded = []; });
      // The section being read: the last heading with an id above the top quarter of the window.
      var headings = Array.prototype.slice.call(document.querySelectorAll("h2[id]"));
      function current() {
        var id = "";
        headings.forEach(function (h) { if (window.innerHeight / 4 > h.getBoundingClientRect().top) { id = h.id; } });
        return id;
      }
      document.querySelectorAll("a.lang").forEach(function (a) {
        a.addEventListener("click", function () {
          var id = current() || location.hash.slice(1);
          if (id) { a.href = a.href.split("#")[0] + "#" + id; }
        });
      });
      var links = document.querySelectorAll("nav.toc a");
      function mark() {
        var id = current();
        links.forEach(function (l) { l.classList.toggle("current", l.getAttribute("href") === "#" + id); });
      }
      if (links.length) { window.addEventListener("scroll", mark, { passive: true }); mark(); }
    })();
    """

    /// Scroll shadows: a box that scrolls sideways shows a shadow at each edge where content continues
    /// (the covers scroll with the content, the shadows stay with the box). Colours are literal, not
    /// CSS variables, because the HTML validator's CSS checker rejects variables inside gradients.
    static func scrollShadow(page: String, shadow: String) -> String {
        "\(scrolling) { background: linear-gradient(to right, \(page) 30%, rgba(0,0,0,0)) left center / 2.5rem 100% no-repeat local, linear-gradient(to left, \(page) 30%, rgba(0,0,0,0)) right center / 2.5rem 100% no-repeat local, linear-gradient(to right, \(shadow), rgba(0,0,0,0)) left center / 0.7rem 100% no-repeat scroll, linear-gradient(to left, \(shadow), rgba(0,0,0,0)) right center / 0.7rem 100% no-repeat scroll; }"
    }

    /// The boxes that scroll sideways rather than overflow: display equations, tables, figures.
    static let scrolling = ".equation .math.display, .table-wrap, figure a.figure-view"

    static let css = """
    :root { --fg: #1d1f21; --bg: #ffffff; --muted: #5b6168; --line: #d8dde3; --accent: #0b5cad;
            --note: #eef5fc; --err: #fdf0ea; --errline: #c4572a; --conv: #eef8f1; --convline: #2e8b57; --code: #f4f5f7;
            --fig-bg: #ffffff; --fig-ink: #222222; --fig-soft: #555555; --fig-grid: #e3e3e3; --fig-frame: #bbbbbb; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e4e6e8; --bg: #16181b; --muted: #a3a9b0; --line: #3a3f45; --accent: #7db8f0;
              --note: #1d2733; --err: #35231c; --errline: #e08a63; --conv: #1b2d22; --convline: #6cc28f; --code: #23262a;
              --fig-bg: #1c1f23; --fig-ink: #e4e6e8; --fig-soft: #b4bac1; --fig-grid: #30353b; --fig-frame: #555b62; }
      /* Figures are drawn in light colours; on a dark page their paper, ink and grid follow the page. */
      figure svg [fill="#ffffff"], figure svg [fill="#fff"] { fill: var(--fig-bg); }
      figure svg text[fill="#222"], figure svg text[fill="#111"], figure svg text[fill="#1d1f21"], figure svg text:not([fill]) { fill: var(--fig-ink); }
      figure svg text[fill="#444"], figure svg text[fill="#555"], figure svg text[fill="#666"], figure svg text[fill="#333"] { fill: var(--fig-soft); }
      figure svg [stroke="#e3e3e3"], figure svg [stroke="#eeeeee"] { stroke: var(--fig-grid); }
      figure svg [stroke="#bbb"], figure svg [stroke="#999"], figure svg [stroke="#ccc"], figure svg [stroke="#ddd"] { stroke: var(--fig-frame); }
      figure svg [stroke="#555"], figure svg [stroke="#222"], figure svg [stroke="#111"] { stroke: var(--fig-ink); }
      figure svg [stroke="#fff"], figure svg [stroke="#ffffff"] { stroke: var(--fig-bg); }
    }
    \(scrollShadow(page: "#ffffff", shadow: "rgba(0,0,0,0.28)"))
    @media (prefers-color-scheme: dark) { \(scrollShadow(page: "#16181b", shadow: "rgba(0,0,0,0.9)")) }
    html { font-size: 17px; }
    body { margin: 0; color: var(--fg); background: var(--bg);
           font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", sans-serif;
           line-height: 1.65; }
    /* The text keeps a 46rem column; figures may leave it, up to the width of the window. */
    main { max-width: 74rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; box-sizing: border-box; }
    main > :not(figure) { max-width: 46rem; margin-left: auto; margin-right: auto; box-sizing: border-box; }
    h1 { font-size: 2rem; line-height: 1.25; margin-top: 0.6rem; margin-bottom: 1rem; }
    h2 { font-size: 1.4rem; margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
    h3 { font-size: 1.12rem; margin-top: 1.6rem; }
    a { color: var(--accent); }
    nav.top { display: flex; justify-content: space-between; font-size: 0.9rem; }
    p.where { color: var(--muted); font-size: 0.9rem; margin-top: 0.3rem; margin-bottom: 0; }
    nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2.5rem; font-size: 0.95rem; }
    nav.pager a[rel=next] { margin-left: auto; text-align: right; }
    nav.toc { background: var(--code); padding: 0.5rem 1rem; border-radius: 6px; margin-bottom: 1.5rem; }
    nav.toc h2 { font-size: 1rem; margin: 0; border: 0; padding: 0; }
    nav.toc ol { margin: 0.3rem 0; padding-left: 1.4rem; }
    nav.toc a.current { font-weight: bold; }
    @media (min-width: 84rem) {
      nav.toc { position: fixed; top: 1rem; left: calc(50% - 23rem - 17rem); width: 14rem; max-height: calc(100vh - 2rem); overflow-y: auto;
                box-sizing: border-box; font-size: 0.9rem; margin: 0; }
    }
    .equation { display: flex; flex-wrap: wrap; align-items: center; column-gap: 0.5rem; }
    .equation .math.display { position: relative; flex: 1 1 0; min-width: 0; overflow-x: auto; overflow-y: hidden; }
    .equation .math.display .katex-display { margin: 0.5em 0.2rem; }
    .eqno { flex: 0 0 auto; margin-left: auto; color: var(--muted); font-size: 0.85rem; }
    .equation.step { border-left: 3px solid var(--line); padding-left: 0.6rem; }
    details.unfold { margin: -0.3rem 0 0.6rem 0.9rem; font-size: 0.9rem; }
    details.unfold summary { cursor: pointer; color: var(--accent); }
    .table-wrap { position: relative; overflow-x: auto; margin: 1rem auto; }
    table { border-collapse: collapse; font-size: 0.92rem; }
    caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 0.3rem; }
    th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; }
    th { background: var(--code); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    /* A long trace reads in bands (one per epoch, say): every other band shaded, a rule where a band opens;
       marked rows (the weights changed) carry a ● in a narrow first column and bold numbers. */
    table.banded tr.shaded td { background: var(--code); }
    table.banded tr.opens td { border-top: 2px solid var(--muted); }
    th.mark, td.mark { width: 1.2rem; padding-left: 0.3rem; padding-right: 0.3rem; text-align: center; color: var(--accent); }
    tr.changed td.num { font-weight: 600; }
    figure { margin: 1.5rem auto; text-align: center; }
    /* A figure is shown at a size where its smallest text is at least 12 px; if that is wider than
       the window it scrolls (with shadows at the edges) rather than shrinking. A click opens the SVG. */
    figure a.figure-view { position: relative; display: block; overflow-x: auto; }
    figure svg { max-width: none; height: auto; vertical-align: top; }
    figcaption { font-size: 0.92rem; color: var(--muted); margin: 0.4rem auto 0; max-width: 46rem; }
    aside.note { padding: 0.7rem 1rem; border-left: 4px solid var(--accent); background: var(--note); margin: 1.2rem 0; border-radius: 0 6px 6px 0; }
    aside.erratum { border-color: var(--errline); background: var(--err); }
    aside.warning { border-color: #b8860b; background: var(--err); }
    aside.convention { border-color: var(--convline); background: var(--conv); }
    section.exercise { border: 1px solid var(--line); border-radius: 8px; padding: 0.4rem 1rem 0.8rem; margin: 1.2rem 0; }
    section.exercise details summary { cursor: pointer; color: var(--accent); }
    code { background: var(--code); padding: 0.1rem 0.3rem; border-radius: 3px; }
    footer { margin-top: 2rem; font-size: 0.85rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: 0.6rem; }
    p.start a { display: inline-block; font-weight: 600; padding: 0.4rem 0.9rem; border: 2px solid var(--accent); border-radius: 6px; text-decoration: none; margin: 0.2rem 0; }
    ol.lessons { padding-left: 1.6rem; }
    ol.lessons li { margin: 0.6rem 0; }
    ol.lessons .summary { color: var(--muted); font-size: 0.92rem; display: block; }
    dl.glossary dt { font-weight: 600; margin-top: 0.8rem; }
    dl.glossary dt .other { font-weight: normal; color: var(--muted); margin-left: 0.4rem; }
    dl.glossary dd { margin-left: 1.2rem; }
    /* A term's first use links to the glossary: marked quietly, so the prose still reads as prose. */
    a[href*="glossary.html#"] { color: inherit; text-decoration: underline dotted var(--accent); }
    ul.lessons { list-style: none; padding: 0; }
    ul.lessons li { margin: 0.6rem 0; }
    ul.lessons .summary { color: var(--muted); font-size: 0.92rem; display: block; }
    small { font-size: 0.85em; }
    @media (max-width: 600px) {
      html { font-size: 15px; }
      main { padding: 0.6rem 0.8rem 2rem; }
      /* On a phone the equation takes the whole width and its number wraps below it, at the right. */
      .equation .math.display { flex-basis: 100%; }
      .eqno { margin-top: -0.4rem; }
    }
    @media print {
      html { font-size: 11pt; }
      nav, nav.top, nav.toc, nav.pager, footer { display: none; }
      body { background: #fff; color: #000; }
      main { max-width: none; padding: 0; }
      main > :not(figure) { max-width: none; }
      /* Every solution is open on paper: the script opens them all before printing. */
      details > summary { list-style: none; font-weight: bold; color: #000; }
      h1, h2, h3, summary { break-after: avoid; page-break-after: avoid; }
      figure, .equation, tr, aside.note, caption { break-inside: avoid; page-break-inside: avoid; }
      .equation .math.display, .table-wrap, figure a.figure-view { overflow: visible; background: none; }
      figure svg { max-width: 100%; }
      a[href*="glossary.html#"] { text-decoration: none; }
    }
    """
}

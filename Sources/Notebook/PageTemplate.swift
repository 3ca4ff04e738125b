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

    /// Typesets each `.math` element in place; leaves the TeX visible if KaTeX is missing.
    static let script = """
    (function () {
      if (typeof katex === "undefined") { return; }
      document.querySelectorAll(".math").forEach(function (el) {
        katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
      });
    })();
    """

    static let css = """
    :root { --fg: #1d1f21; --bg: #ffffff; --muted: #5b6168; --line: #d8dde3; --accent: #0b5cad;
            --note: #eef5fc; --err: #fdf0ea; --errline: #c4572a; --conv: #eef8f1; --convline: #2e8b57; --code: #f4f5f7; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e4e6e8; --bg: #16181b; --muted: #a3a9b0; --line: #3a3f45; --accent: #7db8f0;
              --note: #1d2733; --err: #35231c; --errline: #e08a63; --conv: #1b2d22; --convline: #6cc28f; --code: #23262a; }
      figure svg { background: #fff; border-radius: 4px; }
    }
    html { font-size: 17px; }
    body { margin: 0; color: var(--fg); background: var(--bg);
           font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", sans-serif;
           line-height: 1.65; }
    main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
    h1 { font-size: 2rem; line-height: 1.25; margin: 0.6rem 0 1rem; }
    h2 { font-size: 1.4rem; margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
    h3 { font-size: 1.12rem; margin-top: 1.6rem; }
    a { color: var(--accent); }
    nav.top { display: flex; justify-content: space-between; font-size: 0.9rem; }
    p.where { color: var(--muted); font-size: 0.9rem; margin: 0.3rem 0 0; }
    nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2.5rem; font-size: 0.95rem; }
    nav.pager a[rel=next] { margin-left: auto; text-align: right; }
    details.toc { background: var(--code); padding: 0.5rem 1rem; border-radius: 6px; margin-bottom: 1.5rem; }
    details.toc ol { margin: 0.3rem 0; }
    .equation { display: flex; align-items: center; gap: 0.5rem; overflow-x: auto; }
    .equation .math.display { flex: 1; }
    .eqno { color: var(--muted); font-size: 0.85rem; }
    .equation.step { border-left: 3px solid var(--line); padding-left: 0.6rem; }
    .table-wrap { overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; font-size: 0.92rem; }
    caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 0.3rem; }
    th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; }
    th { background: var(--code); }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    figure { margin: 1.5rem 0; text-align: center; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { font-size: 0.92rem; color: var(--muted); margin-top: 0.4rem; }
    aside.note { padding: 0.7rem 1rem; border-left: 4px solid var(--accent); background: var(--note); margin: 1.2rem 0; border-radius: 0 6px 6px 0; }
    aside.erratum { border-color: var(--errline); background: var(--err); }
    aside.warning { border-color: #b8860b; background: var(--err); }
    aside.convention { border-color: var(--convline); background: var(--conv); }
    section.exercise { border: 1px solid var(--line); border-radius: 8px; padding: 0.4rem 1rem 0.8rem; margin: 1.2rem 0; }
    section.exercise details summary { cursor: pointer; color: var(--accent); }
    code { background: var(--code); padding: 0.1rem 0.3rem; border-radius: 3px; }
    footer { margin-top: 2rem; font-size: 0.85rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: 0.6rem; }
    ul.lessons { list-style: none; padding: 0; }
    ul.lessons li { margin: 0.6rem 0; }
    ul.lessons .summary { color: var(--muted); font-size: 0.92rem; display: block; }
    @media (max-width: 600px) { html { font-size: 15px; } main { padding: 0.6rem 0.8rem 2rem; } }
    @media print { nav, details.toc { display: none; } details { display: block; } details > * { display: block; }
                   body { background: #fff; color: #000; } main { max-width: none; } }
    """
}

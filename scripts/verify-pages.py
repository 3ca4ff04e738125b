#!/usr/bin/env python3
"""Loads every generated HTML page in headless Chromium from file:// and fails unless, on every page,
KaTeX typeset every formula (no .katex-error, no raw $ or \\( left in the text), every figure holds a
non-empty SVG, every local link and image target exists, no request leaves the machine, nothing
is logged to the console as an error, and no figure text is below 12 px at its displayed size.
Saves a screenshot of each English lesson page.

With --phone the pages are laid out 375 px wide (a phone) and each fails on any display equation or
figure that overflows without its scroll affordance (a scrolling box with a shadow at the edge that
continues), an equation number pushed off-screen, the page itself scrolling sideways, or any text
(outside KaTeX's own script sizes) below 12 px.

With --print PAGE… each page is printed to PDF and fails unless pdftotext finds the text of every
exercise solution in it (solutions are folded on screen and must all be open on paper).

With --gallery DIR, screenshots of quadrant-net in both languages (desktop, phone, dark, print) are
saved in DIR; with --measure the checks print counts instead of failing.

Usage: scripts/verify-pages.py [OUTPUT_DIR] [--screenshots DIR] [--phone] [--print PAGE…] [--gallery DIR] [--measure]
Installs Debian's chromium (and CJK fonts for the screenshots) and the websocket-client package when missing.
Talks to Chromium over the DevTools protocol on the loopback interface only."""
import base64, glob, re, json, os, shutil, subprocess, sys, tempfile, time, urllib.parse

def ensure_tools():
    if not shutil.which("chromium"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    try:
        import websocket  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "websocket-client"], check=True)

ensure_tools()
import websocket  # noqa: E402

CHECK_JS = r"""
(() => {
  const problems = [];
  const maths = document.querySelectorAll('.math');
  const typeset = document.querySelectorAll('.math .katex');
  if (typeof katex === 'undefined') problems.push('KaTeX did not load');
  if (document.querySelectorAll('.katex-error').length) problems.push(document.querySelectorAll('.katex-error').length + ' KaTeX errors: ' + document.querySelector('.katex-error').textContent.slice(0, 80));
  if (typeset.length !== maths.length) problems.push((maths.length - typeset.length) + ' of ' + maths.length + ' formulas not typeset');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const p = node.parentElement;
    if (p.closest('.katex, script, style, code, svg')) continue;
    if (/\$|\\\(|\\\[/.test(node.textContent)) { problems.push('raw TeX in text: ' + node.textContent.trim().slice(0, 80)); break; }
  }
  const figures = document.querySelectorAll('figure');
  figures.forEach((f, i) => {
    const svg = f.querySelector('svg');
    if (!svg) { problems.push('figure ' + (i + 1) + ' has no SVG'); return; }
    const box = svg.getBoundingClientRect();
    if (box.width < 50 || box.height < 50 || svg.querySelectorAll('path, line, circle, rect, text').length < 5)
      problems.push('figure ' + (i + 1) + ' is empty');
  });
  // Figures are shown at a size where their text is readable: at least 12 px as displayed.
  figures.forEach((f, i) => {
    const svg = f.querySelector('svg');
    if (!svg || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) return;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    let smallest = 1e9, which = '';
    svg.querySelectorAll('text').forEach(t => {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < smallest) { smallest = px; which = t.textContent.slice(0, 30); }
    });
    if (smallest < 11.95) problems.push('figure ' + (i + 1) + ' text at ' + smallest.toFixed(1) + ' px: ' + which);
  });
  const targets = [];
  document.querySelectorAll('a[href]').forEach(a => targets.push(a.getAttribute('href')));
  document.querySelectorAll('img[src], script[src], link[href]').forEach(e => targets.push(e.getAttribute('src') || e.getAttribute('href')));
  return JSON.stringify({problems, targets, maths: maths.length, figures: figures.length});
})()
"""

class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="lh-chromium-")
        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "--no-first-run",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files", "--window-size=1000,1400",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = open(port_file).read().split()[0]
        targets = json.loads(subprocess.run(["python3", "-c", f"import urllib.request;print(urllib.request.urlopen('http://127.0.0.1:{port}/json/list').read().decode())"],
                                            capture_output=True, text=True, check=True).stdout)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=120, suppress_origin=True)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method, timeout=20):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return
        while time.time() < deadline:
            msg = json.loads(self.ws.recv())
            self.events.append(msg)
            if msg.get("method") == method:
                return
        raise TimeoutError(method)

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)

def check_page(browser, path, out_dir, screenshot):
    load(browser, path)
    result = json.loads(browser.call("Runtime.evaluate", expression=CHECK_JS, returnByValue=True)["result"]["value"])
    problems = list(result["problems"])
    for e in browser.events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Network.requestWillBeSent":
            u = p["request"]["url"]
            if not (u.startswith("file://") or u.startswith("data:")):
                problems.append("request leaves the machine: " + u)
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            problems.append("console error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif m == "Runtime.exceptionThrown":
            problems.append("exception: " + p["exceptionDetails"].get("text", "") + " " + str(p["exceptionDetails"].get("exception", {}).get("description", "")))
        elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
            problems.append("console error: " + p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
    base = os.path.dirname(os.path.abspath(path))
    for target in result["targets"]:
        if not target or target.startswith("#") or target.startswith("data:"):
            continue
        if target.startswith("http://127.0.0.1:8080/"):
            continue  # the static "Try your own numbers" panel's link to `longhand serve` on this machine
        if "://" in target or target.startswith("//") or target.startswith("mailto:"):
            problems.append("link leaves the machine: " + target)
            continue
        local = urllib.parse.unquote(target.split("#")[0].split("?")[0])
        if local and not os.path.exists(os.path.normpath(os.path.join(base, local))):
            problems.append("broken link: " + target)
    if screenshot:
        shot = browser.call("Page.captureScreenshot", format="png")
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    return problems, result

# At 375 px: what overflows, and whether it shows that it continues.
PHONE_JS = r"""
(() => {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const counts = {equations: 0, overflowing: 0, withoutAffordance: 0, numbersClipped: 0, smallText: 0, smallestFigureText: 1e9};
  // A scroll affordance: a box that scrolls sideways and paints a shadow gradient at its edges.
  const affordance = el => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && cs.backgroundImage.includes('gradient')) return true;
    }
    return false;
  };
  const overflows = e => e && (e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > vw + 1);
  document.querySelectorAll('.equation').forEach((eq, i) => {
    counts.equations++;
    const body = eq.querySelector('.katex-html') || eq;
    const over = [eq, eq.querySelector('.math'), eq.querySelector('.katex-display')].some(overflows) || body.getBoundingClientRect().right > vw + 1;
    if (over) {
      counts.overflowing++;
      if (!affordance(body)) { counts.withoutAffordance++; if (counts.withoutAffordance <= 3) problems.push('equation ' + (i + 1) + ' overflows without a scroll affordance: ' + eq.textContent.slice(0, 60)); }
    }
    const no = eq.querySelector('.eqno');
    if (no) {
      const r = no.getBoundingClientRect();
      if (r.right > vw + 1 || r.left < 0 || no.scrollWidth > no.clientWidth + 1) { counts.numbersClipped++; if (counts.numbersClipped <= 3) problems.push('equation number ' + no.textContent + ' is off-screen'); }
    }
  });
  document.querySelectorAll('figure').forEach((f, i) => {
    const svg = f.querySelector('svg');
    if (!svg) return;
    if ([f, svg].some(overflows) && !affordance(svg)) problems.push('figure ' + (i + 1) + ' overflows without a scroll affordance');
    const vb = svg.viewBox.baseVal;
    const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
    svg.querySelectorAll('text').forEach(t => {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      counts.smallestFigureText = Math.min(counts.smallestFigureText, px);
      if (px < 11.95) { counts.smallText++; if (counts.smallText <= 3) problems.push('figure ' + (i + 1) + ' text at ' + px.toFixed(1) + ' px: ' + t.textContent.slice(0, 30)); }
    });
  });
  document.querySelectorAll('.table-wrap').forEach((w, i) => {
    if (overflows(w) && !affordance(w.firstElementChild || w)) problems.push('table ' + (i + 1) + ' overflows without a scroll affordance');
  });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (!node.textContent.trim()) continue;
    const p = node.parentElement;
    if (p.closest('script, style, svg, .katex') || p.getClientRects().length === 0) continue;
    const px = parseFloat(getComputedStyle(p).fontSize);
    if (px < 11.95) { counts.smallText++; if (counts.smallText <= 3) problems.push('text at ' + px.toFixed(1) + ' px: ' + node.textContent.trim().slice(0, 30)); }
  }
  if (document.documentElement.scrollWidth > vw + 1) problems.push('the page scrolls sideways (' + document.documentElement.scrollWidth + ' px wide)');
  return JSON.stringify({problems, counts});
})()
"""

# The text of every exercise solution, to be found in the printed PDF.
SOLUTIONS_JS = r"""
JSON.stringify([...document.querySelectorAll('section.exercise details')].map(d =>
  [...d.querySelectorAll('p, figcaption, aside')].map(e => {
    const copy = e.cloneNode(true);
    copy.querySelectorAll('.katex, .math').forEach(k => k.remove());
    return copy.textContent;
  }).join(' ').slice(0, 300)).filter(t => t.trim()))
"""

def load(browser, path, width=1000, dark=False, mobile=False):
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=1400 if width > 600 else 812,
                 deviceScaleFactor=1 if width > 600 else 2, mobile=mobile)
    browser.call("Emulation.setEmulatedMedia", media="",
                 features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])
    browser.events = []
    browser.call("Page.navigate", url="file://" + os.path.abspath(path))
    browser.wait_for("Page.loadEventFired")
    time.sleep(0.1)

def evaluate(browser, js):
    return json.loads(browser.call("Runtime.evaluate", expression=js, returnByValue=True)["result"]["value"])

def check_phone(browser, path):
    load(browser, path, width=375, mobile=True)
    return evaluate(browser, PHONE_JS)

def squash(text):
    return "".join(text.split())

def print_pdf(browser, path, pdf):
    load(browser, path)
    data = browser.call("Page.printToPDF", printBackground=True, preferCSSPageSize=True)["data"]
    with open(pdf, "wb") as f:
        f.write(base64.b64decode(data))

def check_print(browser, path):
    load(browser, path)
    solutions = evaluate(browser, SOLUTIONS_JS)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "page.pdf")
        print_pdf(browser, path, pdf)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    printed = squash(text)
    problems = []
    checked = 0
    for i, solution in enumerate(solutions):
        # KaTeX's math comes out of a PDF in pieces; the words around it must all be there.
        words = re.findall(r"[^\W\d_]{4,}", solution)
        checked += bool(words)
        missing = [w for w in words if w not in printed]
        if missing:
            problems.append(f"solution {i + 1} is not in the printed page (missing: {' '.join(missing[:5])})")
    if not checked:
        problems.append("the page has no solution text to look for")
    # Navigation is for the screen: none of its links may reach the paper.
    for link in evaluate(browser, "JSON.stringify([...document.querySelectorAll('nav.top a, nav.pager a')].map(a => a.textContent))"):
        if squash(link) and squash(link) in printed:
            problems.append("navigation link printed: " + link)
    return problems, checked

def gallery(browser, out_dir, shots):
    os.makedirs(shots, exist_ok=True)
    for lang in ("en", "zh"):
        page = os.path.join(out_dir, lang, "quadrant-net.html")
        for name, kw, section in (("desktop", {"width": 1280}, None), ("phone", {"width": 375, "mobile": True}, None),
                                  ("phone-equations", {"width": 375, "mobile": True}, "the-first-iteration-forward"),
                                  ("dark", {"width": 1280, "dark": True}, None),
                                  ("dark-figures", {"width": 1280, "dark": True}, "training-the-iteration-repeated")):
            load(browser, page, **kw)
            if section:
                browser.call("Runtime.evaluate", expression=f"document.getElementById('{section}').scrollIntoView()")
                time.sleep(0.2)
            shot = browser.call("Page.captureScreenshot", format="png")
            target = os.path.join(shots, f"quadrant-net-{lang}-{name}.png")
            with open(target, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            print("saved " + target)
        pdf = os.path.join(shots, f"quadrant-net-{lang}-print.pdf")
        print_pdf(browser, page, pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf, pdf[:-4]], check=True)
        print("saved " + pdf)

def main():
    args = sys.argv[1:]
    phone = "--phone" in args
    measure = "--measure" in args
    args = [a for a in args if a not in ("--phone", "--measure")]
    printed = []
    if "--print" in args:
        i = args.index("--print")
        j = i + 1
        while j < len(args) and not args[j].startswith("--"):
            j += 1
        printed = args[i + 1:j]
        del args[i:j]
    shots_gallery = None
    if "--gallery" in args:
        i = args.index("--gallery")
        shots_gallery = args[i + 1]
        del args[i:i + 2]
    if printed or shots_gallery:
        if not shutil.which("pdftotext"):
            sudo = [] if os.geteuid() == 0 else ["sudo"]
            subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "poppler-utils"], check=True, stdout=subprocess.DEVNULL)
        browser = Browser()
        failed = 0
        try:
            if shots_gallery:
                gallery(browser, args[0] if args else "Output", shots_gallery)
            for page in printed:
                problems, n = check_print(browser, page)
                if problems:
                    failed += 1
                    print(f"FAIL {page} (printed)")
                    for p in problems[:10]:
                        print("     " + p)
                else:
                    print(f"ok   {page} printed with the text of all {n} worded solutions in it")
        finally:
            browser.close()
        if printed:
            print(f"print: {len(printed) - failed} passed, {failed} failed")
        return 1 if failed else 0
    if phone:
        out_dir = args[0] if args else "Output"
        pages = sorted(glob.glob(os.path.join(out_dir, "*.html")) + glob.glob(os.path.join(out_dir, "*", "*.html")))
        browser = Browser()
        passed = failed = 0
        totals = {}
        try:
            for page in pages:
                result = check_phone(browser, page)
                for k, v in result["counts"].items():
                    totals[k] = min(totals.get(k, 1e9), v) if k == "smallestFigureText" else totals.get(k, 0) + v
                if result["problems"] and not measure:
                    failed += 1
                    print(f"FAIL {page} (375 px)")
                    for p in result["problems"][:10]:
                        print("     " + p)
                else:
                    passed += 1
        finally:
            browser.close()
        print("at 375 px: " + ", ".join(f"{k} {round(v, 1)}" for k, v in totals.items()))
        print(f"phone: {passed} passed, {failed} failed")
        return 1 if failed else 0
    return desktop(args)

def desktop(args):
    args = sys.argv[1:]
    shots = None
    if "--screenshots" in args:
        i = args.index("--screenshots")
        shots = args[i + 1]
        del args[i:i + 2]
    out_dir = args[0] if args else "Output"
    pages = sorted(glob.glob(os.path.join(out_dir, "*.html")) + glob.glob(os.path.join(out_dir, "*", "*.html")) + glob.glob(os.path.join(out_dir, "*", "walkthroughs", "*.html")))
    if not pages:
        print(f"no HTML pages under {out_dir}")
        return 1
    if shots:
        os.makedirs(shots, exist_ok=True)
    browser = Browser()
    passed = failed = 0
    try:
        for page in pages:
            lang = os.path.basename(os.path.dirname(page))
            shot = os.path.join(shots, os.path.basename(page)[:-5] + ".png") if shots and lang == "en" else None
            problems, result = check_page(browser, page, out_dir, shot)
            if problems:
                failed += 1
                print(f"FAIL {page}")
                for p in problems[:10]:
                    print("     " + p)
            else:
                passed += 1
                print(f"ok   {page}  ({result['maths']} formulas, {result['figures']} figures)")
    finally:
        browser.close()
    print(f"pages: {passed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())

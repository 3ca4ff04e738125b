#!/usr/bin/env python3
"""Loads every generated HTML page in headless Chromium from file:// and fails unless, on every page,
KaTeX typeset every formula (no .katex-error, no raw $ or \\( left in the text), every figure holds a
non-empty SVG, every local link and image target exists, no request leaves the machine, and nothing
is logged to the console as an error. Saves a screenshot of each English lesson page.

Usage: scripts/verify-pages.py [OUTPUT_DIR] [--screenshots DIR]
Installs Debian's chromium (and CJK fonts for the screenshots) and the websocket-client package when missing.
Talks to Chromium over the DevTools protocol on the loopback interface only."""
import base64, glob, json, os, shutil, subprocess, sys, tempfile, time, urllib.parse

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
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
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
    browser.events = []
    url = "file://" + os.path.abspath(path)
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    time.sleep(0.05)
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

def main():
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

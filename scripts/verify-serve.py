#!/usr/bin/env python3
"""The live server in a real browser (headless Chromium driven by Selenium): a reader types a new
number into the sigmoid-neuron page's "Try your own numbers" panel and the page follows.

Fails unless: the page's numbers change without a reload, every formula is typeset again by KaTeX,
the URL carries the new value, the swapped page reads exactly like the same URL loaded fresh, a
refused value shows the lesson's message beside its field while the lesson stays as it was, the
static page's panel (file://) keeps its command line in step with the fields, the walkthrough editor
follows an example picked and a weight edited in its text area (numbers changed, math typeset, a bad
spec's located message beside the text area), and the browser logs no error (a Content-Security-Policy
violation would be one).

Usage: scripts/verify-serve.py SERVER_BINARY [--lesson ID --option NAME --value TEXT] [--screenshot PNG]
Installs selenium with pip when missing; needs Debian's chromium and chromium-driver."""
import os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

def ensure_tools():
    try:
        import selenium  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "selenium"], check=True)
    if not shutil.which("chromedriver") or not shutil.which("chromium"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], check=True, env=env,
                       stdout=subprocess.DEVNULL)

ensure_tools()
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

args = sys.argv[1:]
if not args:
    raise SystemExit(__doc__)
server_binary = args[0]
def option(name, default):
    return args[args.index(name) + 1] if name in args else default
LESSON = option("--lesson", "sigmoid-neuron")
OPTION = option("--option", "bias")
VALUE = option("--value", "5")
SCREENSHOT = option("--screenshot", None)

failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

port = free_port()
server = subprocess.Popen([server_binary, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
base = f"http://127.0.0.1:{port}"
for _ in range(200):
    try:
        urllib.request.urlopen(base + "/", timeout=1).read()
        break
    except OSError:
        time.sleep(0.1)
else:
    server.kill()
    raise SystemExit("the server did not start: " + server.stderr.read().decode())

options = webdriver.ChromeOptions()
options.binary_location = shutil.which("chromium")
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
wait = WebDriverWait(driver, 20)

ARTICLE_TEXT = """
const main = document.querySelector('main').cloneNode(true);
const panel = main.querySelector('#try');
if (panel) panel.remove();
main.querySelectorAll('.katex-mathml').forEach(e => e.remove());
return main.innerText;
"""
TYPESET = """
const maths = document.querySelectorAll('main .math');
return maths.length > 0 && document.querySelectorAll('main .math .katex').length === maths.length
  && document.querySelectorAll('.katex-error').length === 0;
"""

EDITOR_TEXT = """
const result = document.getElementById('editor-result').cloneNode(true);
result.querySelectorAll('.katex-mathml').forEach(e => e.remove());
return result.innerText;
"""
EDITOR_TEX = """
return Array.from(document.querySelectorAll('#editor-result annotation')).map(a => a.textContent).join(' ');
"""
EDITOR_TYPESET = """
const maths = document.querySelectorAll('#editor-result .math');
return maths.length > 0 && document.querySelectorAll('#editor-result .math .katex').length === maths.length
  && document.querySelectorAll('.katex-error').length === 0;
"""

def errors_in_log():
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]

try:
    # 1. The live page: type a new value, the page follows.
    driver.get(f"{base}/en/{LESSON}.html")
    wait.until(lambda d: d.execute_script(TYPESET))
    check(bool(driver.find_elements(By.ID, "try")), "the live page has a 'Try your own numbers' panel")
    before = driver.execute_script(ARTICLE_TEXT)
    field = driver.find_element(By.ID, f"try-{OPTION}")
    driver.execute_script("window.scrollTo(0, 200)")
    field.clear()
    field.send_keys(VALUE)
    changed = False
    try:
        wait.until(lambda d: d.execute_script(ARTICLE_TEXT) != before and f"{OPTION}={VALUE}" in d.current_url)
        changed = True
    except Exception:
        pass
    check(changed, f"typing {OPTION}={VALUE} changes the page's numbers and the URL ({driver.current_url})")
    wait.until(lambda d: d.execute_script(TYPESET))
    check(driver.execute_script(TYPESET), "every formula is typeset again after the swap")
    check(driver.switch_to.active_element == field, "the field keeps the focus while the page changes")
    check(abs(driver.execute_script("return window.scrollY") - 200) <= 1, "the scroll position is kept")
    swapped = driver.execute_script(ARTICLE_TEXT)
    if SCREENSHOT:
        driver.execute_script("document.getElementById('try').scrollIntoView()")
        driver.save_screenshot(SCREENSHOT)
    url = driver.current_url
    driver.get(url)
    wait.until(lambda d: d.execute_script(TYPESET))
    check(driver.execute_script(ARTICLE_TEXT) == swapped, "the swapped page reads exactly like the same URL loaded fresh")
    check(driver.find_element(By.ID, f"try-{OPTION}").get_attribute("value") == VALUE, "the fresh page's panel is pre-filled with the value")

    # 2. A refused value: the lesson's message beside the field, the lesson unchanged.
    field = driver.find_element(By.ID, f"try-{OPTION}")
    current = driver.execute_script(ARTICLE_TEXT)
    field.clear()
    field.send_keys("abc")
    message = ""
    try:
        wait.until(lambda d: d.find_element(By.ID, f"try-{OPTION}-error").text.strip() != "")
        message = driver.find_element(By.ID, f"try-{OPTION}-error").text
    except Exception:
        pass
    check(f"--{OPTION}" in message and "abc" in message, f"a refused value shows the message beside its field ({message!r})")
    check(driver.execute_script(ARTICLE_TEXT) == current, "the lesson stays as it was while the value is refused")
    check(field.get_attribute("aria-invalid") == "true", "the refused field is marked invalid")

    # 3. Without JavaScript the form is a plain GET form to the same page.
    form = driver.find_element(By.CSS_SELECTOR, "#try form")
    check(form.get_attribute("method") == "get" and form.get_attribute("action").startswith(f"{base}/en/{LESSON}.html"),
          "the panel is a GET form to the page itself")

    live_errors = [e for e in errors_in_log() if "400" not in e]
    check(not live_errors, "no errors in the browser's console on the live page " + "; ".join(live_errors)[:300])

    # 3a. A slow lesson (digits trains for seconds) says it is working while it recomputes, then clears
    # the message when the new page is in. Every text the status line shows is recorded as it changes.
    driver.get(f"{base}/en/digits.html")
    wait.until(lambda d: d.execute_script(TYPESET))
    driver.execute_script("""
        window.__statuses = [];
        const status = document.querySelector('#try .try-status');
        new MutationObserver(() => window.__statuses.push(status.textContent))
          .observe(status, { childList: true, characterData: true, subtree: true });""")
    working = driver.find_element(By.ID, "try").get_attribute("data-working")
    before = driver.execute_script(ARTICLE_TEXT)
    field = driver.find_element(By.ID, "try-seed")
    field.clear()
    field.send_keys("2")
    swapped = False
    try:
        WebDriverWait(driver, 120).until(lambda d: d.execute_script(ARTICLE_TEXT) != before and "seed=2" in d.current_url)
        swapped = True
    except Exception:
        pass
    statuses = driver.execute_script("return window.__statuses")
    status_now = driver.find_element(By.CSS_SELECTOR, "#try .try-status").text
    check(swapped and bool(working) and working in statuses and status_now == "",
          f"a slow recompute shows {working!r} while it runs and clears it when the page is in (seen {statuses!r}, now {status_now!r})")

    # 3b. The walkthrough editor: pick an example, edit a weight, the worked page follows.
    driver.get(f"{base}/en/walkthroughs/editor.html")
    wait.until(lambda d: d.execute_script(EDITOR_TYPESET))
    Select(driver.find_element(By.ID, "editor-preset")).select_by_value("mazur-2-2-2")
    loaded = False
    try:
        wait.until(lambda d: "preset=mazur-2-2-2" in d.current_url and "e^{-0.3775}" in d.execute_script(EDITOR_TEX))
        loaded = True
    except Exception:
        pass
    check(loaded, f"picking mazur-2-2-2 loads its spec and its worked page ({driver.current_url})")
    area = driver.find_element(By.ID, "editor-spec")
    spec = area.get_attribute("value")
    check("- [0.15, 0.20]" in spec, "the text area holds the example's spec")
    before = driver.execute_script(EDITOR_TEXT)
    area.clear()
    area.send_keys(spec.replace("- [0.15, 0.20]", "- [0.35, 0.20]"))
    edited = False
    try:
        wait.until(lambda d: "e^{-0.3875}" in d.execute_script(EDITOR_TEX) and "spec=" in d.current_url)
        edited = True
    except Exception:
        pass
    check(edited, "editing w1 to 0.35 re-works the page: net_h1 = 0.3875 without a reload")
    wait.until(lambda d: d.execute_script(EDITOR_TYPESET))
    check(driver.execute_script(EDITOR_TYPESET) and driver.execute_script(EDITOR_TEXT) != before,
          "the edited page's numbers changed and every formula is typeset again")
    check(driver.switch_to.active_element == area, "the text area keeps the focus while the page changes")
    shown = driver.execute_script(EDITOR_TEXT)
    area.send_keys("\nextra: 1\n")
    message = ""
    try:
        wait.until(lambda d: d.find_element(By.ID, "editor-error").text.strip() != "")
        message = driver.find_element(By.ID, "editor-error").text
    except Exception:
        pass
    check(message.startswith("line "), f"a bad spec shows the generator's located message beside the text area ({message!r})")
    check(driver.execute_script(EDITOR_TEXT) == shown and area.get_attribute("aria-invalid") == "true",
          "the worked page stays as it was and the text area is marked invalid")
    editor_errors = [e for e in errors_in_log() if "400" not in e]
    check(not editor_errors, "no errors in the browser's console on the editor " + "; ".join(editor_errors)[:300])

    # 4. The static page (file://): the command line follows the fields, nothing is broken.
    build = os.path.dirname(os.path.abspath(server_binary))
    longhand = os.path.join(build, "longhand")
    if os.path.exists(longhand):
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([longhand, "--out", out, "--only", LESSON, "--quiet"], check=True)
            driver.get(f"file://{out}/en/{LESSON}.html")
            wait.until(lambda d: d.execute_script(TYPESET))
            command = driver.find_element(By.CSS_SELECTOR, "#try .try-command")
            check(command.text == f"swift run {LESSON}", f"the static panel shows the command line ({command.text!r})")
            field = driver.find_element(By.ID, f"try-{OPTION}")
            field.clear()
            field.send_keys(VALUE)
            wait.until(lambda d: VALUE in d.find_element(By.CSS_SELECTOR, "#try .try-command").text)
            expected = f"swift run {LESSON} --{OPTION}={VALUE}" if VALUE.startswith("-") else f"swift run {LESSON} --{OPTION} {VALUE}"
            check(driver.find_element(By.CSS_SELECTOR, "#try .try-command").text == expected, "the static command line follows the field")
            check("make serve" in driver.find_element(By.CSS_SELECTOR, "#try .try-serve").text, "the static panel says how to start the server")
            static_errors = errors_in_log()
            check(not static_errors, "no errors in the browser's console on the static page " + "; ".join(static_errors)[:300])
finally:
    driver.quit()
    server.terminate()
    try:
        code = server.wait(timeout=10)
        check(code == 0, f"the server shuts down gracefully on SIGTERM (exit {code})")
    except subprocess.TimeoutExpired:
        server.kill()
        check(False, "the server shuts down within 10 s of SIGTERM")

passed = "all" if not failures else f"{len(failures)} failed"
print(f"verify-serve: {passed}")
sys.exit(1 if failures else 0)

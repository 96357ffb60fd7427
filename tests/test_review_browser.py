"""The review page in a real browser: Debian's Chromium driven by Selenium through the
system chromedriver (Selenium Manager never downloads anything).

.ci/run installs chromium and chromium-driver and sets DEBUGEX_REQUIRE_BROWSER=1, so in CI
these tests run or fail; elsewhere, without them, they are skipped with the reason.
"""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from debugex.content.exercises import load_exercise
from debugex.workflow import GenerateOptions, generate
from debugex.workflow.batch import load_batch

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
# One Chromium and one generated batch for the module: its tests run on one xdist worker.
pytestmark = pytest.mark.xdist_group("browser")
EXERCISES = ("leap_year", "fizz_buzz")
REQUIRED = bool(os.environ.get("DEBUGEX_REQUIRE_BROWSER"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[test]')"
    if not CHROMIUM or not DRIVER:
        return "Chromium or its driver is missing (apt-get install chromium chromium-driver)"
    return None


if _missing():
    if REQUIRED:
        pytest.fail(f"DEBUGEX_REQUIRE_BROWSER is set but {_missing()}", pytrace=False)
    pytest.skip(_missing(), allow_module_level=True)

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as seen  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from debugex.review.app import create_app  # noqa: E402
from debugex.review.server import bind, redirect_file, url_of  # noqa: E402


@pytest.fixture(scope="module")
def tiny_batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    summary = generate(GenerateOptions(content=CONTENT, slugs=EXERCISES, per_exercise=2,
                                       seed=3, workers=1, out=out))
    assert summary.written >= 3
    return summary.batch


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--window-size=1300,900",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def page(tiny_batch, tmp_path, sandbox, browser):
    """A fresh copy of the batch served on a free port; yields (the tokened url, batch
    folder)."""
    copy = tmp_path / tiny_batch.name
    shutil.copytree(tiny_batch, copy)
    exercises = [load_exercise(CONTENT / slug) for slug in EXERCISES]
    sock = bind("127.0.0.1", 0)
    app = create_app(load_batch(copy), sandbox, exercises)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield url_of(sock, "127.0.0.1", app.state.token), copy
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
    for handle in browser.window_handles[1:]:  # a test that opened a second tab
        browser.switch_to.window(handle)
        browser.close()
    browser.switch_to.window(browser.window_handles[0])


def wait(browser, condition, timeout: float = 15):
    return WebDriverWait(browser, timeout, poll_frequency=0.05).until(condition)


def open_page(browser, url: str) -> None:
    browser.get(url)
    wait(browser, seen.presence_of_element_located((By.CSS_SELECTOR, "#explanations li")))


def press(browser, key: str) -> None:
    browser.find_element(By.TAG_NAME, "body").send_keys(key)


def message(browser, words: str) -> str:
    wait(browser, seen.text_to_be_present_in_element((By.ID, "message"), words))
    return browser.find_element(By.ID, "message").text


def current(browser) -> str:
    """The draft shown (the list marks it once the page has loaded it)."""
    item = wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#list li.current"))[0]
    return item.get_attribute("data-id")


def log(batch: Path) -> list[dict]:
    return [json.loads(line) for line in (batch / "decisions.jsonl").read_text().splitlines()]


def test_accept_reject_with_a_note_and_undo_from_the_keyboard(browser, page):
    url, batch = page
    open_page(browser, url)
    first = current(browser)
    press(browser, "a")
    message(browser, f"{first} accepted")
    second = current(browser)
    assert second != first  # moved on to the next draft
    press(browser, "r")
    note = browser.find_element(By.ID, "note")
    wait(browser, lambda _: note.is_displayed())
    note.send_keys("the bug is too easy to spot", Keys.ENTER)
    message(browser, f"{second} rejected: the bug is too easy to spot")
    assert [(r["draft"], r["decision"], r["note"]) for r in log(batch)] == [
        (first, "accepted", ""), (second, "rejected", "the bug is too easy to spot")]
    badges = {li.get_attribute("data-id"): li.get_attribute("data-decision")
              for li in browser.find_elements(By.CSS_SELECTOR, "#list li")}
    assert badges[first] == "accepted" and badges[second] == "rejected"
    press(browser, "u")  # takes back the last decision made in this page
    message(browser, f"{second}: rejected undone")
    assert current(browser) == second
    assert load_batch(batch).decisions().keys() == {first}


def test_an_edit_that_fails_the_audit_then_one_that_passes(browser, page):
    url, batch = page
    open_page(browser, url)
    draft = load_batch(batch).draft(current(browser))
    press(browser, "e")
    text = browser.find_element(By.ID, "edit-text")
    wait(browser, lambda _: text.is_displayed())
    assert text.get_attribute("value") == draft["assistant_xml"]
    broken = draft["assistant_xml"].replace("<error-location>", "<error-location>\n99")
    browser.execute_script("arguments[0].value = arguments[1]", text, broken)
    browser.find_element(By.ID, "edit-save").click()
    message(browser, "does not audit clean")
    defects = wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#defects li"))
    assert all(d.text.split(":")[0] for d in defects) and log(batch) == []
    good = draft["assistant_xml"].replace("Line ", "Line  ", 1)
    browser.execute_script("arguments[0].value = arguments[1]", text, good)
    browser.find_element(By.ID, "edit-save").click()
    message(browser, f"{draft['id']} accepted: edited")
    record = load_batch(batch).decisions()[draft["id"]]
    assert record["assistant_xml"] == good


def test_filters(browser, page):
    url, batch = page
    open_page(browser, url)
    drafts = load_batch(batch).drafts

    def listed() -> list[str]:
        return [li.get_attribute("data-id")
                for li in browser.find_elements(By.CSS_SELECTOR, "#list li")]

    assert listed() == [d["id"] for d in drafts]
    Select(browser.find_element(By.ID, "f-exercise")).select_by_value("fizz_buzz")
    assert listed() == [d["id"] for d in drafts if d["exercise"] == "fizz_buzz"]
    assert current(browser) in listed()  # the view follows the filter
    Select(browser.find_element(By.ID, "f-exercise")).select_by_value("")
    error_class = drafts[0]["errors"][0]["error_class"]
    Select(browser.find_element(By.ID, "f-class")).select_by_value(error_class)
    assert listed() == [d["id"] for d in drafts
                        if error_class in {e["error_class"] for e in d["errors"]}]
    Select(browser.find_element(By.ID, "f-class")).select_by_value("")
    injector = drafts[-1]["errors"][0]["injector"]
    Select(browser.find_element(By.ID, "f-injector")).select_by_value(injector)
    assert listed() == [d["id"] for d in drafts
                        if injector in {e["injector"] for e in d["errors"]}]
    Select(browser.find_element(By.ID, "f-injector")).select_by_value("")
    first = drafts[0]["id"]
    browser.find_element(By.CSS_SELECTOR, f'#list li[data-id="{first}"]').click()
    wait(browser, lambda _: current(browser) == drafts[0]["id"])
    press(browser, "a")
    message(browser, f"{drafts[0]['id']} accepted")
    Select(browser.find_element(By.ID, "f-decision")).select_by_value("undecided")
    assert listed() == [d["id"] for d in drafts[1:]]
    press(browser, "a")  # accepting under this filter moves on within it
    message(browser, f"{drafts[1]['id']} accepted")
    assert listed() == [d["id"] for d in drafts[2:]] and current(browser) == drafts[2]["id"]


def test_a_second_tab_deciding_the_same_draft_is_refused(browser, page):
    url, batch = page
    open_page(browser, url)
    first = current(browser)
    browser.switch_to.new_window("tab")
    open_page(browser, url)
    assert current(browser) == first
    press(browser, "a")  # the second tab decides first
    message(browser, f"{first} accepted")
    browser.switch_to.window(browser.window_handles[0])
    press(browser, "r")
    note = browser.find_element(By.ID, "note")
    wait(browser, lambda _: note.is_displayed())
    note.send_keys("from the stale tab", Keys.ENTER)
    text = message(browser, "decided elsewhere")
    assert "accepted" in text
    assert [(r["draft"], r["decision"]) for r in log(batch)] == [(first, "accepted")]
    wait(browser, seen.text_to_be_present_in_element((By.ID, "decision"), "accepted"))


def test_without_the_token_the_page_is_refused_and_with_it_it_keeps_working(browser, page,
                                                                            tmp_path):
    url, batch = page
    bare = url.split("?")[0]
    browser.get(bare)
    assert "needs its token" in browser.find_element(By.TAG_NAME, "body").text
    assert not browser.find_elements(By.ID, "list")
    # as `serve` opens it: a private file that sends the browser on to the tokened address
    browser.get(redirect_file(url, tmp_path).as_uri())
    wait(browser, seen.presence_of_element_located((By.CSS_SELECTOR, "#explanations li")))
    browser.refresh()  # the page and its API calls still carry the token (its cookie)
    first = current(browser)
    press(browser, "a")
    message(browser, f"{first} accepted")
    assert [(r["draft"], r["decision"]) for r in log(batch)] == [(first, "accepted")]

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
from debugex.formats import parse_assistant, parse_user
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
from selenium.common.exceptions import (  # noqa: E402
    StaleElementReferenceException,
    TimeoutException,
)
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


@pytest.fixture(scope="module")
def big_batch(tiny_batch, tmp_path_factory) -> Path:
    """500 drafts, each a copy of one of the tiny batch's under its own id (r000-..., a
    prefix no other id contains): a batch of the size a teacher reviews, made in no time."""
    big = tmp_path_factory.mktemp("big") / "big"
    big.mkdir()
    shutil.copy(tiny_batch / "batch.json", big / "batch.json")
    drafts = load_batch(tiny_batch).drafts
    with open(big / "drafts.jsonl", "w", encoding="utf-8") as out:
        for number in range(500):
            copy = {**drafts[number % len(drafts)]}
            copy["id"] = f"r{number:03d}-{copy['id']}"
            out.write(json.dumps(copy) + "\n")
    (big / "decisions.jsonl").write_text("")
    return big


@pytest.fixture
def page(tiny_batch, tmp_path, sandbox, browser):
    """A fresh copy of the batch served on a free port; yields (the tokened url, batch
    folder)."""
    yield from served(tiny_batch, tmp_path, sandbox, browser)


@pytest.fixture
def big_page(big_batch, tmp_path, sandbox, browser):
    yield from served(big_batch, tmp_path, sandbox, browser, reviewer="ada")


def served(source: Path, tmp_path: Path, sandbox, browser, reviewer: str | None = None):
    copy = tmp_path / source.name
    shutil.copytree(source, copy)
    exercises = [load_exercise(CONTENT / slug) for slug in EXERCISES]
    sock = bind("127.0.0.1", 0)
    app = create_app(load_batch(copy), sandbox, exercises, reviewer=reviewer)
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
    # the list is drawn again after each decision: an element found a moment ago may be gone
    return WebDriverWait(browser, timeout, poll_frequency=0.05,
                         ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def open_page(browser, url: str) -> None:
    browser.get(url)
    wait(browser, seen.presence_of_element_located((By.CSS_SELECTOR, ".annotation")))


def press(browser, key: str) -> None:
    browser.find_element(By.TAG_NAME, "body").send_keys(key)


def message(browser, words: str, where: str = "message") -> str:
    """The text of #message (what was written) or #errors (what was refused) once it
    holds `words`."""
    wait(browser, seen.text_to_be_present_in_element((By.ID, where), words))
    return browser.find_element(By.ID, where).text


def listed(browser) -> list[str]:
    """The ids in the list, in its order (one call: a list of 500 is read at once)."""
    return browser.execute_script(
        "return [...document.querySelectorAll('#list li[data-id]')].map(li => li.dataset.id)")


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
    browser.find_element(By.CSS_SELECTOR, '#tags input[value="too obvious"]').click()
    note.send_keys("the bug is too easy to spot", Keys.ENTER)
    message(browser, f"{second} rejected: the bug is too easy to spot")
    assert [(r["draft"], r["decision"], r["note"], r.get("tags")) for r in log(batch)] == [
        (first, "accepted", "", None),
        (second, "rejected", "the bug is too easy to spot", ["too obvious"])]
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
    message(browser, "does not audit clean", "edit-status")
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
    assert listed(browser) == [d["id"] for d in drafts]
    Select(browser.find_element(By.ID, "f-exercise")).select_by_value("fizz_buzz")
    assert listed(browser) == [d["id"] for d in drafts if d["exercise"] == "fizz_buzz"]
    assert current(browser) in listed(browser)  # the view follows the filter
    Select(browser.find_element(By.ID, "f-exercise")).select_by_value("")
    error_class = drafts[0]["errors"][0]["error_class"]
    Select(browser.find_element(By.ID, "f-class")).select_by_value(error_class)
    assert listed(browser) == [d["id"] for d in drafts
                        if error_class in {e["error_class"] for e in d["errors"]}]
    Select(browser.find_element(By.ID, "f-class")).select_by_value("")
    injector = drafts[-1]["errors"][0]["injector"]
    Select(browser.find_element(By.ID, "f-injector")).select_by_value(injector)
    assert listed(browser) == [d["id"] for d in drafts
                        if injector in {e["injector"] for e in d["errors"]}]
    Select(browser.find_element(By.ID, "f-injector")).select_by_value("")
    first = drafts[0]["id"]
    browser.find_element(By.CSS_SELECTOR, f'#list li[data-id="{first}"]').click()
    wait(browser, lambda _: current(browser) == drafts[0]["id"])
    press(browser, "a")
    message(browser, f"{drafts[0]['id']} accepted")
    Select(browser.find_element(By.ID, "f-decision")).select_by_value("undecided")
    assert listed(browser) == [d["id"] for d in drafts[1:]]
    press(browser, "a")  # accepting under this filter moves on within it
    message(browser, f"{drafts[1]['id']} accepted")
    assert listed(browser) == [d["id"] for d in drafts[2:]] and current(browser) == drafts[2]["id"]


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
    text = message(browser, "decided elsewhere", "errors")
    assert f"{first} was not rejected" in text and "it is now accepted" in text
    assert [(r["draft"], r["decision"]) for r in log(batch)] == [(first, "accepted")]
    # the list is read again: the draft shows what the other tab decided
    wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, f'#list li[data-id="{first}"]')
         .get_attribute("data-decision") == "accepted")


def test_without_the_token_the_page_is_refused_and_with_it_it_keeps_working(browser, page,
                                                                            tmp_path):
    url, batch = page
    bare = url.split("?")[0]
    browser.get(bare)
    assert "needs its token" in browser.find_element(By.TAG_NAME, "body").text
    assert not browser.find_elements(By.ID, "list")
    # as `serve` opens it: a private file that sends the browser on to the tokened address
    browser.get(redirect_file(url, tmp_path).as_uri())
    wait(browser, seen.presence_of_element_located((By.CSS_SELECTOR, ".annotation")))
    browser.refresh()  # the page and its API calls still carry the token (its cookie)
    first = current(browser)
    press(browser, "a")
    message(browser, f"{first} accepted")
    assert [(r["draft"], r["decision"]) for r in log(batch)] == [(first, "accepted")]


def test_keys_pressed_faster_than_the_server_answers_each_keep_their_decision(browser, page):
    url, batch = page
    open_page(browser, url)
    ids = listed(browser)
    press(browser, "aa")  # one command: the second key comes before the first is written
    wait(browser, lambda _: len(log(batch)) == 2)
    message(browser, f"{ids[1]} accepted")
    assert [(r["draft"], r["decision"]) for r in log(batch)] == [(ids[0], "accepted"),
                                                                 (ids[1], "accepted")]
    assert not browser.find_element(By.ID, "errors").is_displayed()
    press(browser, "a" * (len(ids) - 1))  # the rest, and once more past the last
    wait(browser, lambda _: len(log(batch)) == len(ids))
    message(browser, f"{ids[-1]} is accepted already and no draft comes after it", "notice")
    assert [r["draft"] for r in log(batch)] == ids  # each draft once, in the order shown


def _search(browser, text: str, expected: list[str]) -> list[str]:
    """Type `text` in the search box; the list once it shows `expected` (or after 5 s)."""
    box = browser.find_element(By.ID, "search")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    if text:
        box.send_keys(text)
    try:
        wait(browser, lambda _: listed(browser) == expected, timeout=5)
    except TimeoutException:
        pass  # the assertion shows the difference
    return listed(browser)


def test_search_over_ids_programs_and_explanations(browser, big_page):
    url, batch = big_page
    open_page(browser, url)
    drafts = load_batch(batch).drafts
    everyone = [d["id"] for d in drafts]
    assert listed(browser) == everyone
    assert _search(browser, "r123-", [drafts[123]["id"]]) == [drafts[123]["id"]]
    assert current(browser) == drafts[123]["id"]  # the view follows the search

    def holding(*words: str) -> list[str]:
        texts = {d["id"]: "\n".join([d["id"], parse_user(d["user_xml"]).program,
                                      parse_assistant(d["assistant_xml"]).program,
                                      *parse_assistant(d["assistant_xml"]).explanations]).lower()
                 for d in drafts}
        return [i for i, text in texts.items() if all(w.lower() in text for w in words)]

    sentence = parse_assistant(drafts[1]["assistant_xml"]).explanations[0]
    word = max(sentence.split(), key=len)  # a word of an explanation
    expected = holding(word)
    assert 0 < len(expected) < 500 and _search(browser, word, expected) == expected
    line = parse_assistant(drafts[0]["assistant_xml"]).program.splitlines()[-1]
    token = max(line.split(), key=len)  # a word of the incorrect program
    both = holding(token, "r00")  # every word must be there
    assert 0 < len(both) < 10 and _search(browser, f"{token}  R00", both) == both
    assert _search(browser, "no draft says this", []) == []
    assert "No draft matches" in browser.find_element(By.ID, "draft").text
    assert _search(browser, "", everyone) == everyone


def test_accept_all_shown_asks_first_then_accepts_them_all(browser, big_page):
    url, batch = big_page
    open_page(browser, url)
    Select(browser.find_element(By.ID, "f-exercise")).select_by_value("fizz_buzz")
    chosen = listed(browser)
    button = browser.find_element(By.ID, "b-accept-all")
    assert button.text == f"Accept all {len(chosen)} shown"
    button.click()
    alert = wait(browser, seen.alert_is_present())
    assert f"Accept {len(chosen)} drafts" in alert.text
    alert.dismiss()  # said no: nothing is written
    assert log(batch) == []
    button.click()
    wait(browser, seen.alert_is_present()).accept()
    wait(browser, lambda _: len(log(batch)) == len(chosen))
    assert {(r["draft"], r["decision"], r["reviewer"]) for r in log(batch)} == {
        (i, "accepted", "ada") for i in chosen}
    wait(browser, seen.text_to_be_present_in_element(
        (By.ID, "shown"), f"{len(chosen)} of 500 shown · {len(chosen)} decided (100%) · 0 undecided"))
    assert not button.is_enabled()
    Select(browser.find_element(By.ID, "f-exercise")).select_by_value("")
    assert f"{len(chosen)} decided" in browser.find_element(By.ID, "shown").text


def _box(browser, element_id: str) -> dict:
    return browser.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
        " width: innerWidth, height: innerHeight};", element_id)


def _in_view(box: dict) -> bool:
    return 0 <= box["top"] and box["bottom"] <= box["height"] and 0 <= box["left"] \
        and box["right"] <= box["width"] and box["bottom"] > box["top"]


def test_at_1280_by_720_the_buttons_and_explanations_are_in_view_and_arrows_scroll(
        browser, big_page):
    url, _ = big_page
    metrics = {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        open_page(browser, url)
        first = current(browser)
        assert _in_view(_box(browser, "b-accept")) and _in_view(_box(browser, "b-reject"))
        note = browser.find_element(By.CSS_SELECTOR, ".annotation")
        assert browser.execute_script(
            "return arguments[0].getBoundingClientRect().bottom <= innerHeight", note)
        # a window too short for the draft: the arrows scroll it, the buttons stay
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": 360})
        wait(browser, lambda b: b.execute_script(
            "const s = document.getElementById('scroller'); return s.scrollHeight > s.clientHeight"))
        press(browser, Keys.ARROW_DOWN * 3)
        wait(browser, lambda b: b.execute_script(
            "return document.getElementById('scroller').scrollTop > 0"))
        assert current(browser) == first and _in_view(_box(browser, "b-accept"))
        press(browser, "j")  # j, not an arrow, goes to the next draft
        wait(browser, lambda _: current(browser) != first)
        press(browser, "A")  # a note on accepting: no reasons to tick, those are a rejection's
        wait(browser, lambda b: b.find_element(By.ID, "note").is_displayed())
        assert not browser.find_element(By.ID, "tags").is_displayed()
        browser.find_element(By.ID, "note").send_keys(Keys.ESCAPE)
        wait(browser, lambda b: not b.find_element(By.ID, "note").is_displayed())
        press(browser, "?")
        wait(browser, lambda b: b.find_element(By.ID, "keys").is_displayed())
        assert "accept with a note" in browser.find_element(By.ID, "keys").text
        press(browser, Keys.ESCAPE)
        wait(browser, lambda b: not b.find_element(By.ID, "keys").is_displayed())
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

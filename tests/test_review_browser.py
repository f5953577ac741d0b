"""The review app in a real headless Chromium (Debian's, from scripts/chromium.sh) driven by
Playwright: keyboard and mouse actions, reloads checked against the database, escaping, two tabs,
and forged cross-site POSTs from a page of another origin.

One browser and one live server for the module; each test works on its own document set.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from review_support import SCRIPT, LiveServer, beads, build_set, nl_positions
from sqlalchemy import select

from tmtool.search import QueryError, parse_query
from tmtool.store import Store, open_store
from tmtool.store.schema import segments

pytestmark = pytest.mark.browser


def _unavailable(reason: str) -> None:
    if os.environ.get("TMTOOL_TEST_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (TMTOOL_TEST_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def find_chromium() -> str | None:
    explicit = os.environ.get("TMTOOL_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        _unavailable("no Chromium executable (run scripts/chromium.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install 'tmtool[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, LiveServer]]:
    path = tmp_path_factory.mktemp("review") / "tm.db"
    with open_store(str(path)) as store, LiveServer(store) as server:
        yield store, server


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def review_set(
    memory: tuple[Store, LiveServer], request: pytest.FixtureRequest
) -> tuple[Store, str, int]:
    store, server = memory
    set_id = build_set(store, 8, tag=request.node.name)
    return store, f"{server.url}/sets/{set_id}", set_id


def act(page: Any, do: Any) -> None:
    """Run ``do`` (a key press or a click) and wait for the page it submits to load."""
    with page.expect_navigation():
        do()
    page.wait_for_load_state()


def watched_page(context: Any) -> tuple[Any, list[str]]:
    """A new tab, and the messages of any alert/confirm dialog a script in it opens."""
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs


def statuses(store: Store, set_id: int) -> list[str]:
    return [status for _, status in beads(store, set_id)]


def test_keyboard_accept_reject_merge_split_undo(context: Any, review_set: tuple) -> None:
    store, url, set_id = review_set
    page, dialogs = watched_page(context)
    page.goto(url)
    assert "a accept" in page.locator("#shortcuts").inner_text()

    act(page, lambda: page.keyboard.press("a"))  # the first row has the focus
    assert page.locator("#status-line").inner_text() == "Accepted."
    page.keyboard.press("j")
    act(page, lambda: page.keyboard.press("r"))
    assert statuses(store, set_id)[:3] == ["reviewed", "rejected", "auto"]

    page.keyboard.press("j")  # the focus stayed on the rejected row; go to the third
    act(page, lambda: page.keyboard.press("m"))
    assert nl_positions(store, set_id)[:4] == [(0,), (1,), (2, 3), (4,)]
    act(page, lambda: page.keyboard.press("s"))  # the merged unit kept the focus
    assert nl_positions(store, set_id)[:4] == [(0,), (1,), (2,), (3,)]
    assert statuses(store, set_id)[2:4] == ["reviewed", "reviewed"]

    act(page, lambda: page.keyboard.press("u"))  # undo the split
    assert nl_positions(store, set_id)[:4] == [(0,), (1,), (2, 3), (4,)]
    act(page, lambda: page.keyboard.press("Control+z"))  # undo the merge
    assert nl_positions(store, set_id) == [(i,) for i in range(8)]
    assert statuses(store, set_id)[:4] == ["reviewed", "rejected", "auto", "auto"]

    page.reload()
    rows = page.locator("tr.unit")
    assert rows.count() == 8
    assert "status-reviewed" in rows.nth(0).get_attribute("class")
    assert "status-rejected" in rows.nth(1).get_attribute("class")
    assert "status-auto" in rows.nth(2).get_attribute("class")
    assert dialogs == []  # the <script> segment never ran


def test_mouse_accept_reject_merge_split_move_undo(context: Any, review_set: tuple) -> None:
    store, url, set_id = review_set
    page = context.new_page()
    page.goto(url)
    rows = page.locator("tr.unit")
    first_id = rows.nth(0).get_attribute("data-unit")
    act(page, lambda: rows.nth(0).locator("button.accept").click())
    act(page, lambda: rows.nth(1).locator("button.reject").click())
    act(page, lambda: rows.nth(4).locator("button.merge").click())
    assert nl_positions(store, set_id)[4] == (4, 5)
    act(page, lambda: rows.nth(4).locator("button.split").click())
    assert nl_positions(store, set_id)[4:6] == [(4,), (5,)]
    fr_down = rows.nth(6).locator('td[lang="fr"] button.move[value="move:fr:down"]')
    act(page, lambda: (rows.nth(6).hover(), fr_down.click()))
    assert beads(store, set_id)[6:8] == [
        ("en:6|fr:|nl:6", "reviewed"),
        ("en:7|fr:6,7|nl:7", "reviewed"),
    ]
    act(page, lambda: page.locator("#undo").click())
    assert beads(store, set_id)[6][0] == "en:6|fr:6|nl:6"

    page.reload()
    assert page.locator(f"#u{first_id} .status").inner_text() == "✔ reviewed"
    assert statuses(store, set_id) == [
        "reviewed",
        "rejected",
        "auto",
        "auto",
        "reviewed",
        "reviewed",
        "auto",
        "auto",
    ]


def test_text_is_escaped_and_edit_keeps_the_original(context: Any, review_set: tuple) -> None:
    store, url, _ = review_set
    page, dialogs = watched_page(context)
    page.goto(url)
    third = page.locator("tr.unit").nth(2)
    assert third.locator('td[lang="nl"] .seg').inner_text() == f"{SCRIPT} nl"
    assert page.locator("main script, main b").count() == 0
    page.keyboard.press("j")
    page.keyboard.press("j")
    act(page, lambda: page.keyboard.press("e"))
    box = page.locator("textarea[lang=nl]")
    box.fill("Gecorrigeerde zin.")
    act(page, lambda: page.locator("form.edit-segment", has=box).locator("button").click())
    assert page.locator("#status-line").inner_text().startswith("Saved the edited text")
    with store.engine.connect() as conn:
        row = conn.execute(
            select(segments.c.text, segments.c.machine_text, segments.c.original).where(
                segments.c.text == "Gecorrigeerde zin."
            )
        ).one()
    assert row.machine_text == row.original == f"{SCRIPT} nl"
    assert dialogs == []


def test_the_search_box_says_what_tmtool_search_says(context: Any, review_set: tuple) -> None:
    """``/`` then ``«»`` and Enter: the page shows the library's "nothing to search for" line,
    as `tmtool search «»` does, not "no unit matches" (branch ux19b)."""
    _, url, _ = review_set
    with pytest.raises(QueryError) as caught:
        parse_query("«»")
    page, dialogs = watched_page(context)
    page.goto(url)
    page.keyboard.press("/")
    page.keyboard.type("«»")
    act(page, lambda: page.keyboard.press("Enter"))
    assert page.locator("#search-error").inner_text() == str(caught.value)
    assert "no unit matches" not in page.locator("nav.pager").inner_text()
    assert page.locator("tr.unit").count() == 0 and dialogs == []


def test_two_tabs_the_second_save_is_refused(context: Any, review_set: tuple) -> None:
    store, url, set_id = review_set
    first_tab, second_tab = context.new_page(), context.new_page()
    first_tab.goto(url)
    second_tab.goto(url)
    act(first_tab, lambda: first_tab.keyboard.press("a"))
    act(second_tab, lambda: second_tab.keyboard.press("r"))
    assert "changed in another tab" in second_tab.locator(".message").inner_text()
    assert statuses(store, set_id)[0] == "reviewed"
    act(second_tab, lambda: second_tab.locator("#back").click())
    assert "status-reviewed" in second_tab.locator("tr.unit").nth(0).get_attribute("class")


class _Attacker(BaseHTTPRequestHandler):
    """Serves one page (set on the server object) from another origin."""

    def do_GET(self) -> None:
        body = self.server.page.encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def attacker() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Attacker)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_forged_cross_site_posts_change_nothing(
    context: Any, review_set: tuple, attacker: ThreadingHTTPServer, memory: tuple
) -> None:
    store, url, set_id = review_set
    page = context.new_page()
    page.goto(url)
    form = page.locator("tr.unit").nth(0).locator("form")
    unit_id = page.locator("tr.unit").nth(0).get_attribute("data-unit")
    token = form.locator("input[name=csrf]").get_attribute("value")
    version = form.locator("input[name=version]").get_attribute("value")
    target = f"{url}/units/{unit_id}"
    before = beads(store, set_id)
    attacker_url = f"http://127.0.0.1:{attacker.server_address[1]}/"
    for csrf in ("", token):  # a guessed token, and even the real one, from another origin
        attacker.page = (  # type: ignore[attr-defined]
            f'<form id="f" method="post" action="{target}">'
            f'<input name="csrf" value="{csrf}"><input name="version" value="{version}">'
            '<input name="action" value="reject"></form>'
            "<script>document.getElementById('f').submit()</script>"
        )
        page.goto(attacker_url)
        page.wait_for_url(lambda address: address.startswith(url))  # the form was sent
        assert "Refused" in page.content()
        assert beads(store, set_id) == before
    attacker.page = (  # type: ignore[attr-defined]
        "<script>const body = new URLSearchParams({csrf: '', action: 'reject', "
        f"version: '{version}'}});"
        f"window.done = fetch('{target}', {{method: 'POST', mode: 'no-cors', body}})"
        ".then(() => 'sent', () => 'failed');</script>"
    )
    page.goto(attacker_url)
    assert page.evaluate("window.done") in ("sent", "failed")
    assert beads(store, set_id) == before
    undo = f"{url}/undo"
    attacker.page = (  # type: ignore[attr-defined]
        f'<form id="f" method="post" action="{undo}"><input name="csrf" value="{token}"></form>'
        "<script>document.getElementById('f').submit()</script>"
    )
    page.goto(attacker_url)
    page.wait_for_url(lambda address: address.startswith(url))
    assert "Refused" in page.content()
    assert beads(store, set_id) == before

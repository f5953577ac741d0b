"""The review app over HTTP (Starlette's test client): pages, escaping, the CSRF/Host/Origin
guard, version conflicts, filters and paging, and the server time of a 5,000-unit set."""

from __future__ import annotations

import re
import socket
from html import unescape
from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner
from review_support import SCRIPT, beads, build_set
from starlette.testclient import TestClient

from tmtool.cli import cli
from tmtool.errors import ReviewError
from tmtool.review import ReviewSettings, allowed_hosts, create_app, is_loopback
from tmtool.review.server import bind
from tmtool.search import QueryError, parse_query
from tmtool.store import Store, open_store

ORIGIN = "http://127.0.0.1:8765"


@pytest.fixture
def site(tm_store: Store) -> tuple[TestClient, Store, int]:
    set_id = build_set(tm_store, 12)
    app = create_app(
        tm_store, hosts=allowed_hosts("127.0.0.1", 8765), settings=ReviewSettings(page_size=5)
    )
    return TestClient(app, base_url=ORIGIN), tm_store, set_id


def form_of(html: str, unit_id: int) -> dict[str, str]:
    """The hidden fields of a unit's action form, as the page rendered them."""
    form = re.search(rf'<form[^>]*id="f{unit_id}">(.*?)</form>', html, re.S)
    assert form, f"no form for unit {unit_id}"
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(1)))


def unit_ids(html: str) -> list[int]:
    return [int(uid) for uid in re.findall(r'<tr id="u(\d+)"', html)]


def post(client: TestClient, set_id: int, unit_id: int, data: dict, **headers: str):
    return client.post(
        f"/sets/{set_id}/units/{unit_id}",
        data=data,
        headers={"origin": ORIGIN, **headers},
        follow_redirects=False,
    )


def test_overview_lists_sets_with_counts(site: tuple[TestClient, Store, int]) -> None:
    client, _, set_id = site
    html = client.get("/").text
    assert f'href="/sets/{set_id}"' in html
    assert "nl–fr, nl–en" in html
    low = sum(1 for i in range(12) if round(0.3 + 0.7 * ((i * 37) % 100) / 100, 3) < 0.5)
    assert re.search(rf'<td class="n">0</td>\s*<td class="n">{low}</td>', html)  # rejected, low


def test_set_page_escapes_text_and_sends_security_headers(
    site: tuple[TestClient, Store, int],
) -> None:
    client, _, set_id = site
    response = client.get(f"/sets/{set_id}")
    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;"
        in response.text
    )
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert "<kbd>a</kbd> accept" in response.text  # the shortcuts are listed
    assert len(unit_ids(response.text)) == 5  # one page


def test_accept_then_a_stale_page_is_refused(site: tuple[TestClient, Store, int]) -> None:
    client, store, set_id = site
    html = client.get(f"/sets/{set_id}").text
    first = unit_ids(html)[0]
    fields = form_of(html, first)
    response = post(client, set_id, first, {**fields, "action": "accept"})
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"done=accept&focus={first}#u{first}")
    assert beads(store, set_id)[0][1] == "reviewed"
    stale = post(client, set_id, first, {**fields, "action": "reject"})
    assert stale.status_code == 409
    assert "changed in another tab" in stale.text and "Nothing was changed" in stale.text
    assert beads(store, set_id)[0][1] == "reviewed"


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"csrf": None}, 403),
        ({"csrf": "forged"}, 403),
        ({"origin": "http://evil.example"}, 403),
        ({"origin": None}, 403),  # neither Origin nor Referer
        ({"origin": None, "referer": "http://evil.example/page"}, 403),
        ({"host": "evil.example:8765"}, 400),  # DNS rebinding
    ],
)
def test_forged_requests_change_nothing(
    site: tuple[TestClient, Store, int], change: dict, status: int
) -> None:
    client, store, set_id = site
    html = client.get(f"/sets/{set_id}").text
    first = unit_ids(html)[0]
    data = {**form_of(html, first), "action": "reject"}
    headers = {"origin": ORIGIN}
    for key, value in change.items():
        target = data if key == "csrf" else headers
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    before = beads(store, set_id)
    response = client.post(
        f"/sets/{set_id}/units/{first}", data=data, headers=headers, follow_redirects=False
    )
    assert response.status_code == status
    assert beads(store, set_id) == before
    assert (
        client.post(
            f"/sets/{set_id}/undo", data=data, headers=headers, follow_redirects=False
        ).status_code
        == status
    )


def test_referer_is_enough_without_origin(site: tuple[TestClient, Store, int]) -> None:
    client, store, set_id = site
    html = client.get(f"/sets/{set_id}").text
    first = unit_ids(html)[0]
    response = client.post(
        f"/sets/{set_id}/units/{first}",
        data={**form_of(html, first), "action": "accept"},
        headers={"referer": f"{ORIGIN}/sets/{set_id}"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and beads(store, set_id)[0][1] == "reviewed"


def test_merge_split_move_edit_and_undo_over_http(site: tuple[TestClient, Store, int]) -> None:
    client, store, set_id = site
    html = client.get(f"/sets/{set_id}").text
    first, second = unit_ids(html)[:2]
    assert (
        post(client, set_id, first, {**form_of(html, first), "action": "merge"}).status_code == 303
    )
    assert beads(store, set_id)[0] == ("en:0,1|fr:0,1|nl:0,1", "reviewed")
    html = client.get(f"/sets/{set_id}").text
    assert (
        post(client, set_id, first, {**form_of(html, first), "action": "split"}).status_code == 303
    )
    assert [b for b, _ in beads(store, set_id)[:2]] == ["en:0|fr:0|nl:0", "en:1|fr:1|nl:1"]
    html = client.get(f"/sets/{set_id}").text
    first, second = unit_ids(html)[:2]
    moved = post(client, set_id, second, {**form_of(html, second), "action": "move:nl:up"})
    assert moved.status_code == 303
    assert [b for b, _ in beads(store, set_id)[:2]] == ["en:0|fr:0|nl:0,1", "en:1|fr:1|nl:"]
    edit_page = client.get(f"/sets/{set_id}/units/{first}/edit").text
    seg_id, text = re.search(
        r'name="segment_id" value="(\d+)">\s*<input type="hidden" name="expected" value="([^"]*)"',
        edit_page,
    ).groups()
    fields = form_of(client.get(f"/sets/{set_id}").text, first)
    edited = post(
        client,
        set_id,
        first,
        {**fields, "action": "edit", "segment_id": seg_id, "expected": text, "text": "Zin nul."},
    )
    assert edited.status_code == 303
    assert "Zin nul." in client.get(f"/sets/{set_id}").text
    for _ in range(4):
        response = client.post(
            f"/sets/{set_id}/undo",
            data={"csrf": fields["csrf"], "back": ""},
            headers={"origin": ORIGIN},
            follow_redirects=False,
        )
        assert response.status_code == 303
    assert [b for b, s in beads(store, set_id)[:2]] == ["en:0|fr:0|nl:0", "en:1|fr:1|nl:1"]
    assert "Zin nul." not in client.get(f"/sets/{set_id}").text
    nothing = client.post(
        f"/sets/{set_id}/undo", data={"csrf": fields["csrf"]}, headers={"origin": ORIGIN}
    )
    assert nothing.status_code == 400 and "nothing to undo" in nothing.text


def test_filters_search_and_paging(site: tuple[TestClient, Store, int]) -> None:
    client, _, set_id = site
    html = client.get(f"/sets/{set_id}").text
    first = unit_ids(html)[0]
    post(client, set_id, first, {**form_of(html, first), "action": "accept"})
    open_page = client.get(f"/sets/{set_id}?open=1").text
    assert first not in unit_ids(open_page) and "of 11" in open_page
    by_score = client.get(f"/sets/{set_id}?order=score").text
    scores = [float(s) for s in re.findall(r'class="badge conf-\w+"[^>]*>\S+ ([\d.]+)', by_score)]
    assert scores == sorted(scores) and len(scores) == 5
    assert re.search(r'class="badge conf-low"[^>]*>! 0\.\d\d', by_score)  # symbol, not only colour
    found = client.get(f"/sets/{set_id}?q=NUMMER+11").text
    assert len(unit_ids(found)) == 1 and "unit 1 of 1" in found and "units 1–1" not in found
    page3 = client.get(f"/sets/{set_id}?page=3").text
    assert len(unit_ids(page3)) == 2 and "units 11–12 of 12" in page3
    assert 'id="prev-page"' in page3 and 'id="next-page"' not in page3


def test_a_search_without_letters_says_what_tmtool_search_says(
    site: tuple[TestClient, Store, int],
) -> None:
    """The page said "no unit matches" for `«»` where `tmtool search` says "nothing to search
    for": the library's QueryError decides, and the page shows its words (branch ux19b)."""
    client, _, set_id = site
    with pytest.raises(QueryError) as caught:
        parse_query("«» -")
    html = client.get(f"/sets/{set_id}", params={"q": "«» -"}).text
    shown = re.search(r'<span class="search-error" id="search-error"[^>]*>(.*?)</span>', html)
    assert shown and unescape(shown[1]) == str(caught.value)
    assert str(caught.value).startswith("nothing to search for in '«» -'")
    assert "no unit matches" not in html and unit_ids(html) == []
    nothing = client.get(f"/sets/{set_id}", params={"q": "onvindbaar"}).text
    assert "no unit matches" in nothing and 'id="search-error"' not in nothing


def test_reviewing_the_last_open_page_away_shows_the_new_last_page(
    site: tuple[TestClient, Store, int],
) -> None:
    """Accepting the last units of "not yet reviewed" came back to a page past the end: no unit
    and `units 11–10 of 10` (branch ux19)."""
    client, _, set_id = site
    page3 = client.get(f"/sets/{set_id}?open=1&page=3").text
    for unit_id in unit_ids(page3):
        form = {**form_of(page3, unit_id), "action": "accept", "back": "open=1&page=3"}
        response = post(client, set_id, unit_id, form)
        assert response.status_code == 303
    after = client.get(response.headers["location"]).text
    assert len(unit_ids(after)) == 5 and "units 6–10 of 10" in after
    assert 'id="next-page"' not in after
    assert "units 11–12 of 12" in client.get(f"/sets/{set_id}?page=99").text


def test_unknown_set_and_unit(site: tuple[TestClient, Store, int]) -> None:
    client, _, set_id = site
    assert client.get("/sets/999").status_code == 404
    assert client.get(f"/sets/{set_id}/units/999/edit").status_code == 404
    assert client.get(f"/sets/{set_id}/units/1").status_code == 405  # changes are POSTs only


def test_allowed_hosts() -> None:
    loopback = allowed_hosts("127.0.0.1", 8765)
    assert loopback.exact == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert not loopback("127.0.0.1:8766") and not loopback("10.0.0.5:8765")
    assert allowed_hosts("10.0.0.5", 9000).exact == {"10.0.0.5:9000"}
    wildcard = allowed_hosts("0.0.0.0", 9000)
    assert wildcard("192.168.1.20:9000") and wildcard("[fe80::1]:9000")
    assert wildcard("localhost:9000") and wildcard(f"{socket.gethostname()}:9000")
    assert not wildcard("rebind.evil.example:9000") and not wildcard("192.168.1.20:9001")
    assert allowed_hosts("::1", 8765).exact == loopback.exact


def test_loopback_is_one_rule_for_the_host_check_and_the_cli_warning() -> None:
    assert [is_loopback(host) for host in ("127.0.0.1", "localhost", "::1")] == [True] * 3
    assert not any(is_loopback(host) for host in ("0.0.0.0", "::", "10.0.0.5", "[::1]", ""))


def test_cli_refuses_a_busy_port_and_a_missing_memory(tmp_path: Path) -> None:
    taken = bind("127.0.0.1", 0)
    try:
        with pytest.raises(ReviewError, match=r"cannot listen on 127\.0\.0\.1"):
            bind("127.0.0.1", taken.getsockname()[1])
        db = tmp_path / "tm.db"
        open_store(str(db)).close()
        result = CliRunner().invoke(
            cli, ["review", "--db", str(db), "--port", str(taken.getsockname()[1])]
        )
        assert result.exit_code == 6 and "cannot listen" in result.stderr
    finally:
        taken.close()
    missing = CliRunner().invoke(cli, ["review", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 4 and "no translation memory" in missing.stderr


def _served_pages(
    db: Path, set_id: int, monkeypatch: pytest.MonkeyPatch, *options: str
) -> tuple[str, str]:
    """The overview and the set's first page as `tmtool review --db DB OPTIONS` would serve
    them: the command runs for real up to the server loop, whose app answers a test client."""
    from tmtool.review import server

    pages: list[str] = []

    def serve(app, sock) -> None:  # type: ignore[no-untyped-def]
        client = TestClient(app, base_url=f"http://127.0.0.1:{sock.getsockname()[1]}")
        pages.extend(client.get(url).text for url in ("/", f"/sets/{set_id}"))

    monkeypatch.setattr(server, "serve", serve)
    result = CliRunner().invoke(cli, ["review", "--db", str(db), "--port", "0", *options])
    assert result.exit_code == 0, result.output
    return pages[0], pages[1]


def test_cli_page_size_and_low_score_reach_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`review --page-size` and `--low-score` were tested only through `create_app`: the command
    could drop them and every test would still pass."""
    db = tmp_path / "tm.db"
    with open_store(str(db)) as store:
        set_id = build_set(store, 12)
    scores = [round(0.3 + 0.7 * ((i * 37) % 100) / 100, 3) for i in range(12)]

    def low_cell(html: str) -> int:
        return int(re.search(r'<td class="n">0</td>\s*<td class="n">(\d+)</td>', html)[1])

    overview, page = _served_pages(db, set_id, monkeypatch)
    assert len(unit_ids(page)) == 12 and low_cell(overview) == sum(s < 0.5 for s in scores)
    overview, page = _served_pages(
        db, set_id, monkeypatch, "--page-size", "10", "--low-score", "0.9"
    )
    assert len(unit_ids(page)) == 10
    assert low_cell(overview) == sum(s < 0.9 for s in scores) != sum(s < 0.5 for s in scores)
    for option, value in (("--page-size", "9"), ("--low-score", "1.5")):
        result = CliRunner().invoke(cli, ["review", "--db", str(db), option, value])
        assert_one_error_line(result, option, value)
        assert result.exit_code == 2


def test_a_5000_unit_set_opens_in_under_a_second_of_server_time(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "big.db")) as store:
        set_id = build_set(store, 5000)
        client = TestClient(create_app(store, hosts={"testserver"}))
        for url in (f"/sets/{set_id}", f"/sets/{set_id}?order=score&open=1&page=30", "/"):
            response = client.get(url)
            assert response.status_code == 200
            cpu = float(re.search(r"cpu;dur=([\d.]+)", response.headers["server-timing"])[1])
            assert cpu < 1000, f"{url}: {cpu:.0f} ms of server CPU"
        assert len(unit_ids(client.get(f"/sets/{set_id}?page=50").text)) == 100

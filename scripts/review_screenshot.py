"""Write docs/review.png: the review page of the seed declaration 000, in headless Chromium.

Aligns seeds/000 (nl, fr, en) with the default encoder into a temporary memory, accepts and
rejects a few units so every state shows, serves the review app on a free localhost port and
takes the screenshot with Playwright driving the system Chromium (scripts/chromium.sh).

    .venv/bin/python scripts/review_screenshot.py [--out docs/review.png]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tmtool import pipeline
from tmtool.review import allowed_hosts, create_app
from tmtool.review.server import BackgroundServer, bind
from tmtool.store import open_store
from tmtool.store.review import Reviewer

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_ed1ed705a1754cbe"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    parser.add_argument("--chromium", default=shutil.which("chromium"))
    args = parser.parse_args()
    if not args.chromium:
        print("no chromium executable; run scripts/chromium.sh", file=sys.stderr)
        return 1
    files = [f"{SEED}.txt", f"{SEED}.fr.txt", f"{SEED}.en.txt"]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "tm.db")
        documents = pipeline.load_documents(files, ["nl", "fr", "en"])
        pipeline.store_alignment(pipeline.align_documents(documents, "use"), db)
        with open_store(db, create=False) as store:
            reviewer = Reviewer(store)
            shown = reviewer.page(1, limit=6).units
            for unit, status in zip(shown, ["reviewed"] * 3 + ["rejected"], strict=False):
                reviewer.set_status(1, unit.id, unit.version, status)
            sock = bind("127.0.0.1", 0)
            app = create_app(store, hosts=allowed_hosts("127.0.0.1", sock.getsockname()[1]))
            with BackgroundServer(app, sock) as server, sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"]
                )
                page = browser.new_page(viewport={"width": 1440, "height": 1300})
                page.goto(f"{server.url}/sets/1?focus={shown[3].id}")
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

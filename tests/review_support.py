"""A crafted document set for the review tests: n Dutch/French/English sentences, 1-1-1 units."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from sqlalchemy import select

from tmtool.document import Document, Segment, Unit
from tmtool.review import ReviewSettings, allowed_hosts, create_app
from tmtool.review.server import BackgroundServer, bind
from tmtool.store import RunInfo, Store
from tmtool.store.common import parse_bead
from tmtool.store.schema import units

SCRIPT = "<script>alert('x')</script> & <b>vet</b>"


def texts(lang: str, n: int) -> list[str]:
    words = {"nl": "Zin", "fr": "Phrase", "en": "Sentence"}[lang]
    found = [f"{words} nummer {i}." for i in range(n)]
    if n > 2:
        found[2] = f"{SCRIPT} {lang}"
    return found


def document(lang: str, n: int, tag: str) -> Document:
    lines = texts(lang, n)
    digest = hashlib.sha256(f"{tag}|{lang}|{n}".encode()).hexdigest()
    return Document(
        lang=lang,
        segments=[Segment(i, text, text) for i, text in enumerate(lines)],
        sha256=digest,
        title=f"{tag}-{lang}",
    )


def build_set(store: Store, n: int, tag: str = "decl") -> int:
    """Store one aligned set of ``n`` 1-1-1 units with varied scores; returns its set id."""
    docs = {lang: document(lang, n, tag) for lang in ("nl", "fr", "en")}
    beads = [
        Unit({"nl": (i,), "fr": (i,), "en": (i,)}, round(0.3 + 0.7 * ((i * 37) % 100) / 100, 3))
        for i in range(n)
    ]
    run = RunInfo("test", "1", {"tag": tag}, "0", datetime(2026, 1, 1, tzinfo=timezone.utc))
    report = store.save_alignment(docs, beads, run)
    with store.engine.connect() as conn:
        return conn.execute(select(units.c.set_id).where(units.c.run_id == report.run_id)).scalar()


def beads(store: Store, set_id: int) -> list[tuple[str, str]]:
    """The set's units in document order as (bead, status)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(units.c.bead, units.c.status)
            .where(units.c.set_id == set_id)
            .order_by(units.c.position, units.c.id)
        )
        return [(bead, status) for bead, status in rows]


def nl_positions(store: Store, set_id: int) -> list[tuple[int, ...]]:
    return [parse_bead(bead)["nl"] for bead, _ in beads(store, set_id)]


class LiveServer(BackgroundServer):
    """The real review app served by uvicorn on a free localhost port, in a background thread."""

    def __init__(self, store: Store, **settings: object) -> None:
        sock = bind("127.0.0.1", 0)
        port = sock.getsockname()[1]
        self.app = create_app(
            store, hosts=allowed_hosts("127.0.0.1", port), settings=ReviewSettings(**settings)
        )
        super().__init__(self.app, sock)

"""`digest import`: recorded API responses only, a fake clock, no network."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, SHIPPED
from generator.build import gather
from generator.cli.main import cli
from generator.fetch import importer
from generator.fetch.client import Client, FetchError, urllib_fetch
from generator.fetch.importer import ImportFailure, arxiv_url, fetch_arxiv
from generator.read.records import read_records
from generator.read.yaml_lines import ContentLoader

FIXTURES = Path(__file__).parent / "fixtures"
DAY = dt.date(2025, 11, 26)
SEARCH = "https://export.arxiv.org/api/query?search_query=all%3Atesting"
PAGE_1 = f"{SEARCH}&start=0&max_results=2&sortBy=submittedDate&sortOrder=descending"
PAGE_2 = f"{SEARCH}&start=2&max_results=1&sortBy=submittedDate&sortOrder=descending"
HF = "https://huggingface.co/api/daily_papers?date=2024-10-25"
SCHEMA = json.loads((ROOT / "schemas" / "record.schema.json").read_text())


class Clock:
    """Time that passes only when slept: sleeps are recorded, never waited."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


class Recorded:
    """A fetch that answers from recorded responses, in order per URL, and logs each call."""

    def __init__(self, answers: dict[str, list[bytes | FetchError]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        answer = self.answers[url].pop(0) if len(self.answers[url]) > 1 else self.answers[url][0]
        if isinstance(answer, FetchError):
            raise answer
        return answer


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def unreachable(url: str) -> FetchError:
    return FetchError(url, "[Errno -3] Temporary failure in name resolution", transient=True)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "PAGE", 2)  # so three papers take two requests


def run(fetch: Recorded, *args: str) -> tuple[int, str, Clock]:
    clock = Clock()
    obj = {"fetch": fetch, "sleep": clock.sleep, "clock": clock, "today": DAY}
    result = CliRunner().invoke(cli, ["import", *args], obj=obj)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr, clock


# The polite client -----------------------------------------------------------------------


def test_requests_are_spaced_and_transient_failures_retried_with_growing_waits() -> None:
    clock = Clock()
    fetch = Recorded(
        {
            "u1": [b"one"],
            "u2": [FetchError("u2", "HTTP 503", True), FetchError("u2", "HTTP 503", True), b"two"],
        }
    )
    told: list[str] = []
    client = Client(fetch, interval=3.0, sleep=clock.sleep, clock=clock, tell=told.append)
    assert (client.get("u1"), client.get("u2")) == (b"one", b"two")
    assert clock.slept == [3.0, 6.0, 12.0]  # the pause between requests, then the backoff
    assert told == [
        "cannot fetch u2: HTTP 503; trying again in 6 s",
        "cannot fetch u2: HTTP 503; trying again in 12 s",
    ]


def test_retry_after_is_honoured_and_lasting_failures_are_not_retried() -> None:
    clock = Clock()
    fetch = Recorded(
        {
            "busy": [FetchError("busy", "HTTP 429", True, retry_after=30.0), b"ok"],
            "gone": [FetchError("gone", "HTTP 404 Not Found", False)],
        }
    )
    client = Client(fetch, sleep=clock.sleep, clock=clock)
    assert client.get("busy") == b"ok"
    assert clock.slept == [30.0]
    with pytest.raises(FetchError, match=r"^cannot fetch gone: HTTP 404 Not Found$"):
        client.get("gone")
    assert fetch.calls == ["busy", "busy", "gone"]


def test_the_client_gives_up_after_its_retries() -> None:
    clock = Clock()
    fetch = Recorded({"down": [unreachable("down")]})
    with pytest.raises(FetchError):
        Client(fetch, interval=1.0, retries=3, sleep=clock.sleep, clock=clock).get("down")
    assert (len(fetch.calls), clock.slept) == (4, [2.0, 4.0, 8.0])


@pytest.fixture
def local_server() -> Iterator[str]:
    """An HTTP server on 127.0.0.1: 503 with Retry-After on /busy, 200 on /ok."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            busy = self.path == "/busy"
            self.send_response(503 if busy else 200)
            if busy:
                self.send_header("Retry-After", "7")
            self.end_headers()
            self.wfile.write(b"" if busy else self.headers["User-Agent"].encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urllib_fetch_says_who_asks_and_what_failed(local_server: str) -> None:
    assert urllib_fetch(f"{local_server}/ok").startswith(b"paper-digest/")
    with pytest.raises(FetchError) as failed:
        urllib_fetch(f"{local_server}/busy")
    assert str(failed.value) == f"cannot fetch {local_server}/busy: HTTP 503 Service Unavailable"
    assert (failed.value.transient, failed.value.retry_after) == (True, 7.0)
    with pytest.raises(FetchError) as refused:
        urllib_fetch("http://127.0.0.1:9/", timeout=5)  # the discard port: nothing listens
    assert refused.value.transient


# Fetching --------------------------------------------------------------------------------


def test_a_search_is_fetched_page_by_page_newest_first() -> None:
    fetch = Recorded(
        {PAGE_1: [fixture("arxiv_api_page1.xml")], PAGE_2: [fixture("arxiv_api_page2.xml")]}
    )
    clock = Clock()
    client = Client(fetch, sleep=clock.sleep, clock=clock)
    records, notes = fetch_arxiv(client, ("all:testing",), 3, DAY)
    assert fetch.calls == [PAGE_1, PAGE_2]
    assert clock.slept == [3.0]
    assert notes == []
    assert [(r.arxiv, r.date) for r in records] == [
        ("2202.12139", DAY),
        ("2405.13786", DAY),
        ("2005.14124", DAY),
    ]


def test_a_page_of_unusable_entries_is_noted_and_the_next_page_still_asked() -> None:
    untitled = re.sub(rb"<title>[^<]*</title>\s*(?=<updated>)", b"", fixture("arxiv_api_page1.xml"))
    fetch = Recorded({PAGE_1: [untitled], PAGE_2: [fixture("arxiv_api_page2.xml")]})
    clock = Clock()
    records, notes = fetch_arxiv(
        Client(fetch, sleep=clock.sleep, clock=clock), ("all:testing",), 3, DAY
    )
    assert fetch.calls == [PAGE_1, PAGE_2]
    assert [r.arxiv for r in records] == ["2005.14124"]
    assert notes == [
        f"{PAGE_1}: entry 2202.12139: record has no title; every record needs 'title'",
        f"{PAGE_1}: entry 2405.13786: record has no title; every record needs 'title'",
    ]


def test_ids_are_asked_for_as_an_id_list() -> None:
    assert arxiv_url(("2202.12139", "hep-th/9901001v2"), 0, 2) == (
        "https://export.arxiv.org/api/query?id_list=2202.12139%2Chep-th%2F9901001v2"
        "&start=0&max_results=2"
    )


def test_an_api_error_or_an_empty_answer_is_a_failure() -> None:
    error = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#x'
        b"</id><title>Error</title><summary>malformed query</summary></entry></feed>"
    )
    empty = b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>'
    clock = Clock()
    for body, message in [
        (error, "the arXiv API reported an error: malformed query"),
        (empty, "the arXiv API returned no papers for 'all:testing'; check the query"),
    ]:
        client = Client(Recorded({PAGE_1: [body]}), sleep=clock.sleep, clock=clock)
        with pytest.raises(ImportFailure, match=f"^{message}"):
            fetch_arxiv(client, ("all:testing",), 3, DAY)


# The command -----------------------------------------------------------------------------


def test_import_arxiv_writes_records_once(content: Path) -> None:
    fetch = Recorded(
        {PAGE_1: [fixture("arxiv_api_page1.xml")], PAGE_2: [fixture("arxiv_api_page2.xml")]}
    )
    code, err, _ = run(fetch, "arxiv", "--content", str(content), "--max", "3", "all:testing")
    assert code == 0, err
    written = content / "imported" / "arxiv-2025-11-26.yml"
    assert err.splitlines() == [
        "arXiv 'all:testing': 3 papers fetched, 0 already in content/, 3 new written to "
        "content/imported/arxiv-2025-11-26.yml",
        f"{content} now holds 138 papers.",
    ]
    text = written.read_text()
    assert text.startswith(
        "# 2025-11-26: 3 papers from the arXiv API for 'all:testing' (digest import)\n"
        "- title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing"
    )
    data = yaml.load(text, Loader=ContentLoader)
    jsonschema.validate(data, SCHEMA)
    assert list(data[0]) == [
        "title", "abstract", "authors", "date", "submitted", "arxiv", "doi", "venue",
        "categories", "comment",
    ]  # fmt: skip
    assert (data[0]["date"], data[0]["arxiv"]) == ("2025-11-26", "2202.12139")
    assert read_records(text, "x.yml")[1] == []

    code, err, _ = run(fetch, "arxiv", "--content", str(content), "--max", "3", "all:testing")
    assert code == 0, err
    assert err.splitlines()[0] == (
        "arXiv 'all:testing': 3 papers fetched, 3 already in content/, 0 new written"
    )
    assert written.read_text() == text  # the same papers again: nothing added


def test_import_hf_daily_gives_the_papers_their_day(content: Path) -> None:
    fetch = Recorded({HF: [fixture("hf_daily_papers_2024-10-25.json")]})
    code, err, clock = run(fetch, "hf-daily", "--content", str(content), "2024-10-25")
    assert code == 0, err
    assert err.splitlines()[0] == (
        "Hugging Face daily papers of 2024-10-25: 3 papers fetched, 0 already in content/, "
        "3 new written to content/imported/hf-daily-2024-10-25.yml"
    )
    data = yaml.load((content / "imported" / "hf-daily-2024-10-25.yml").read_text(), ContentLoader)
    jsonschema.validate(data, SCHEMA)
    assert [(d["arxiv"], d["date"], d["submitted"]) for d in data] == [
        ("2410.17243", "2024-10-25", "2024-10-22"),
        ("2410.16251", "2024-10-25", "2024-10-21"),
        ("2410.18533", "2024-10-25", "2024-10-24"),
    ]
    digest = gather(content)
    assert digest.problems == ()
    dated = [p for p in digest.papers if p.date == dt.date(2024, 10, 25)]
    assert [p.arxiv for p in dated] == ["2410.17243", "2410.16251", "2410.18533"]
    assert clock.slept == []  # one request, nothing to wait for


def test_a_day_with_no_papers_or_a_paper_with_no_abstract_is_not_an_error(
    content: Path,
) -> None:
    code, err, _ = run(Recorded({HF: [b"[]"]}), "hf-daily", "--content", str(content), "2024-10-25")
    assert (code, err.splitlines()[0]) == (
        0,
        "Hugging Face daily papers of 2024-10-25: 0 papers fetched, 0 already in content/, "
        "0 new written",
    )
    daily = json.loads(fixture("hf_daily_papers_2024-10-25.json"))
    del daily[0]["paper"]["summary"]
    fetch = Recorded({HF: [json.dumps(daily).encode()]})
    code, err, _ = run(fetch, "hf-daily", "--content", str(content), "2024-10-25")
    assert (code, err.splitlines()[:2]) == (
        0,
        [
            f"note: {HF}: entry 1: no abstract; not imported",
            "Hugging Face daily papers of 2024-10-25: 2 papers fetched, 0 already in content/, "
            "2 new written to content/imported/hf-daily-2024-10-25.yml",
        ],
    )


def test_without_a_network_the_import_fails_with_a_message_and_writes_nothing(
    content: Path,
) -> None:
    fetch = Recorded({HF: [unreachable(HF)]})
    code, err, clock = run(fetch, "hf-daily", "--content", str(content), "2024-10-25")
    assert code == 1
    assert err.splitlines()[-1] == (
        f"Error: cannot fetch {HF}: [Errno -3] Temporary failure in name resolution; nothing "
        "was imported. Check the network connection, then try again."
    )
    assert err.count("; trying again in ") == 3
    assert clock.slept == [2.0, 4.0, 8.0]
    assert not (content / "imported").exists()


def test_imports_set_in_settings_run_together_and_one_failure_fails_the_run(
    content: Path,
) -> None:
    settings = content / "settings.yml"
    code, err, _ = run(Recorded({}), "configured", "--content", str(content))
    assert (code, err) == (0, "Nothing to import: set arxiv_query or hf_daily in settings.yml.\n")
    settings.write_text(
        settings.read_text() + "arxiv_query: all:testing\narxiv_max_results: 3\nhf_daily: true\n"
    )
    hf = "https://huggingface.co/api/daily_papers?date=2025-11-25"  # yesterday
    fetch = Recorded(
        {
            PAGE_1: [fixture("arxiv_api_page1.xml")],
            PAGE_2: [fixture("arxiv_api_page2.xml")],
            hf: [FetchError(hf, "HTTP 404 Not Found", transient=False)],
        }
    )
    code, err, _ = run(fetch, "configured", "--content", str(content))
    assert code == 1
    assert err.splitlines() == [
        f"error: cannot fetch {hf}: HTTP 404 Not Found; nothing was imported. Check the "
        "network connection, then try again.",
        "arXiv 'all:testing': 3 papers fetched, 0 already in content/, 3 new written to "
        "content/imported/arxiv-2025-11-26.yml",
        f"{content} now holds 138 papers.",
        "Error: 1 of 2 imports failed (see above)",
    ]


def test_usage_errors(content: Path) -> None:
    code, err, _ = run(Recorded({}), "arxiv", "--content", str(content))
    assert code == 2
    assert "Error: give a search or arXiv ids, or set arxiv_query in settings.yml" in err
    assert run(Recorded({}), "hf-daily", "--content", str(content), "yesterday")[0] == 2
    (content / "settings.yml").write_text("arxiv_query: cat:cs.CL\narxiv_max_results: 0\n")
    code, err, _ = run(Recorded({}), "configured", "--content", str(content))
    assert (code, err) == (
        1,
        f"Error: {content.as_posix()}/settings.yml:2: arxiv_max_results: expected a number of "
        "papers from 1 to 2000, got 0\n",
    )


def test_every_import_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    group = cli.commands["import"]
    assert group.help
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        assert f"digest import {name}" in readme, name


def test_make_import_runs_the_configured_imports() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "\nimport: $(STAMP)\n\t$(BIN)/digest import configured\n" in makefile

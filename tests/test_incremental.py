"""Adding a paper rewrites only the Markdown whose content changes; days and the home cap."""

from __future__ import annotations

from pathlib import Path

from generator.build import generate

WORDS = [
    "speech",
    "tokenization",
    "distillation",
    "retrieval",
    "agents",
    "code",
    "reasoning",
    "survey",
]


def dump(days: int, per_day: int, extra: str = "") -> str:
    lines = []
    for day in range(days):
        lines += [f"Mar {11 - day}", ""]
        for number in range(per_day):
            topic = WORDS[(day * per_day + number) % len(WORDS)]
            lines += [
                f"Paper {day}-{number} on {topic}",
                "",
                f"We study {topic} in depth for case {day}-{number}. It works on many "
                f"benchmarks of {topic} and {WORDS[number % len(WORDS)]}.",
                "",
            ]
        if day == 0 and extra:
            lines += [extra, ""]
    return "\n".join(lines)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_adding_one_paper_rewrites_only_what_shows_it(tmp_path: Path) -> None:
    content, docs = tmp_path / "content", tmp_path / "docs"
    content.mkdir()
    (content / "tags.yml").write_text(
        "tags:\n" + "".join(f"  - name: {w}\n    phrases: [{w}]\n" for w in WORDS)
    )
    (content / "dump.txt").write_text(dump(4, 25))
    generate(content, docs)
    before = snapshot(docs)
    new = (
        "A New Paper on speech\n\nWe study speech for the new case. It works on many "
        "benchmarks of speech and more."
    )
    (content / "dump.txt").write_text(dump(4, 25, new))
    digest = generate(content, docs)
    after = snapshot(docs)

    changed = {path for path in after if before.get(path) != after[path]}
    # A file is written again (a new mtime) only when its bytes change.
    assert changed == {path for path in after if before.get(path, (b"",))[0] != after[path][0]}
    [slug] = [p.slug for p in digest.papers if p.title.startswith("A New Paper")]
    # The search index (search/shards.py) is written whole with the pages; its files are
    # left out here.
    search = {path for path in after if path.startswith(("search/", "assets/javascripts/"))}
    assert set(before) - search <= set(after)
    assert set(after) - set(before) - search == {f"papers/{slug}.md"}
    changed -= search
    # The day's other speech papers, which now list it among their related papers.
    lists_it = {f"papers/paper-0-{number}-on-speech.md" for number in (0, 8, 16, 24)}
    assert changed == {
        f"papers/{slug}.md",
        *lists_it,
        "index.md",  # the newest day is on the home page
        "days/2025-03-11.md",  # its day; the other days are untouched
        "tags/index.md",  # the count of speech papers
        *("tags/speech.md", "tags/speech.xml", "tags/speech.json", "tags/speech.bib"),
        *("feed.xml", "feed.json", "papers.json", "papers.bib"),
    }
    for path in lists_it:
        assert (
            f'<li><a href="{slug}.html">A New Paper on speech</a></li>' in after[path][0].decode()
        )
    for path in changed - lists_it - {"tags/index.md"}:
        assert "A New Paper on speech" in after[path][0].decode(), path


def test_home_lists_the_newest_days_up_to_the_cap(tmp_path: Path) -> None:
    content, docs = tmp_path / "content", tmp_path / "docs"
    content.mkdir()
    (content / "settings.yml").write_text("home_papers: 30\n")
    (content / "dump.txt").write_text(dump(3, 20))
    generate(content, docs)
    home = (docs / "index.md").read_text()
    assert "Paper 0-19 on" in home
    assert "Paper 1-9 on" in home
    assert "Paper 1-10 on" not in home
    assert "[10 more papers of this day](days/2025-03-10.md)" in home
    assert "Paper 2-0 on" not in home
    for day in ("2025-03-11", "2025-03-10", "2025-03-09"):
        assert f"days/{day}.md" in home
        assert (docs / "days" / f"{day}.md").read_text().count('href="../papers/') == 20

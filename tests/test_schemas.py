"""The declared schemas (generator/schemas/): shipped, complete, worded, what the README says,
and their problems located by file, line and key path."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from conftest import ROOT
from generator.common.schema import QUIET, Schema
from generator.model import Location
from generator.read.settings import Settings, load_settings
from generator.read.yaml_lines import NodeLines, parse_yaml
from generator.transform.tag_rules import TagRules, load_rules

SHIPPED = ROOT / "generator" / "schemas"
NAMES = ("record", "settings", "tags")
README = (ROOT / "README.md").read_text()


def properties(node: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every declared key of a schema (inlined), as the README names it: settings.min_score,
    tags[].name."""
    for key, value in node.get("properties", {}).items():
        if "properties" in value or "properties" in value.get("items", {}):
            inner = value if "properties" in value else value["items"]
            yield from properties(inner, f"{prefix}{key}{'' if inner is value else '[]'}.")
        else:
            yield f"{prefix}{key}", value


def schema_table(name: str) -> list[list[str]]:
    """The rows the README's table of a schema must have: key, (default,) description."""
    root = Schema(name, "record" if name == "record" else "").root
    rows = []
    for key, node in properties(root):
        default = [f"`{json.dumps(node['default'])}`" if "default" in node else "—"]
        rows.append([f"`{key}`", *(default if name != "record" else []), node["description"]])
    return rows


def readme_table(name: str) -> list[list[str]]:
    """The rows of the first table after the README links to schemas/NAME.schema.json."""
    start = README.index(f"(schemas/{name}.schema.json)")
    lines = README[start:].splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[first + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_shipped_in_the_package_and_copied_for_readers(name: str) -> None:
    assert {path.name for path in SHIPPED.glob("*.json")} == {f"{n}.schema.json" for n in NAMES}
    text = (SHIPPED / f"{name}.schema.json").read_text()
    jsonschema.Draft202012Validator.check_schema(json.loads(text))
    assert (ROOT / "schemas" / f"{name}.schema.json").read_text() == text, (
        f"schemas/{name}.schema.json differs from generator/schemas/{name}.schema.json, the "
        "one the digest uses: copy it over"
    )
    assert Schema(name, "record" if name == "record" else "").root


@pytest.mark.parametrize("name", NAMES)
def test_the_readme_table_is_the_schema(name: str) -> None:
    """Every key, its default and its description, in the schema's order."""
    expected = "\n".join("| " + " | ".join(row) + " |" for row in schema_table(name))
    assert readme_table(name) == schema_table(name), (
        f"README.md's table after schemas/{name}.schema.json should read:\n{expected}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_key_says_what_it_holds_and_what_is_wrong(name: str) -> None:
    root = Schema(name, "record" if name == "record" else "").root
    for key, node in properties(root):
        assert node.get("description"), key
        assert node.get("errorMessage"), key


def test_the_defaults_are_the_schemas() -> None:
    settings = dict(properties(Schema("settings").root))
    assert {f.name: f.default for f in dataclasses.fields(Settings)} == {
        key: node["default"] for key, node in settings.items()
    }
    tags = dict(properties(Schema("tags").root))
    for field in dataclasses.fields(TagRules):
        if f"settings.{field.name}" in tags:
            assert tags[f"settings.{field.name}"]["default"] == field.default, field.name


VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2.5,
    2024,
    2024.0,
    99999,
    "",
    " ",
    "x",
    "1999",
    "2025-03-11",
    "2025-03-11T10:30:00",
    "2412.10117",
    "10.1109/5.771073",
    "https://a.org/x",
    "javascript:x",
    [],
    ["x"],
    ["x", ""],
    [1],
    ["https://a.org"],
    {},
    {"name": "x"},
    {"x": 1},
]


@pytest.mark.parametrize("name", NAMES)
def test_the_quick_check_is_never_laxer_than_jsonschema(name: str) -> None:
    """A value the quick check (fastjsonschema) passes is not looked at again."""
    schema = Schema(name, "record" if name == "record" else "")
    validator = QUIET(schema.root)
    base: dict[str, Any] = {"title": "A"} if name == "record" else {"tags": []}
    samples: list[Any] = [*VALUES]
    for key, _ in properties(schema.root):
        path = key.split(".")
        for value in VALUES:
            if name == "tags" and path[0] == "tags[]":
                samples.append({"tags": [{"name": "x", path[1]: value}]})
            elif len(path) == 2:
                samples.append({**base, path[0]: {path[1]: value}})
            else:
                samples.append({**base, path[0]: value})
    for sample in samples:
        found = schema.check(sample, Location("x")).problems
        assert bool(found) == bool(list(validator.iter_errors(sample))), sample


SETTINGS_YML = """\
# The digest's settings.
title: My digest

description: >-
  Papers.
teaser_length: 100
year: soon
reapo_url: https://github.com/a/b
"""


def test_a_settings_problem_names_its_line_and_the_other_settings_still_count() -> None:
    data, node = parse_yaml(SETTINGS_YML)
    assert node is not None
    settings, problems = load_settings(data, "content/settings.yml", NodeLines(node))
    assert [str(problem) for problem in problems] == [
        "content/settings.yml:7: year: expected a year such as 2025, got 'soon'",
        "content/settings.yml:8: reapo_url: unknown setting; known: arxiv_max_results, "
        "arxiv_query, description, hf_daily, home_papers, offline_zip_up_to, repo_url, "
        "search_shards_above, teaser_length, title, year",
    ]
    assert (settings.title, settings.teaser_length, settings.year) == ("My digest", 100, 2025)


TAGS_YML = """\
settings:
  title_weight: 4
  min_score: 0
tags:
  - name: speech
    phrases: [speech, '']
  - name: code
    patterns:
      - '\\bcode\\b'
      - '(unclosed'
  - name: speech
  - description: no name
  - name: data
    phrases: data
"""


def test_a_tag_rule_problem_names_its_line_and_key_path() -> None:
    data, node = parse_yaml(TAGS_YML)
    assert node is not None
    rules, problems = load_rules(data, "content/tags.yml", NodeLines(node))
    assert [str(problem) for problem in problems] == [
        "content/tags.yml:3: settings.min_score: expected a whole number of at least 1, got 0",
        "content/tags.yml:6: tags[0].phrases[1]: empty phrase; remove it",
        "content/tags.yml:10: tags[1].patterns[1]: '(unclosed' is not a regular expression "
        "(missing ), unterminated subpattern at position 0)",
        "content/tags.yml:11: tags[2].name: tag 'speech' is already defined at line 5 (tags[0]); "
        "this rule is ignored",
        "content/tags.yml:12: tags[3]: every rule needs a name",
        "content/tags.yml:14: tags[4].phrases: expected a list of text",
    ]
    assert [rule.name for rule in rules.rules] == ["speech", "code", "data"]
    assert (rules.title_weight, rules.min_score) == (4, 2)
    assert [matcher.text for matcher in rules.finder.matchers] == ["speech", r"\bcode\b"]


def test_the_readme_tag_rules_example_has_no_problems() -> None:
    section = README[README.index("## Tag rules") :]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example is not None
    rules, problems = load_rules(parse_yaml(example.group(1))[0], "tags.yml")
    assert problems == []
    assert [rule.name for rule in rules.rules] == ["speech"]

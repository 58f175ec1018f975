"""YAML as content/ reads it: a safe loader that keeps dates as text, one parse (in C when
libyaml is there), and the line of every value, found from the parser's node marks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from generator.common.schema import KeyPath
from generator.common.yaml_io import SafeLoader

TIMESTAMP = "tag:yaml.org,2002:timestamp"


class ContentLoader(yaml.SafeLoader):
    """yaml.SafeLoader, but dates stay text: a bad date is reported on its record's line."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML reads it from the class)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class FastContentLoader(SafeLoader):  # type: ignore[misc,valid-type]
    """The same, parsing in C when libyaml is there."""

    yaml_implicit_resolvers = ContentLoader.yaml_implicit_resolvers


@dataclass(frozen=True)
class NodeLines:
    """The lines of a parsed YAML value's parts (generator.common.schema.Lines)."""

    node: yaml.Node

    def __call__(self, path: KeyPath) -> int:
        """The line of the value at a key path (of its key, for a key of a mapping); the
        line of the deepest part found when the path goes on further than the YAML."""
        node, line = self.node, self.node.start_mark.line + 1
        for key in path:
            if isinstance(node, yaml.MappingNode):
                pair = next((pair for pair in node.value if pair[0].value == str(key)), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if not 0 <= key < len(node.value):
                    break
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line


def parse_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """The value of a YAML document and its node (None when empty): raises yaml.YAMLError,
    worded as the pure-Python parser words it, or RecursionError when nested too deeply."""
    loader = FastContentLoader(text.removeprefix("\ufeff"))
    try:
        node = loader.get_single_node()
        return (None if node is None else loader.construct_document(node)), node
    except yaml.YAMLError:
        yaml.compose(text, Loader=ContentLoader)  # raises the same error, worded more clearly
        raise
    finally:
        loader.dispose()

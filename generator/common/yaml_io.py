"""PyYAML's safe loader and dumper: libyaml's, in C, when PyYAML has it (its wheels do),
else the pure-Python ones. Same data and same bytes either way, only faster."""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

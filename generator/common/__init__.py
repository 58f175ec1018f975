"""Helpers every stage may use: progress bars, work in a forked process, and the pieces
several stages share (fields.py, ids.py, site_paths.py, yaml_io.py), which import nothing
of ours."""

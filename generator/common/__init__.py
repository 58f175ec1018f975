"""Helpers every stage may use, importing nothing of ours but the model: LaTeX as text
(latex.py), links in text (links.py), arXiv ids and web addresses (ids.py), declared
schemas (schema.py), YAML (yaml_io.py), fields (fields.py), site paths (site_paths.py),
progress bars (progress.py) and work in a forked process (background.py)."""

"""Helpers every stage may use: progress bars and work in a forked process."""

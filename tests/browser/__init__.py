"""Browser tests: the built site in a real Chromium, served over HTTP and opened from disk."""

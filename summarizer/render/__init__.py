"""Rendering at the edge: terminal (rich), Markdown, HTML, CSV, JSON."""

"""Turning model objects into text for people: placeholders, plain text, Markdown.

Shared by the CLI, the export command and the app's reader so that an image
reads the same everywhere (``[Ảnh 2/6: caption]``).  Imports no Textual.
"""

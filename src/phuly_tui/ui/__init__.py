"""The Textual user interface of phuly-tui.

Nothing is imported here, so ``import phuly_tui.ui.external`` (plain Python)
does not pull in Textual; the app is ``phuly_tui.ui.app.PhulyApp`` and the
CLI's entry is ``phuly_tui.ui.app.run_app``.
"""

"""The activity ledger: one row per action worth counting, and its roll-ups.

``record.record_activity`` is the one way in (with ``rollups.kept_in_step`` for in-place
changes); everything else reads. Apps that react to new activity (participation levels)
listen to ``signals.activity_recorded`` rather than being called from here.
"""

"""The activity board. ``occurrences`` expands activities (repeats, skipped and moved dates) into occurrences in a
window; ``board`` builds what the board and an activity page render."""

"""Public views of the events plugin, one module per area."""

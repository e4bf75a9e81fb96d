"""The duty desk's roster. ``rota`` holds its rules: the generator, swaps, and what counts as a change."""

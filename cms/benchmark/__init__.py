"""`make bench`: the public pages' throughput next to a trivial view through the same server (see the README)."""

"""Hypothesis strategies for fuzzing the public HTML forms: a valid submission with a few of its fields spoiled.

Spoiling none, one, two or three fields gives a mix of submissions that must succeed and ones that must be refused
with the form shown again; none may ever give a 500.
"""

import json
import sys
from collections import Counter

from hypothesis import strategies as st

JUNK = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", " ", "0", "-1", "99999999999999999999", "1e9", "<script>alert(1)</script>", "a\x00b", "😀" * 5]
    ),
    st.text(alphabet="0123456789-:T+ /.", max_size=25),
)


def spoiled(valid: dict, junk=JUNK) -> st.SearchStrategy[dict]:
    """``valid`` with up to three of its fields replaced by junk (or left out)."""
    fields = sorted(valid)

    def spoil(names):
        return st.fixed_dictionaries(
            {name: junk | st.just(None) if name in names else st.just(valid[name]) for name in fields}
        ).map(lambda data: {name: value for name, value in data.items() if value is not None})

    return st.sets(st.sampled_from(fields), max_size=3).flatmap(spoil)


def report(capsys, name: str, seen: dict[str, Counter]) -> None:
    """The status-code mix of each form or URL, shown with the test's output."""
    with capsys.disabled():
        sys.stdout.write(f"\n{name}: {json.dumps({key: dict(value) for key, value in seen.items()})}\n")

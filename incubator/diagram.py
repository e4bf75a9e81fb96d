"""The workflow picture, drawn from the transition definitions themselves so that it can never drift from the code."""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from incubator.workflow import ACTIONS, PROGRESS, State, transitions_of

NODE_W, NODE_H = 140, 44
COLUMN = 230  # from one stage to the next: room for an action's name between them
MARGIN = 30
BUS_GAP = 34  # between the horizontal lanes that lead to each side exit


@dataclass(frozen=True)
class Edge:
    action: str
    label: str
    who: str
    source: str
    target: str
    conditions: tuple[str, ...]
    comment_required: bool


def edges() -> list[Edge]:
    """Every (source → target) step of the workflow, in the order the actions are declared."""
    found = []
    for action in ACTIONS:
        for source, transition in transitions_of(action).transitions.items():
            found.append(
                Edge(
                    action=action,
                    label=str(transition.custom["label"]),
                    who=str(transition.custom["who"]),
                    source=str(source),
                    target=str(transition.target),
                    conditions=tuple(check.__name__ for check in transition.conditions),
                    comment_required=bool(transition.custom.get("comment_required")),
                )
            )
    return found


def _layout():
    """The four stages in a row; every other state (the side exits) in a row below, under the middle stages."""
    stages = [state.value for state in PROGRESS]
    side = [state.value for state in State if state.value not in stages]
    positions = {state: (MARGIN + i * COLUMN, MARGIN) for i, state in enumerate(stages)}
    side_y = MARGIN + NODE_H + 40 + len(side) * BUS_GAP
    for i, state in enumerate(side):
        positions[state] = (MARGIN + (i + 1) * COLUMN, side_y)
    return positions, side


def _route(edge, positions, side):
    """An orthogonal path for one edge, and where its label goes (None: another edge of its lane carries it)."""
    (sx, sy), (tx, ty) = positions[edge.source], positions[edge.target]
    if sy == ty:  # along the row of stages
        return f"M{sx + NODE_W},{sy + NODE_H / 2} H{tx}", (sx + NODE_W + tx) / 2, sy + NODE_H / 2 - 6
    if ty > sy:  # down to a side exit, through that exit's own horizontal lane
        i = side.index(edge.target)
        out_x = sx + 35 + i * (NODE_W - 70)
        lane_y = sy + NODE_H + 30 + i * BUS_GAP
        in_x = tx + 35 + i * (NODE_W - 70)
        label = (in_x + 6, lane_y + BUS_GAP / 2 + 4) if edge.source == State.APPLIED else None
        return f"M{out_x},{sy + NODE_H} V{lane_y} H{in_x} V{ty}", *(label or (None, None))
    # back up from a side exit (reopen): below the exits, along the left margin, into the stage's left side
    lane_y = sy + NODE_H + 24
    lane_x = MARGIN / 2
    label = (MARGIN + COLUMN / 2, lane_y - 6) if edge.source == side[0] else None
    path = f"M{sx + NODE_W / 2},{sy + NODE_H} V{lane_y} H{lane_x} V{ty + NODE_H / 2} H{tx}"
    return path, *(label or (None, None))


def svg() -> str:
    """An accessible SVG of the workflow: boxes for states, arrows labelled with the action for each transition."""
    positions, side = _layout()
    width = max(x for x, _ in positions.values()) + NODE_W + MARGIN
    height = max(y for _, y in positions.values()) + NODE_H + 40
    labels = dict(State.choices)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="workflow-title" font-family="sans-serif" font-size="13">',
        '<title id="workflow-title">孵化流程图</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>',
    ]
    for edge in edges():
        path, label_x, label_y = _route(edge, positions, side)
        colour = "#9b0c23" if edge.target in side else "#57606a"
        anchor = (
            "middle" if positions[edge.source][1] == positions[edge.target][1] or edge.target not in side else "start"
        )
        text = (
            f'<text x="{label_x:.0f}" y="{label_y:.0f}" text-anchor="{anchor}" fill="{colour}">{escape(edge.label)}</text>'
            if label_x is not None
            else ""
        )
        parts.append(
            f'<g class="edge" data-action="{edge.action}" data-source="{edge.source}" data-target="{edge.target}">'
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.5" marker-end="url(#arrow)"/>{text}</g>'
        )
    for state, (x, y) in positions.items():
        stage = state not in side
        parts.append(
            f'<g class="node" data-state="{state}"><rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="10" '
            f'fill="{"#c8102e" if stage else "#f3f4f6"}" stroke="{"#9b0c23" if stage else "#8c959f"}"/>'
            f'<text x="{x + NODE_W / 2:.0f}" y="{y + NODE_H / 2 + 5:.0f}" text-anchor="middle" '
            f'fill="{"#fff" if stage else "#1f2328"}" font-weight="700">{escape(str(labels[state]))}</text></g>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def mermaid() -> str:
    """The same picture as a Mermaid state diagram, for the README."""
    labels = dict(State.choices)
    lines = ["stateDiagram-v2", f"    [*] --> {State.APPLIED.value}"]
    lines += [f"    {state}: {labels[state]}" for state in State.values]
    lines += [f"    {edge.source} --> {edge.target}: {edge.label}({edge.who})" for edge in edges()]
    lines.append(f"    {State.MATURE.value} --> [*]")
    return "\n".join(lines)

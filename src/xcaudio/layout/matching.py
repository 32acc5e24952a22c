"""Which headline belongs to which body: by what they share, not by page order.

Most headlines follow their body in extracted text, photo captions precede theirs, and
the next page may do neither. So the display lines between two bodies are cut into units
(lines that must stay together: a title and its wrapped line, a kicker and its title) and
each unit goes to the neighbouring body whose text it repeats most (character bigrams and
numbers, weighted by how rare they are on the page). A body's headline stands next to
it: the units owned by the body above form an unbroken run right below it, those owned
by the body below an unbroken run right above it. What neither claims becomes index
lines and headline-only items.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from xcaudio.layout.blocks import KICKER_CUE, Body, Display
from xcaudio.layout.headlines import is_subtitle, text_of, title_joiner
from xcaudio.layout.leads import Credit, find_lead
from xcaudio.layout.lines import CJK, unbalanced, visual_width

OWN_THRESHOLD = 0.3
SUBHEAD_THRESHOLD = 0.45
SUBHEAD_WIDTH = 16
STORY_MARGIN = 0.3


@dataclass
class Unit:
    """Display lines that must go to the same place, or one byline block / photo credit."""

    lines: list[Display]

    @property
    def credit(self) -> Credit | None:
        return self.lines[0].credit

    @property
    def text(self) -> str:
        return "".join(text_of(line) for line in self.lines)


@dataclass
class Group:
    """The display units between two bodies (or before the first, after the last)."""

    units: list[Unit] = field(default_factory=list)

    @property
    def plain(self) -> list[Unit]:
        return [unit for unit in self.units if not unit.credit]


def features(text: str) -> set[str]:
    """Character bigrams of Chinese runs, and whole Latin/digit tokens."""
    found: set[str] = set()
    for run in re.findall(f"[{CJK}]+", text):
        found.update(run[index : index + 2] for index in range(len(run) - 1))
    found.update(token.lower() for token in re.findall(r"[A-Za-z0-9.]+", text))
    return found


class Overlap:
    """How much of a headline a body's text repeats, rare features counting more."""

    def __init__(self, bodies: list[Body]) -> None:
        self.documents = [features("".join(body.texts)) for body in bodies]
        self.frequency = Counter(item for document in self.documents for item in document)

    def weight(self, item: str) -> float:
        return math.log((len(self.documents) + 1) / (self.frequency[item] + 0.5))

    def coverage(self, text: str, document: int | None) -> float:
        if document is None or not 0 <= document < len(self.documents):
            return 0.0
        items = features(text)
        total = sum(self.weight(item) for item in items)
        shared = sum(self.weight(item) for item in items if item in self.documents[document])
        return shared / total if total else 0.0


def cohesive(previous: Display, line: Display, so_far: str) -> bool:
    """Lines that belong to one headline whoever owns it: a subtitle and its title, a
    kicker and its title, an open bracket and its close, and lines set together (no blank
    line between) that read as one title."""
    if line.credit or previous.credit:
        return False
    if is_subtitle(line) or unbalanced(so_far) or KICKER_CUE.search(text_of(previous)):
        return True
    return not line.blank_before and title_joiner(previous, line, so_far) is not None


def units_of(displays: list[Display]) -> list[Unit]:
    units: list[Unit] = []
    for display in displays:
        if units and cohesive(units[-1].lines[-1], display, units[-1].text):
            units[-1].lines.append(display)
        else:
            units.append(Unit([display]))
    return units


def arrange(items: list[Body | Display]) -> tuple[list[Body], list[Group]]:
    """Bodies in page order, and the groups around them: groups[k] precedes bodies[k]."""
    bodies: list[Body] = []
    pending: list[Display] = []
    groups: list[Group] = []
    for item in items:
        if isinstance(item, Display):
            pending.append(item)
            continue
        groups.append(Group(units_of(pending)))
        bodies.append(item)
        pending = []
    groups.append(Group(units_of(pending)))
    return bodies, groups


def captions_in(groups: list[Group]) -> set[int]:
    """Bodies followed by a photo credit: photo captions."""
    return {
        number - 1
        for number, group in enumerate(groups)
        if number > 0 and any(unit.credit and unit.credit.photo for unit in group.units)
    }


def merge_subheads(bodies: list[Body], groups: list[Group]) -> None:
    """Fold a one-line unit that splits one story in two (a subhead) back into the story.

    A subhead is a short plain line between two stretches of text where the second has no
    lead and is no photo caption, and the line is not the first stretch's headline (it
    repeats too little of it). Told from the second stretch's own headline set above it,
    it repeats less of the text after it than a headline would, or the first stretch would
    be left with no headline at all.
    """
    index = 1
    while index < len(bodies):
        overlap = Overlap(bodies)
        units = groups[index].units
        earlier, later = bodies[index - 1], bodies[index]
        line = units[0].lines[0] if len(units) == 1 and len(units[0].lines) == 1 else None
        if (
            line is None
            or not _subhead_shaped(line)
            or later.has_lead
            or earlier.closed
            or index in captions_in(groups)
            or overlap.coverage(line.text, index - 1) >= OWN_THRESHOLD
        ):
            index += 1
            continue
        earlier_has_headline = any(
            overlap.coverage(unit.text, index - 1) >= OWN_THRESHOLD
            for unit in groups[index - 1].plain
        )
        if earlier_has_headline and overlap.coverage(line.text, index) >= SUBHEAD_THRESHOLD:
            index += 1
            continue
        offset = len(earlier.paragraphs) + 1
        earlier.subheads |= {offset - 1} | {offset + item for item in later.subheads}
        earlier.paragraphs += [[line.text], *later.paragraphs]
        earlier.continued_on = later.continued_on
        earlier.closed = later.closed
        del bodies[index]
        del groups[index]


def split_by_headlines(bodies: list[Body], groups: list[Group]) -> None:
    """Cut a body in two where its headlines say it holds two stories.

    Out-of-order text can run one story's last paragraph straight into the next story's
    first, with no display line between. Such a body splits at a paragraph break where one
    headline of the page repeats the text before it and not the text after, and another
    headline the text after and not before.
    """
    headlines = [unit.text for group in groups for unit in group.plain]
    index = 0
    while index < len(bodies):
        cut = _story_break(bodies, index, headlines)
        if cut is None:
            index += 1
            continue
        body = bodies[index]
        tail = Body(
            paragraphs=body.paragraphs[cut:],
            subheads={number - cut for number in body.subheads if number >= cut},
            continued_on=body.continued_on,
            closed=body.closed,
        )
        body.paragraphs = body.paragraphs[:cut]
        body.subheads = {number for number in body.subheads if number < cut}
        body.continued_on, body.closed = None, True
        bodies.insert(index + 1, tail)
        groups.insert(index + 1, Group())


def _story_break(bodies: list[Body], index: int, headlines: list[str]) -> int | None:
    """The paragraph break where two headlines part the body, if any (the one where they
    part it most clearly). Each must repeat its part better than any other body."""
    body = bodies[index]
    whole = Overlap(bodies)
    elsewhere = {
        text: max(
            (whole.coverage(text, other) for other in range(len(bodies)) if other != index),
            default=0.0,
        )
        for text in headlines
    }
    best: tuple[float, int] | None = None
    for cut in range(1, len(body.paragraphs)):
        parts = [Body(paragraphs=body.paragraphs[:cut]), Body(paragraphs=body.paragraphs[cut:])]
        overlap = Overlap([*bodies[:index], *parts, *bodies[index + 1 :]])
        margins = [0.0, 0.0]
        for text in headlines:
            covers = [overlap.coverage(text, index), overlap.coverage(text, index + 1)]
            for side in (0, 1):
                if covers[side] >= OWN_THRESHOLD and covers[side] > elsewhere[text]:
                    margins[side] = max(margins[side], covers[side] - covers[1 - side])
        margin = min(margins)
        if margin >= STORY_MARGIN and (best is None or margin > best[0]):
            best = (margin, cut)
    return best[1] if best else None


def _subhead_shaped(line: Display) -> bool:
    return (
        not line.credit
        and not is_subtitle(line)
        and not KICKER_CUE.search(text_of(line))
        and visual_width(line.text) <= SUBHEAD_WIDTH
    )


def assign(bodies: list[Body], groups: list[Group]) -> dict[int, list[Display]]:
    """Each body's headline lines, in page order; unowned units are left out."""
    overlap = Overlap(bodies)
    owners: dict[int, int] = {}
    for number, group in enumerate(groups):
        before = number - 1 if number > 0 else None
        after = number if number < len(bodies) else None
        owners.update(_split_group(group.plain, before, after, overlap))
    _one_side_each(groups, owners, overlap)
    _far_headlines(bodies, groups, owners, overlap)
    _fallbacks(bodies, groups, owners)
    owned: dict[int, list[Display]] = {}
    for group in groups:
        for unit in group.plain:
            if id(unit) in owners:
                owned.setdefault(owners[id(unit)], []).extend(unit.lines)
    return owned


def _split_group(
    units: list[Unit], before: int | None, after: int | None, overlap: Overlap
) -> dict[int, int]:
    """The body above takes the best run of units right below it, the body below the best
    run right above it; a unit gains its coverage minus the threshold (a missing body
    covers nothing, so it takes nothing)."""
    gains_before = [overlap.coverage(unit.text, before) - OWN_THRESHOLD for unit in units]
    gains_after = [overlap.coverage(unit.text, after) - OWN_THRESHOLD for unit in units]
    best = (0.0, 0, len(units))
    for cut in range(len(units) + 1):
        prefix = max(range(cut + 1), key=lambda end: (sum(gains_before[:end]), -end))
        suffix = max(range(cut, len(units) + 1), key=lambda at: (sum(gains_after[at:]), at))
        total = sum(gains_before[:prefix]) + sum(gains_after[suffix:])
        if total > best[0]:
            best = (total, prefix, suffix)
    _, prefix, suffix = best
    owners = {id(unit): before for unit in units[:prefix] if before is not None}
    owners.update({id(unit): after for unit in units[suffix:] if after is not None})
    return owners


def _one_side_each(groups: list[Group], owners: dict[int, int], overlap: Overlap) -> None:
    """A story's headline stands in one place: keep the side that fits it better."""
    for body in set(owners.values()):
        sides = []
        for number in (body, body + 1):
            units = [unit for unit in groups[number].plain if owners.get(id(unit)) == body]
            score = sum(overlap.coverage(unit.text, body) for unit in units)
            sides.append((score, units))
        if sides[0][1] and sides[1][1]:
            for unit in min(sides, key=lambda side: side[0])[1]:
                del owners[id(unit)]


def _far_headlines(
    bodies: list[Body], groups: list[Group], owners: dict[int, int], overlap: Overlap
) -> None:
    """A body that no neighbouring unit matched takes the unowned units of one group
    elsewhere on the page that repeat it, and no other body, best: out-of-order text can
    set a story's headline away from it."""

    def claims(unit: Unit, body: int) -> bool:
        covers = [overlap.coverage(unit.text, other) for other in range(len(bodies))]
        best = covers[body] >= OWN_THRESHOLD and covers[body] == max(covers)
        return best and id(unit) not in owners

    for body in range(len(bodies)):
        if body in owners.values():
            continue
        found = [group for group in groups if any(claims(unit, body) for unit in group.plain)]
        best = max(
            found,
            key=lambda group: max(overlap.coverage(unit.text, body) for unit in group.plain),
            default=None,
        )
        for unit in best.plain if best else []:
            if claims(unit, body):
                owners[id(unit)] = body


def _fallbacks(bodies: list[Body], groups: list[Group], owners: dict[int, int]) -> None:
    """A body no unit matched takes the unowned unit next to it, in the usual place: below
    it, or above it for a photo caption."""
    owned = set(owners.values())
    captions = captions_in(groups)
    for body in range(len(bodies)):
        if body in owned:
            continue
        above, below = groups[body].plain[-1:], groups[body + 1].plain[:1]
        for candidate in (above, below) if body in captions else (below, above):
            if candidate and id(candidate[0]) not in owners:
                owners[id(candidate[0])] = body
                break


def unowned_runs(groups: list[Group], owned: dict[int, list[Display]]) -> list[list[Display]]:
    """Runs of adjacent display lines no body took (credits break a run)."""
    taken = {id(line) for lines in owned.values() for line in lines}
    runs: list[list[Display]] = []
    for group in groups:
        run: list[Display] = []
        for unit in group.units:
            if unit.credit or id(unit.lines[0]) in taken:
                runs, run = runs + [run], []
                continue
            run += unit.lines
        runs.append(run)
    return [run for run in runs if run]


def credit_owners(
    bodies: list[Body], groups: list[Group], owned: dict[int, list[Display]]
) -> dict[int, list[Credit]]:
    """Byline blocks go with the headline above them; photo credits with the caption above."""
    line_owner = {id(line): body for body, lines in owned.items() for line in lines}
    result: dict[int, list[Credit]] = {}
    for number, group in enumerate(groups):
        before = number - 1 if number > 0 else None
        after = number if number < len(bodies) else None
        last_owner: int | None = None
        for unit in group.units:
            credit = unit.credit
            if credit is None:
                last_owner = line_owner.get(id(unit.lines[0]))
                continue
            if credit.photo:
                owner = before if before is not None else after
            elif last_owner is not None:
                owner = last_owner
            elif after is not None and not _has_lead_byline(bodies[after]):
                owner = after
            else:
                owner = before
            if owner is not None:
                result.setdefault(owner, []).append(credit)
    return result


def _has_lead_byline(body: Body) -> bool:
    lead = find_lead(body.texts[0]) if body.paragraphs else None
    return bool(lead and lead.byline)

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
from xcaudio.layout.lines import CJK, ends_sentence, join_lines, unbalanced, visual_width

OWN_THRESHOLD = 0.3
SUBHEAD_THRESHOLD = 0.45
SUBHEAD_WIDTH = 16
SUBHEAD_LINES = 5
STACK_MIN_LINES = 3  # a title wraps to two lines at most; a subhead stack may take more
KICKER_LINES = 2
KICKER_SHARE = 0.15
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
        """Units that can be headlines: no credit, and more than one character (a lone
        one is a character of a name set upright, read apart from the rest)."""
        return [unit for unit in self.units if not unit.credit and len(unit.text) > 1]


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


def join_interrupted(bodies: list[Body], groups: list[Group]) -> None:
    """Join two stretches of text that display lines part in mid-sentence: the first stops
    unfinished, the second goes on (no lead, no paragraph opens it). The display lines
    stood between two pieces of a column (another story's headline, a banner across the
    page); they go before the joined text, out of its way."""
    index = 1
    while index < len(bodies):
        earlier, later = bodies[index - 1], bodies[index]
        last = earlier.texts[-1] if earlier.paragraphs else ""
        if not last or ends_sentence(last) or earlier.closed or later.has_lead or not later.goes_on:
            index += 1
            continue
        earlier.paragraphs[-1] += later.paragraphs[0]
        offset = len(earlier.paragraphs) - 1
        earlier.subheads |= {offset + item for item in later.subheads if item}
        earlier.paragraphs += later.paragraphs[1:]
        earlier.continued_on, earlier.closed = later.continued_on, later.closed
        earlier.note += later.note
        groups[index - 1].units += groups[index].units
        del bodies[index], groups[index]


def merge_subheads(bodies: list[Body], groups: list[Group]) -> None:
    """Fold a subhead that splits one story in two back into the story, as one paragraph.

    A subhead is a short plain line, or a centred stack of up to five (one phrase wrapped),
    between two stretches of text where the second has no lead and is no photo caption.
    A stack set right above the second stretch (no blank line between: one column) is a
    subhead; so is a single line read inside a column, no blank line before or after it
    (a headline stands apart from the text; such a subhead may repeat its section's words).
    Any other single line must not be the headline of a first stretch that has none (it
    repeats too little of it; one that has its headline takes no second); told from the
    second stretch's own headline set above it, it repeats less of the text after it than
    a headline would, or the first stretch would be left with no headline at all. Nor is
    it an essay's vertical title read late (`_vertical_titles`).
    """
    index = 1
    while index < len(bodies):
        overlap = Overlap(bodies)
        earlier, later = bodies[index - 1], bodies[index]
        lines = _subhead_lines(groups[index], on_text=not later.set_apart)
        text = join_lines([line.text for line in lines])
        titles = _vertical_titles(bodies, groups, overlap)
        in_column = len(lines) > 1 or (lines and not lines[0].blank_before)
        stacked_on_text = in_column and not later.set_apart
        if (
            not lines
            or later.has_lead
            or earlier.closed
            or index in captions_in(groups)
            or any(id(unit) in titles for unit in groups[index].units)
            or not (stacked_on_text or _headline_apart(text, index, overlap, groups))
        ):
            index += 1
            continue
        offset = len(earlier.paragraphs) + 1
        earlier.subheads |= {offset - 1} | {offset + item for item in later.subheads}
        earlier.paragraphs += [[text], *later.paragraphs]
        earlier.continued_on = later.continued_on
        earlier.closed = later.closed
        earlier.note += later.note
        del bodies[index]
        del groups[index]


def lift_stacked_subheads(bodies: list[Body], groups: list[Group]) -> None:
    """A centred stack set right above a stretch of text (no blank line between) that no
    stretch above can take is that stretch's opening subhead: the extractor gave the
    text above it elsewhere."""
    for number, body in enumerate(bodies):
        units = groups[number].units
        start = len(units)
        while start and not units[start - 1].credit and not units[start - 1].lines[0].blank_before:
            start -= 1
        start -= 1 if start else 0
        lines = _subhead_lines(Group(units[start:]), on_text=not body.set_apart)
        if len(lines) > 1 and not body.set_apart and not body.has_lead:
            _insert_subhead(body, 0, join_lines([line.text for line in lines]))
            del units[start:]


def place_essay_subheads(bodies: list[Body], groups: list[Group]) -> None:
    """Take an essay's subheads out of its headline stack and put each in front of the
    section it heads: the headed text it repeats best, or else the text right below.

    An essay's headline is its title (and kicker) above its author's name. The extractor
    may read the first subheads of its columns along with it: a line set below the name, or
    a centred stack of three lines or more after the title (a title wraps to two at most).
    """
    for number, group in enumerate(groups[: len(bodies)]):
        if bodies[number].has_lead:
            continue  # news, no essay: `本报讯…` opens the text below
        for run in _essay_subheads(group.units):
            text = join_lines([line.text for unit in run for line in unit.lines])
            home = _section_of(text, number, bodies)
            body = bodies[home]
            _insert_subhead(body, 0, text)
            group.units = [unit for unit in group.units if unit not in run]


def _essay_subheads(units: list[Unit]) -> list[list[Unit]]:
    """Runs of units in an essay's headline group that are subheads, not its headline."""
    names = [at for at, unit in enumerate(units) if unit.credit and unit.credit.names_only]
    titles = [at for at, unit in enumerate(units) if not unit.credit]
    if not names or not titles or titles[0] > names[0]:
        return []
    runs: list[list[Unit]] = []
    start = titles[0] + 1
    while start < len(units):
        end = start + 1
        while end < len(units) and not units[end].credit and not units[end].lines[0].blank_before:
            end += 1
        run = units[start:end]
        below_name = start > names[0] and not any(unit.credit for unit in units[end:])
        lines = [] if run[0].credit else _subhead_lines(Group(run), on_text=False)
        if lines and (below_name or len(lines) >= STACK_MIN_LINES):
            runs.append(run)
        start = end
    return runs


def _section_of(text: str, below: int, bodies: list[Body]) -> int:
    """The body a subhead read away from its section heads: of the stretches that open a
    paragraph after a blank line (or the one right below), with no lead or subhead in front,
    the one it repeats best, if well enough; else the one right below."""
    overlap = Overlap(bodies)
    homes = [
        number
        for number, body in enumerate(bodies)
        if not body.has_lead
        and 0 not in body.subheads
        and not body.goes_on
        and (body.set_apart or number == below)
    ]
    best = max(homes, key=lambda number: overlap.coverage(text, number), default=below)
    return best if overlap.coverage(text, best) >= OWN_THRESHOLD else below


def _vertical_titles(
    bodies: list[Body], groups: list[Group], overlap: Overlap
) -> dict[int, int]:
    """Titles set upright beside their essay, read a stretch of text late: an essay signed
    by a name read alone right after its text, with no headline on either side, takes the
    first line set apart on its own after the next stretch, if it repeats that essay no
    worse than the stretches around it (a poetic title may repeat nothing at all)."""
    found: dict[int, int] = {}
    for number in range(len(bodies) - 1):
        name = groups[number + 1].units
        signed = len(name) == 1 and name[0].credit is not None and name[0].credit.names_only
        if not signed or groups[number].plain or number + 2 >= len(groups):
            continue
        units = groups[number + 2].units
        if not units or units[0].credit or len(units[0].lines) > 1:
            continue
        unit = units[0]
        alone = unit.lines[0].blank_before and (len(units) == 1 or units[1].lines[0].blank_before)
        around = max(overlap.coverage(unit.text, other) for other in (number + 1, number + 2))
        if alone and len(unit.text) > 1 and overlap.coverage(unit.text, number) >= around:
            found[id(unit)] = number
    return found


def split_by_headlines(bodies: list[Body], groups: list[Group]) -> None:
    """Cut a body in two where its headlines say it holds two stories.

    Out-of-order text can run one story's last paragraph straight into the next story's
    first, with no display line between. Such a body splits at a paragraph break where one
    headline of the page repeats the text before it and not the text after, and another
    headline the text after and not before. Where that other headline is a subhead's stack
    (short lines set together), the break is a section's, read apart from its subhead: the
    stack goes in there.
    """
    index = 0
    while index < len(bodies):
        units = [unit for group in groups for unit in group.plain]
        found = _story_break(bodies, index, units)
        if found is None:
            index += 1
            continue
        cut, claim = found
        body = bodies[index]
        group, run = _stack_of(claim, groups)
        lines = _subhead_lines(Group(run), on_text=False)
        if len(lines) > 1:
            _insert_subhead(body, cut, join_lines([line.text for line in lines]))
            group.units = [unit for unit in group.units if unit not in run]
            continue
        tail = Body(
            paragraphs=body.paragraphs[cut:],
            subheads={number - cut for number in body.subheads if number >= cut},
            continued_on=body.continued_on,
            closed=body.closed,
            note=body.note,
        )
        body.note = []
        body.paragraphs = body.paragraphs[:cut]
        body.subheads = {number for number in body.subheads if number < cut}
        body.continued_on, body.closed = None, True
        bodies.insert(index + 1, tail)
        groups.insert(index + 1, Group())


def _insert_subhead(body: Body, at: int, text: str) -> None:
    """Set a subhead in a body as its own paragraph at `at`, the subheads after it moved on."""
    body.paragraphs.insert(at, [text])
    body.subheads = {number + (number >= at) for number in body.subheads} | {at}


def _stack_of(unit: Unit, groups: list[Group]) -> tuple[Group, list[Unit]]:
    """The unit's group, and the units set together with it (no blank line between)."""
    group = next(group for group in groups if any(other is unit for other in group.units))
    units = group.units
    at = next(number for number, other in enumerate(units) if other is unit)
    start, end = at, at + 1
    while start and not units[start].lines[0].blank_before and not units[start - 1].credit:
        start -= 1
    while end < len(units) and not units[end].lines[0].blank_before and not units[end].credit:
        end += 1
    return group, units[start:end]


def _story_break(
    bodies: list[Body], index: int, headlines: list[Unit]
) -> tuple[int, Unit] | None:
    """The paragraph break where two headlines part the body, if any (the one where they
    part it most clearly), and the headline of the part after it. Each must repeat its
    part better than any other body."""
    body = bodies[index]
    whole = Overlap(bodies)
    elsewhere = {
        id(unit): max(
            (whole.coverage(unit.text, other) for other in range(len(bodies)) if other != index),
            default=0.0,
        )
        for unit in headlines
    }
    best: tuple[float, int, Unit] | None = None
    for cut in range(1, len(body.paragraphs)):
        parts = [Body(paragraphs=body.paragraphs[:cut]), Body(paragraphs=body.paragraphs[cut:])]
        overlap = Overlap([*bodies[:index], *parts, *bodies[index + 1 :]])
        margins = [0.0, 0.0]
        claims: list[Unit | None] = [None, None]
        for unit in headlines:
            covers = [overlap.coverage(unit.text, index), overlap.coverage(unit.text, index + 1)]
            for side in (0, 1):
                margin = covers[side] - covers[1 - side]
                owns = covers[side] >= OWN_THRESHOLD and covers[side] > elsewhere[id(unit)]
                if owns and margin > margins[side]:
                    margins[side], claims[side] = margin, unit
        margin = min(margins)
        if margin >= STORY_MARGIN and claims[1] and (best is None or margin > best[0]):
            best = (margin, cut, claims[1])
    return (best[1], best[2]) if best else None


def _subhead_lines(group: Group, *, on_text: bool) -> list[Display]:
    """The group's lines, if they can be one subhead: set together (no blank line inside),
    each short, no credit or subtitle among them, not ending like a kicker (of one line
    or two; a longer stack wraps one phrase, whose last word may be a kicker's cue) unless
    set right on the text below (`on_text`: a title, never text, stands under a kicker)."""
    lines = [line for unit in group.units for line in unit.lines]
    if not 0 < len(lines) <= SUBHEAD_LINES or any(line.blank_before for line in lines[1:]):
        return []
    shaped = all(
        not line.credit and not is_subtitle(line) and visual_width(line.text) <= SUBHEAD_WIDTH
        for line in lines
    )
    kicker = (not on_text and len(lines) <= KICKER_LINES
              and KICKER_CUE.search(text_of(lines[-1])))
    return lines if shaped and not kicker else []


def _headline_apart(text: str, index: int, overlap: Overlap, groups: list[Group]) -> bool:
    """Whether a line between two stretches reads as a subhead by what it repeats: too
    little of the stretch above to be its headline where that one has none, too little of
    the one below to be that one's own where it has; nor is it the
    headline of a stretch elsewhere that has none beside it (out-of-order text sets a
    story's headline away from it), repeating that one better."""
    near = max(overlap.coverage(text, index - 1), overlap.coverage(text, index))
    headless = [
        number
        for number in range(len(groups) - 1)
        if number not in (index - 1, index) and not groups[number].plain + groups[number + 1].plain
    ]
    if any(near < overlap.coverage(text, number) >= OWN_THRESHOLD for number in headless):
        return False
    earlier_has_headline = any(
        overlap.coverage(unit.text, index - 1) >= OWN_THRESHOLD for unit in groups[index - 1].plain
    )
    if not earlier_has_headline:
        return overlap.coverage(text, index - 1) < OWN_THRESHOLD
    return overlap.coverage(text, index) < SUBHEAD_THRESHOLD




def assign(bodies: list[Body], groups: list[Group]) -> dict[int, list[Display]]:
    """Each body's headline lines, in page order; unowned units are left out."""
    overlap = Overlap(bodies)
    owners: dict[int, int] = {}
    for number, group in enumerate(groups):
        before = number - 1 if number > 0 else None
        after = number if number < len(bodies) else None
        owners.update(_split_group(group.plain, before, after, overlap))
    owners.update(_vertical_titles(bodies, groups, overlap))
    _signed_titles(groups, owners, bodies)
    _stacks_whole(groups, owners)
    _one_side_each(groups, owners, overlap)
    _to_the_headless(bodies, groups, owners, overlap)
    _signed_above(bodies, groups, owners)
    _far_headlines(bodies, groups, owners, overlap)
    _fallbacks(bodies, groups, owners)
    _kickers(groups, owners, overlap)
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


def _signed_titles(groups: list[Group], owners: dict[int, int], bodies: list[Body]) -> None:
    """A title with a name set right under it heads the text below them when that opens
    with no lead of its own (`本报讯`, which a news story's headline heads): an essay's
    title and byline stand above its text, whatever the text above repeats."""
    for number, body in enumerate(bodies):
        units = groups[number].units
        for title, name in zip(units, units[1:], strict=False):
            signed = name.credit is not None and name.credit.names_only
            if signed and not title.credit and not body.has_lead:
                owners[id(title)] = number


def _stacks_whole(groups: list[Group], owners: dict[int, int]) -> None:
    """A kicker set right above a title that a name signs, taken by another body than
    the title, goes where the title goes: an essay's headline stack is one headline,
    however much of the text above the kicker repeats."""
    stacked = _stacked_kickers(groups)
    for units in (group.units for group in groups):
        for kicker, title in zip(units, units[1:], strict=False):
            if id(kicker) in stacked and owners.get(id(kicker), owners.get(id(title))) != (
                owner := owners.get(id(title))
            ):
                owners.pop(id(kicker))
                if owner is not None:
                    owners[id(kicker)] = owner


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
    stacked = _stacked_kickers(groups)

    def claims(unit: Unit, body: int) -> bool:
        covers = [overlap.coverage(unit.text, other) for other in range(len(bodies))]
        best = covers[body] >= OWN_THRESHOLD and covers[body] == max(covers)
        return best and id(unit) not in owners and id(unit) not in stacked

    for body in range(len(bodies)):
        if body in owners.values():
            continue
        found = [group for group in groups if any(claims(unit, body) for unit in group.plain)]
        best = max(
            found,
            key=lambda group: max(overlap.coverage(unit.text, body) for unit in group.plain),
            default=None,
        )
        taken = [unit for unit in best.plain if claims(unit, body)] if best else []
        stack = _subhead_lines(Group(taken), on_text=False)
        upright = all(len(text_of(line)) == 1 for line in stack)  # a vertical title
        if len(stack) >= STACK_MIN_LINES and not upright and not bodies[body].has_lead:
            _insert_subhead(bodies[body], 0, join_lines([line.text for line in stack]))
            best.units = [unit for unit in best.units if unit not in taken]
            continue
        for unit in taken:
            owners[id(unit)] = body


def _stacked_kickers(groups: list[Group]) -> set[int]:
    """Units set right above a title that a name signs: an essay's headline stack (kicker,
    title, name) is read in one place, so no body elsewhere or above takes its kicker."""
    return {
        id(units[index - 1])
        for units in (group.units for group in groups)
        for index in range(1, len(units) - 1)
        if not units[index - 1].credit
        and not units[index].credit
        and (name := units[index + 1].credit) is not None
        and name.names_only
    }


def _to_the_headless(
    bodies: list[Body], groups: list[Group], owners: dict[int, int], overlap: Overlap
) -> None:
    """A body no unit matched takes a unit a neighbour took along with a headline of its
    own, when the unit repeats it far better: two headlines stood together, and the second
    is the headline of a story read elsewhere."""
    units = [unit for group in groups for unit in group.plain]
    apart = _set_apart(groups)
    for body in range(len(bodies)):
        if body in owners.values():
            continue
        for unit in units:
            owner = owners.get(id(unit))
            if owner is None or id(unit) not in apart:
                continue
            cover = overlap.coverage(unit.text, body)
            kept = [
                other
                for other in units
                if other is not unit
                and owners.get(id(other)) == owner
                and overlap.coverage(other.text, owner) > overlap.coverage(unit.text, owner)
            ]
            clearly = cover > overlap.coverage(unit.text, owner) + STORY_MARGIN
            if kept and cover >= OWN_THRESHOLD and clearly:
                owners[id(unit)] = body
                break


def _set_apart(groups: list[Group]) -> set[int]:
    """Units with a blank line above and below: each stands as a headline of its own (the
    lines of a stack do not)."""
    return {
        id(unit)
        for group in groups
        for unit, after in zip(group.units, [*group.units[1:], None], strict=False)
        if unit.lines[0].blank_before and (after is None or after.lines[0].blank_before)
    }


def _signed_above(bodies: list[Body], groups: list[Group], owners: dict[int, int]) -> None:
    """A body no unit matched, set right under a title and its author's name (read in
    either order: a name set level with the title may come first), takes that title: an
    essay's name and title head the text that follows them (its words need not recur in a
    section the extractor read first). Not text that opens with a lead: that is news."""
    owned = set(owners.values())
    for body, group in enumerate(groups[:-1]):
        units = group.units
        if body in owned or len(units) < 2 or bodies[body].has_lead:
            continue
        for title, name in ((units[-2], units[-1].credit), (units[-1], units[-2].credit)):
            signed = name is not None and name.names_only
            if signed and not title.credit and id(title) not in owners and len(title.text) > 1:
                owners[id(title)] = body
                break


def _fallbacks(bodies: list[Body], groups: list[Group], owners: dict[int, int]) -> None:
    """A body no unit matched takes the unowned unit next to it, in the usual place: below
    it, or above it for a photo caption; not the kicker of a signed title below it."""
    owned = set(owners.values())
    captions = captions_in(groups)
    stacked = _stacked_kickers(groups)
    for body in range(len(bodies)):
        if body in owned:
            continue
        above, below = groups[body].plain[-1:], groups[body + 1].plain[:1]
        for candidate in (above, below) if body in captions else (below, above):
            if candidate and id(candidate[0]) not in owners and id(candidate[0]) not in stacked:
                owners[id(candidate[0])] = body
                break


def _kickers(groups: list[Group], owners: dict[int, int], overlap: Overlap) -> None:
    """An unowned unit right above a story's headline that repeats some of its text is
    that story's kicker (a slogan banner above it repeats nothing)."""
    for group in groups:
        units = group.plain
        for number in reversed(range(len(units) - 1)):
            unit, below = units[number], units[number + 1]
            owner = owners.get(id(below))
            if (
                owner is not None
                and id(unit) not in owners
                and overlap.coverage(unit.text, owner) >= KICKER_SHARE
            ):
                owners[id(unit)] = owner


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
    """Byline blocks go with the headline above them; photo credits with the caption above.
    A byline standing alone between two stretches of text signs the one above it: an
    essay's name set upright beside its text is read after the text; unless the one above
    is signed already and the one below is not (the name under a title the extractor gave
    elsewhere). A name that would sign the text below, where another name further down,
    past headline lines, signs it already, signs the text above if that has none: an
    essay has one name."""
    line_owner = {id(line): body for body, lines in owned.items() for line in lines}
    result: dict[int, list[Credit]] = {}
    lone: list[tuple[int, Credit]] = []
    for number, group in enumerate(groups):
        before = number - 1 if number > 0 else None
        after = number if number < len(bodies) else None
        last_owner: int | None = None
        for unit in group.units:
            credit = unit.credit
            if credit is None:
                last_owner = line_owner.get(id(unit.lines[0]))
                continue
            alone = len(group.units) == 1
            if alone and before is not None and not credit.photo:
                lone.append((before, credit))
                continue
            if credit.photo:
                owner = before if before is not None else after
            elif last_owner is not None:
                owner = last_owner
            elif after is not None and not _has_lead_byline(bodies[after]):
                owner = after
                if (
                    credit.names_only
                    and before is not None
                    and not _signed(result, before)
                    and _signed_further(group.units, unit)
                ):
                    owner = before
            else:
                owner = before
            if owner is not None:
                result.setdefault(owner, []).append(credit)
    for before, credit in lone:
        owner = before
        titled = _upright_title_below(groups, owned, before + 1)
        if titled is not None and not _signed(result, titled) and before not in owned:
            result.setdefault(titled, []).append(credit)
            continue
        if _signed(result, before) and before + 1 < len(bodies) and not _signed(result, before + 1):
            owner = before + 1
        result.setdefault(owner, []).append(credit)
    return result


def _upright_title_below(
    groups: list[Group], owned: dict[int, list[Display]], below: int
) -> int | None:
    """The stretch headed by a title standing alone right after the stretch below a lone
    name, if that title heads a stretch further on."""
    after = below + 1
    if after >= len(groups) or below in owned:
        return None
    units = groups[after].units
    if len(units) != 1 or units[0].credit or not units[0].lines[0].blank_before:
        return None
    return next(
        (number for number, lines in owned.items() if lines == units[0].lines and number >= after),
        None,
    )


def _signed_further(units: list[Unit], name: Unit) -> bool:
    """Whether another name stands further down the units, headline lines between."""
    at = units.index(name)
    later = units[at + 1 :]
    return any(
        other.credit and other.credit.names_only and number > 0
        and all(not between.credit for between in later[:number])
        for number, other in enumerate(later)
    )


def _signed(credits: dict[int, list[Credit]], body: int) -> bool:
    return any(credit.names_only for credit in credits.get(body, []))


def _has_lead_byline(body: Body) -> bool:
    lead = find_lead(body.texts[0]) if body.paragraphs else None
    return bool(lead and lead.byline)


def place_orphan_leads(
    bodies: list[Body], owned: dict[int, list[Display]], credits: dict[int, list[Credit]]
) -> None:
    """Put an essay's opening back in front of its text.

    The extractor can read an essay's lead-in paragraphs apart from the rest, after another
    story, leaving the rest to open with a subhead. A stretch of finished text with no
    headline, name, note or lead of its own is such an opening; it goes in front of the
    headed text that opens with a subhead and whose headline it repeats best (each takes
    one)."""
    overlap = Overlap(bodies)
    headed = {
        number: "".join(text_of(line) for line in lines)
        for number, lines in owned.items()
        if 0 in bodies[number].subheads and not bodies[number].has_lead
    }
    for number, body in enumerate(bodies):
        texts = body.texts
        if (
            not texts
            or number in owned
            or number in credits
            or body.has_lead
            or body.note
            or body.subheads
            or body.continued_on
            or not ends_sentence(texts[-1])
        ):
            continue
        covers = {target: overlap.coverage(text, number) for target, text in headed.items()}
        target = max(covers, key=lambda item: covers[item], default=None)
        if target is None or covers[target] < OWN_THRESHOLD:
            continue
        opened = bodies[target]
        opened.subheads = {item + len(body.paragraphs) for item in opened.subheads}
        opened.paragraphs = body.paragraphs + opened.paragraphs
        body.paragraphs = []
        del headed[target]



def reunite_essays(
    bodies: list[Body], owned: dict[int, list[Display]], credits: dict[int, list[Credit]]
) -> None:
    """Put an essay back together when its title heads its lead-in and its name its
    sections, read apart: an essay has one title and one name.

    A stretch that opens with a subhead is no essay's opening, so a title it took goes to a
    signed stretch with no title that opens with plain text and repeats the title as well.
    Then a stretch that opens with a subhead and has no title goes after the titled opening
    whose title it repeats best, if the two have no more than one name between them and the
    opening has no note (a note ends an essay) and ends a sentence."""
    overlap = Overlap(bodies)
    _titles_to_openings(bodies, owned, credits, overlap)
    for section in range(len(bodies)):
        body = bodies[section]
        if section in owned or not _is_section(body):
            continue
        openings = [
            number
            for number in owned
            if _finished(bodies[number])
            and not bodies[number].note
            and not (_signed(credits, number) and _signed(credits, section))
        ]
        cover = {
            number: overlap.coverage(_headline_text(owned[number]), section) for number in openings
        }
        target = max(cover, key=lambda number: cover[number], default=None)
        if target is None or cover[target] < OWN_THRESHOLD:
            continue
        _append(bodies[target], body)
        credits.setdefault(target, []).extend(credits.pop(section, []))


def _titles_to_openings(
    bodies: list[Body],
    owned: dict[int, list[Display]],
    credits: dict[int, list[Credit]],
    overlap: Overlap,
) -> None:
    """A title a section took goes to the signed, untitled opening that repeats it as well."""
    for section in [number for number in owned if _is_section(bodies[number])]:
        text = _headline_text(owned[section])
        openings = [
            number
            for number, body in enumerate(bodies)
            if number not in owned and _signed(credits, number) and _opens_essay(body)
        ]
        target = max(openings, key=lambda number: overlap.coverage(text, number), default=None)
        if target is None:
            continue
        cover = overlap.coverage(text, target)
        if cover >= OWN_THRESHOLD and cover >= overlap.coverage(text, section):
            owned[target] = owned.pop(section)


def _headline_text(lines: list[Display]) -> str:
    return "".join(text_of(line) for line in lines)


def _is_section(body: Body) -> bool:
    """Text that opens with a subhead and no lead: a part of an essay after its opening."""
    return bool(body.paragraphs) and 0 in body.subheads and not body.has_lead


def _finished(body: Body) -> bool:
    """Finished text with no lead: an essay's part, its opening or a section."""
    texts = body.texts
    return bool(texts) and not body.has_lead and not body.continued_on and ends_sentence(texts[-1])


def _opens_essay(body: Body) -> bool:
    """Finished plain text with no lead or subhead in front: an essay's lead-in."""
    texts = body.texts
    return (
        bool(texts)
        and 0 not in body.subheads
        and not body.has_lead
        and not body.continued_on
        and ends_sentence(texts[-1])
    )


def _append(target: Body, section: Body) -> None:
    """Run a section on after the text it continues, leaving the section empty."""
    offset = len(target.paragraphs)
    target.subheads |= {offset + number for number in section.subheads}
    target.paragraphs += section.paragraphs
    target.note += section.note
    target.continued_on, target.closed = section.continued_on, section.closed
    section.paragraphs, section.note, section.subheads = [], [], set()

"""Column pieces: the extractor's blocks of text put back in reading order.

An extractor parts a page into blocks, one blank line between two, each a piece of a
column: one column of a story, or the part of it beside a picture, a banner or another
story's headline. It does not always give them in reading order, and it may set another
story's piece between two pieces of one column. Where a piece stops in mid-sentence the
column goes on in another piece, one that starts in mid-sentence too: with no indent (a
paragraph's first line has one), or with a mark no line can open with. Which one is
told by continuity, as a compositor would check a jump: the next piece in the text, if
it can go on and is as wide (the extractor's order is mostly right, but a column never
runs on at another width unless a cut word says so; headline pieces between stay where
they are), unless a word cut in two at another piece's end plainly claims it (and the
next piece completes no word); a word that the break cut in two (`…各方面党建资` /
`源等一系列…`); the same column width. Each open end takes one continuing start, chosen
for all pieces together, so that two ends never claim one start. An end that no word cut
pairs (a break may fall between two words) takes the one start left over as wide as its
column, if it is the page's one start that wide (or the one further on in the text) and no
other end left over is as wide, or the page's one start left over if it is the page's one
end left over. A cut word is plain when no other end claims its start but one the
extractor's order places already. Text pieces set at another width that the extractor put
between an end and the start it takes are another story's: the text read before them,
and the text they end a sentence before (which followed the start), is no part of theirs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from xcaudio.layout.blocks import (
    COLUMN_TOLERANCE,
    Classifier,
    Line,
    Role,
    word_crosses,
)
from xcaudio.layout.lines import ends_sentence, is_cjk

CUT_WORD = 2.0
WIDTH_PENALTY = 1.0
SAME_COLUMN = 0.25  # ems by which the median lines of two pieces of one column may differ


def reading_order(lines: list[Line]) -> list[Line]:
    """The lines with the pieces of text that continue a piece set right after it."""
    classifier = Classifier(lines)
    roles = classifier.roles(fresh_pieces=True)
    pieces: list[list[int]] = []
    for index, line in enumerate(lines):
        if not pieces or line.blank_before:
            pieces.append([])
        pieces[-1].append(index)
    widths = [sorted(classifier.widths[index] for index in piece) for piece in pieces]
    columns = [width[len(width) // 2] for width in widths]

    def open_end(piece: list[int]) -> bool:
        last = lines[piece[-1]]
        return (
            roles[piece[-1]] in (Role.PROSE, Role.LEAD)
            and not ends_sentence(last.text)
            and not last.closes_story
        )

    def goes_on(piece: list[int]) -> bool:
        return roles[piece[0]] is Role.PROSE and classifier.goes_on(piece[0])

    def display_only(piece: list[int]) -> bool:
        return all(roles[index] in (Role.DISPLAY, Role.CREDIT) for index in piece)

    def next_text(number: int) -> int:
        """The next piece of text, past headline pieces (which may stand between two pieces
        of a column: the text runs on across them, and they stay where they are)."""
        number += 1
        while number < len(pieces) and display_only(pieces[number]):
            number += 1
        return number

    def other_column(earlier: int, later: int) -> bool:
        """A piece that opens a paragraph right after finished text, set at another width
        (where that text ends, and in its fullest lines): the text of another column, no
        paragraph of its."""
        last, first = pieces[earlier][-1], pieces[later][0]
        return (
            roles[last] in (Role.PROSE, Role.LEAD)
            and roles[first] is Role.PROSE
            and not open_end(pieces[earlier])
            and not classifier.goes_on(first)
            and abs(classifier.widths[last] - classifier.widths[first]) > COLUMN_TOLERANCE
            and abs(fullest(earlier) - fullest(later)) > COLUMN_TOLERANCE
        )

    def fullest(number: int) -> float:
        """The widest text line of a piece: its column, however many lines fall short."""
        texts = [index for index in pieces[number] if roles[index] in (Role.PROSE, Role.LEAD)]
        return max(lines[index].width for index in texts)

    ends = [number for number, piece in enumerate(pieces) if open_end(piece)]
    starts = {number for number, piece in enumerate(pieces) if goes_on(piece)}
    every_start = set(starts)
    cuts = {
        (end, start)
        for end in ends
        for start in starts - {end}
        if cut_word(lines[pieces[end][-1]].text, lines[pieces[start][0]].text)
    }
    in_order = {(end, next_text(end)) for end in ends} & cuts
    sure = sole_pairs(cuts) | outbid_pairs(cuts, in_order)

    def runs_on(end: int, start: int) -> bool:
        """The extractor's next piece goes on the column: as wide, or completing a cut word."""
        return (
            start in starts
            and keeps_order(end, start, cuts, sure)
            and (
                (end, start) in cuts
                or abs(columns[end] - columns[start]) <= COLUMN_TOLERANCE
            )
        )

    following = {end: end + 1 for end in ends if runs_on(end, end + 1)}
    in_place = {
        end for end in ends if end not in following and runs_on(end, next_text(end))
    }
    starts -= set(following.values()) | {next_text(end) for end in in_place}
    scores = {}
    for end in set(ends) - set(following) - in_place:
        for start in starts - {end}:
            score = CUT_WORD if (end, start) in cuts else 0.0
            score -= WIDTH_PENALTY * max(0.0, abs(columns[end] - columns[start]) - COLUMN_TOLERANCE)
            if score > 0:
                scores[end, start] = score
    following.update(best_matching(scores))
    unpaired_ends = [end for end in ends if end not in following and end not in in_place]
    unpaired_starts = starts - set(following.values())
    following.update(same_column_pairs(unpaired_ends, every_start, unpaired_starts, columns))
    following.update(last_pair(unpaired_ends, unpaired_starts, following, columns))
    order: list[int] = []
    placed: set[int] = set()
    continued = set(following.values())
    for number in range(len(pieces)):
        current: int | None = number
        if number in continued:
            continue
        while current is not None and current not in placed:
            order.append(current)
            placed.add(current)
            current = following.get(current)
    order += [number for number in range(len(pieces)) if number not in placed]
    breaks: set[int] = set()
    for end, start in following.items():
        between = [number for number in range(end + 1, start) if number not in continued]
        stories = [
            number
            for number in between
            if any(roles[index] is not Role.FURNITURE for index in pieces[number])
        ]
        if (
            not stories
            or any(display_only(pieces[number]) for number in stories)
            or any(abs(columns[number] - columns[end]) <= SAME_COLUMN for number in stories)
        ):
            continue  # nothing, a headline, or maybe another column of the same story
        breaks.add(stories[0])
        after = order.index(between[-1]) + 1
        if not open_end(pieces[stories[-1]]) and after < len(order):
            breaks.add(order[after])
    breaks |= {
        later
        for earlier, later in zip(order, order[1:], strict=False)
        if other_column(earlier, later)
    }
    firsts = {pieces[number][0] for number in breaks}
    return [
        replace(lines[index], story_break=True) if index in firsts else lines[index]
        for number in order
        for index in pieces[number]
    ]


def same_column_pairs(
    ends: list[int], starts: set[int], unpaired: set[int], columns: list[float]
) -> dict[int, int]:
    """Open ends left over when no word cut at a break paired them (a break may fall between
    two words): an end goes on in the one start of the page as wide as its column (or, of
    several, the one further on: the extractor's order is mostly right), if that start is
    left over too and no other end left over is as wide (where pieces of several columns of
    one width go on, width alone leaves the choice open)."""

    def alike(piece: int, others: Iterable[int]) -> list[int]:
        return [
            other
            for other in others
            if other != piece and abs(columns[piece] - columns[other]) <= SAME_COLUMN
        ]

    pairs = {}
    for end in ends:
        fits = alike(end, starts)
        if len(fits) > 1:
            fits = [start for start in fits if start > end]
        if len(fits) == 1 and fits[0] in unpaired and alike(fits[0], ends) == [end]:
            pairs[end] = fits[0]
    return pairs


def last_pair(
    ends: list[int], starts: set[int], following: dict[int, int], columns: list[float]
) -> dict[int, int]:
    """The page's one open end still left over goes on in its one start still left over,
    if that is as wide: nothing else can finish the sentence, nor open in mid-sentence."""
    left_ends = [end for end in ends if end not in following]
    left_starts = starts - set(following.values()) - set(left_ends)
    if len(left_ends) != 1 or len(left_starts) != 1:
        return {}
    (end,), (start,) = left_ends, left_starts
    return {end: start} if abs(columns[end] - columns[start]) <= SAME_COLUMN else {}


def sole_pairs(cuts: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The cut words that leave no doubt: the end cuts a word with no other start, and the
    start with no other end (common characters make up some word at many breaks)."""
    return {
        (end, start)
        for end, start in cuts
        if sum(other[0] == end for other in cuts) == 1
        and sum(other[1] == start for other in cuts) == 1
    }


def outbid_pairs(
    cuts: set[tuple[int, int]], in_order: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Cut words that leave no doubt once the extractor's order is heard: the end cuts a
    word with no other start, and the one other end that claims the start cuts a word
    with the piece the extractor put after it (which it goes on with)."""
    pairs = set()
    for end, start in cuts:
        others = {other for other, claimed in cuts if claimed == start and other != end}
        if sum(pair[0] == end for pair in cuts) == 1 and len(others) == 1:
            (other,) = others
            if any(pair[0] == other for pair in in_order):
                pairs.add((end, start))
    return pairs


def keeps_order(
    end: int, start: int, cuts: set[tuple[int, int]], sure: set[tuple[int, int]]
) -> bool:
    """Whether an open end goes on with the start the extractor put after it. It does,
    unless that pair cuts no word and a word cut elsewhere plainly claims the start (the
    start completes no other end's word), or one claims the end plainly while another
    claims the start, or plainly while headline pieces stand between (the column need
    not run on across them): the extractor set another story's piece between."""
    if (end, start) in cuts:
        return True
    claimed = any(other_start == start for _, other_start in cuts)
    surely_claimed = any(other_start == start for _, other_start in sure)
    surely_elsewhere = any(other_end == end for other_end, _ in sure)
    across_headlines = start != end + 1
    return not (surely_claimed or (surely_elsewhere and (claimed or across_headlines)))


def cut_word(last: str, first: str) -> bool:
    """A Chinese word that the break between two lines cut in two (figures do not count:
    any two can be read as one)."""
    last, first = last.rstrip(), first.lstrip()
    return is_cjk(last[-1]) and is_cjk(first[0]) and word_crosses(last, first)


def best_matching(scores: dict[tuple[int, int], float]) -> dict[int, int]:
    """The pairs (end, start) of greatest total score, each end and each start in one pair
    at most: an assignment, solved with the Hungarian method on costs (a missing pair, or
    none, costs nothing)."""
    ends = sorted({end for end, _ in scores})
    starts = sorted({start for _, start in scores})
    size = max(len(ends), len(starts))
    if not size:
        return {}
    cost = [
        [
            -scores.get((ends[row], starts[column]), 0.0)
            if row < len(ends) and column < len(starts)
            else 0.0
            for column in range(size)
        ]
        for row in range(size)
    ]
    assigned = hungarian(cost)
    return {
        ends[row]: starts[column]
        for row, column in enumerate(assigned)
        if row < len(ends) and column < len(starts) and (ends[row], starts[column]) in scores
    }


def hungarian(cost: list[list[float]]) -> list[int]:
    """For a square cost matrix, the column given to each row so that the total cost is
    least (Kuhn and Munkres, with row and column potentials)."""
    size = len(cost)
    infinity = float("inf")
    row_potential = [0.0] * (size + 1)
    column_potential = [0.0] * (size + 1)
    owner = [0] * (size + 1)  # the row (1-based) holding each column; 0: none
    for row in range(1, size + 1):
        owner[0] = row
        column = 0
        slack = [infinity] * (size + 1)
        came_from = [0] * (size + 1)
        used = [False] * (size + 1)
        while owner[column]:
            used[column] = True
            current = owner[column]
            delta, nearest = infinity, 0
            for other in range(1, size + 1):
                if used[other]:
                    continue
                reduced = (
                    cost[current - 1][other - 1] - row_potential[current] - column_potential[other]
                )
                if reduced < slack[other]:
                    slack[other], came_from[other] = reduced, column
                if slack[other] < delta:
                    delta, nearest = slack[other], other
            for other in range(size + 1):
                if used[other]:
                    row_potential[owner[other]] += delta
                    column_potential[other] -= delta
                else:
                    slack[other] -= delta
            column = nearest
        while column:
            previous = came_from[column]
            owner[column] = owner[previous]
            column = previous
    assigned = [0] * size
    for column in range(1, size + 1):
        if owner[column]:
            assigned[owner[column] - 1] = column - 1
    return assigned

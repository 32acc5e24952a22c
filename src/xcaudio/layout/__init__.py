"""Layout: read a newspaper page like an editor and recover its articles.

Public API: `read_edition(paths) -> list[Page]` for the day's files in page order, each of
any kind, known by its content (a page PDF of one page or a whole edition, Founder's
方正见报XML, raw page text, Markdown, clean JSON; text in UTF-8 with or without BOM, UTF-16
with BOM, GB18030/GBK), with stories that jump pages joined (`edition`);
`read_page(path) -> Page` for one file as one page; `merge_pages` for an edition as one page;
`parse_page(text, name) -> Page` for raw page text; and `LayoutError` for input that is not
a page (one line, fit for the command line).

Page PDFs are read from where each character sits, in which size and font (`pdf/`: see its
docstring); that is the exact path, and the one the desk should use. Raw page text is what
a PDF extractor gives: lines broken at column edges, stray blank
lines, letter-spaced display type, headlines after their bodies (or before, for photo
captions). Recovery runs in stages, each in its own module:

1. `encoding`: detect the encoding; `columns`: unfold `pdftotext -layout` text (columns
   side by side) into one column after another, the columns found by the cells where
   many rows start text (a lone name, or a line past an edge that is the same column
   set a few cells further in elsewhere, crosses none; a headline below text spans the
   columns beside it that are empty on its rows, or that its story opens a few rows
   higher below a picture; a fake bold copy of a headline's first words on a row of its
   own is dropped; a name spaced out over a gutter is one name; a column set a few
   cells further in beside a box is one column; a vertical title set apart at a
   column's far side is read before the text beside it, a name set apart below it
   right after it; a banner beside a column
   narrowed for it crosses only the columns to its right; the running head on the first
   row is read first), parts of the page that no
   headline crosses read in turn (a
   column that ends a sentence where headlines cut the columns to its left read in
   their bands), a
   part that headlines cross read band by band (a kicker and its title one cut, read
   first; a title above all the text no cut; a column part that stops in mid-sentence
   read on below a headline over other columns only), a subhead's lines set rows apart kept
   together on the text they head (a comma inside a middle one too), an author's name
   under a title read right after it, a line set an indent in marked as a paragraph's
   first (two ideographic spaces); or refuse it (LayoutError: give the PDF)
   where no column edges line up;
2. `lines`: measure lines in ems (in a line spaced out letter by letter, the gaps
   around digits are its spacing, no width), re-join broken lines (also a printed line the
   extractor broke before an opening quote, unless the line below falls short of the
   column, which widens further down), remove the extractor's spaces and the
   second reading of a headline drawn twice (fake bold), or of any line read twice
   over; put an author's name set upright one character a line back together (the
   surname right under the title or set apart among the text, the given name the next
   lone character set apart); `pieces`: put the extractor's blocks (pieces of columns)
   back in reading order, each piece that stops in mid-sentence followed by the one that
   goes on (the next one if as wide, or one that starts where a word was cut, or the
   page's one start left over as wide), chosen for all pieces together; text of another
   width read between the two is another story's, set apart from the text before and
   after it (so is a paragraph opened after finished text at another column width);
3. `blocks`: learn whether the page squeezes punctuation to half an em, tell body lines
   from display lines by column width (a body line that runs on fills its column, one
   that opens a paragraph is indented; a justified line spaced out to its column, or to
   the narrower column just above, is no letter-spaced headline), punctuation, letter
   spacing and what the following lines do; find centred stacks (a subhead set in two to
   five short lines, a comma inside one only right above the indented text it heads; a
   stack set apart right above that text heads it even after an unfinished sentence);
   part paragraphs at an indent where no blank line parts them (measured; where the text
   marks its indents by ideographic spaces at a line's start, the marks alone); cut the
   text into bodies at leads, display lines, credits, author notes and continuation
   markers (also when a line break cut the marker in two); drop a chart's source line
   (`数据来源：…`, to its sentence's end: a caption, words in data/furniture.tsv);
4. `matching`: join text that headline lines interrupted in mid-sentence, fold subheads
   (a line or a centred stack; one set right on its text may end like a kicker; a line
   read inside a column, no blank line either side, is one) back into their story, cut
   a body in two where two headlines each repeat one part of it (out-of-order text ran
   one story into the next; where one is a subhead's stack, it
   goes in at that break instead), take an essay's subheads out of its
   headline stack (a line below the name, or a stack of three short lines or more: a
   title wraps to two at most) and put each in front of the section it repeats best,
   and give each headline to the neighbouring body whose words it shares (not to the one
   page order suggests; a headline set apart that a neighbour took along with its own
   goes to a headless body it repeats far better), or, for a body no neighbour fits, to
   the one set right under a title and its name (read in either order), or to the one
   it repeats best wherever it stands (a stack of three short lines or more goes in as
   its opening subhead instead; not a kicker set right above a title a name
   signs: an essay's headline stack is read in one place, and its kicker goes where
   its title goes; a title with a name set right under it heads the text below, if that
   has no lead; a lone character, one of an upright name's, heads nothing; an essay a
   name alone signs, with no headline beside it, takes the line set apart first after
   the next stretch: its vertical title, read late, no subhead);
   put an essay's lead-in read apart (finished text with no headline, name or note of
   its own) in front of the headed text that opens with a subhead and whose headline it
   repeats; an essay has one title and one name: text that opens with a subhead opens no
   essay, so a title it took goes to a signed untitled essay that repeats it as well, and
   text that opens with a subhead and has no title goes after the titled opening (no note,
   one name between them) whose title it repeats best;
5. `headlines`: read kicker / title / subtitle off a story's headline lines (an essay's
   title stands above its author's name, its kicker set apart above the title); what no
   body took becomes `headlines` entries, slogan banners are dropped; a series banner
   (`…发言选编`, words in data/furniture.tsv) is furniture, no essay's kicker;
6. `leads`: split `本报讯（记者 …）` and `新华社…电` leads into dateline, byline and people;
   read byline blocks (role words and names, or names alone that start with a common
   surname, as under an essay's title; a name alone between two essays signs the one
   above, unless that one is signed already; so does a name that another name further
   down keeps from the text below); `blocks` also keeps an author note
   (`（作者为…）`, over any number of lines) as the `note` of the story before it;
7. `recover` puts these together; `sources` reads files (raw, Markdown, JSON); `ids`
   spells article ids; `founder` reads 方正见报XML, whose fields need no recovery.

Conventions of the output: `dateline` is the lead formula as printed (`本报讯`,
`新华社北京4月16日电`), `byline` the credit as printed (`记者 石冠兵`,
`本报记者 乔利峰 摄`), `continued_on` the page as printed (`第四版`). A two-line title
joins with no space when it is one phrase wrapped, with one space when its lines are two
parallel phrases (`切实增强责任感紧迫感 推动项目建设提速提效`).

Pages expected to still fail:
- a piece of a story's text that the extractor put away from the rest, where the break
  falls between two paragraphs (nothing says where it goes: a section with its subhead
  among another essay's columns; an essay's lead-in read after another story when its
  essay does not open with a subhead, or when another headline was given to it): read as
  a story of its own, or run into its neighbour; the essay splits into untitled sections, each
  opening with its subhead (a subhead read with the headline goes to the section it
  repeats, or else to the text right below the name);
- a headline set away from its text that repeats none of its words (an essay's vertical
  title read after the essay, or between two other stories, other than a stretch after a
  name that alone signs the essay): given to a neighbour;
- an author's name set upright one character per line beside the text, the characters
  read apart, where the surname is neither right under the title nor set apart among the
  text (read first on the page, or after the essay's note; the given name may come before
  it): lost to the byline, or its surname glued to the first paragraph; a name put
  together among the text signs the story it falls in, which may not be its own;
- a kicker set apart above an essay's title that repeats another body's text well
  enough to be its headline (its own text spaced out by the extractor), or above a title
  no name signs: given to that body;
- `-layout` text: a headline that crosses a column edge cuts the columns beside it into
  bands, so a story's columns level with another story's headline are read in two
  parts, the lower parts after the whole band above (left to `pieces` to put back, which
  it cannot where a part ends at a paragraph's end, or where the headline's measured span
  takes in the column it stands beside); a headline set solid is measured at
  two cells a character, so one that stays within its column on the page may be taken
  to cross;
- a one-line title exactly as wide as the body column, with no punctuation, followed by a
  story without a lead whose first words do not continue it: read as that story's first
  line (photo captions are repaired, other stories are not);
- paragraph breaks where the extractor left no blank line, the paragraph's last line is
  full and the next one's indent is lost in the measure of its punctuation (text that
  marks no indents), or set at the column's edge (`-layout` text of a line spaced out by
  justification), or a stray blank line between two lines that end sentences: paragraphs
  are merged or split there (no text is lost);
- a centred subhead line set a few cells in from its column's edge is marked as an
  indent like a paragraph's first line (harmless where it follows a sentence's end);
- a headline glued to an index line with no blank line between, when the two are set at
  the same width: read as one two-line title;
- two bylined names broken across a line exactly at the space between them (`黎云` /
  `贾启龙` with the space lost) become one name when together they are four characters
  or fewer;
- a headline that shares almost no words with its body (a feature's poetic title) falls
  back to page order, and so can be given to the wrong neighbour;
- tables, Q&A columns, lists of figures and poems, which have no running prose, are read
  as display lines and end up in `headlines`;
- two-column headline stacks whose lines the extractor interleaved.
"""

from xcaudio.layout.errors import LayoutError
from xcaudio.layout.recover import parse_page
from xcaudio.layout.sources import merge_pages, read_edition, read_page

__all__ = ["LayoutError", "merge_pages", "parse_page", "read_edition", "read_page"]

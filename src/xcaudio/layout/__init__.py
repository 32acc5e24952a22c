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
   side by side) into one column after another, or refuse it (LayoutError: give the
   PDF) where its columns cannot be told apart;
2. `lines`: measure lines in ems, re-join broken lines, remove the extractor's spaces
   and the second reading of a headline drawn twice (fake bold);
3. `blocks`: learn whether the page squeezes punctuation to half an em, tell body lines
   from display lines by column width (a body line that runs on fills its column, one
   that opens a paragraph is indented), punctuation, letter spacing and what the
   following lines do, and cut the text into bodies at leads, display lines, credits and
   continuation markers (also when a line break cut the marker in two);
4. `matching`: fold subheads back into their story, cut a body in two where two
   headlines each repeat one part of it (out-of-order text ran one story into the
   next), and give each headline to the neighbouring body whose words it shares (not to
   the one page order suggests), or, for a body no neighbour fits, to the one it repeats
   best wherever it stands;
5. `headlines`: read kicker / title / subtitle off a story's headline lines; what no body
   took becomes `headlines` entries, slogan banners are dropped;
6. `leads`: split `本报讯（记者 …）` and `新华社…电` leads into dateline, byline and people;
   read byline blocks (role words and names, or names alone that start with a common
   surname, as under an essay's title); `blocks` also keeps an author note
   (`（作者为…）`, over any number of lines) as the `note` of the story before it;
7. `recover` puts these together; `sources` reads files (raw, Markdown, JSON); `ids`
   spells article ids; `founder` reads 方正见报XML, whose fields need no recovery.

Conventions of the output: `dateline` is the lead formula as printed (`本报讯`,
`新华社北京4月16日电`), `byline` the credit as printed (`记者 石冠兵`,
`本报记者 乔利峰 摄`), `continued_on` the page as printed (`第四版`). A two-line title
joins with no space when it is one phrase wrapped, with one space when its lines are two
parallel phrases (`切实增强责任感紧迫感 推动项目建设提速提效`).

Pages expected to still fail:
- a body that jumps columns in mid-sentence around another story's headline: the headline
  lines are read into the body (an unfinished sentence always runs on);
- a one-line title exactly as wide as the body column, with no punctuation, followed by a
  story without a lead whose first words do not continue it: read as that story's first
  line (photo captions are repaired, other stories are not);
- paragraph breaks where the extractor left no blank line and the paragraph's last line
  is full, or a stray blank line between two lines that end sentences: paragraphs are
  merged or split there (no text is lost);
- a headline glued to an index line with no blank line between, when the two are set at
  the same width: read as one two-line title;
- two bylined names broken across a line exactly at the space between them (`黎云` /
  `贾启龙` with the space lost) become one name when together they are four characters
  or fewer;
- a headline that shares almost no words with its body (a feature's poetic title) falls
  back to page order, and so can be given to the wrong neighbour;
- tables, Q&A columns, lists of figures and poems, which have no running prose, are read
  as display lines and end up in `headlines`;
- two-column headline stacks whose lines the extractor interleaved;
- `-layout` text of a page whose parts have different column grids (a boxed sidebar,
  a second story below) is cut into many short column pieces, read band by band: a
  column that a row across it interrupts goes on after the neighbouring columns' pieces.
"""

import logging

import jieba

from xcaudio.layout.errors import LayoutError
from xcaudio.layout.recover import parse_page
from xcaudio.layout.sources import merge_pages, read_edition, read_page

__all__ = ["LayoutError", "merge_pages", "parse_page", "read_edition", "read_page"]

# Importing jieba sets its logger to DEBUG, so every dictionary load would be announced.
jieba.setLogLevel(logging.WARNING)

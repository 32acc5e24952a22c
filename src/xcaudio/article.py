"""The values that leave the layout stage: a page and its articles.

Their JSON form is a contract (`xcaudio clean --json`, DESIGN.md): other tools read it,
and `xcaudio render` accepts it back as already-clean input. Beyond DESIGN.md's fields, an
article may carry `continued_from` (the page its first part is on, as printed: `第一版`, for
a part marked `（上接第一版）`) and `note` (an author note as printed, without its brackets:
`作者为中央党校研究员`); a page its `number` in the edition (1 for 第01版), when known.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Kind = Literal["article", "brief", "photo"]


@dataclass
class Article:
    id: str
    kind: Kind = "article"
    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    people: list[str] = field(default_factory=list)
    dateline: str | None = None
    body: list[str] = field(default_factory=list)
    continued_on: str | None = None
    continued_from: str | None = None
    note: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        names = cls.__dataclass_fields__
        return cls(**{key: value for key, value in data.items() if key in names})


@dataclass
class Page:
    page: str
    articles: list[Article] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    number: int | None = None

    def to_dict(self) -> dict:
        return {
            "page": self.page,
            "number": self.number,
            "articles": [asdict(article) for article in self.articles],
            "headlines": list(self.headlines),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Page:
        return cls(
            page=data.get("page") or "",
            number=data.get("number"),
            articles=[Article.from_dict(item) for item in data.get("articles", [])],
            headlines=list(data.get("headlines") or []),
        )

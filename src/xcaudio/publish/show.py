"""Who publishes the show and how it presents itself to podcast directories."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_OWNER_EMAIL = "audio@xcdaily.example"


@dataclass(frozen=True)
class Show:
    title: str = "许昌日报有声版"
    subtitle: str = "Xuchang Daily audio edition"
    description: str = (
        "《许昌日报》每天的新闻，用语音合成朗读：每天一期要闻合辑，附章节和文字稿。"
        " Xuchang Daily audio edition: the day's paper, read aloud by speech synthesis."
    )
    articles_title: str = "许昌日报有声版 · 单篇新闻"
    articles_description: str = (
        "《许昌日报》每篇新闻单独一期，想听哪篇听哪篇。"
        " Xuchang Daily audio edition, one episode per story."
    )
    author: str = "许昌日报社"
    language: str = "zh-cn"
    category: str = "News"
    subcategory: str = "Daily News"
    explicit: bool = False
    owner_name: str = "许昌日报社"
    owner_email: str = DEFAULT_OWNER_EMAIL

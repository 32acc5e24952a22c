"""Voice presets (`voices/NAME.toml`) and raw engine voice names, resolved to VoiceSettings."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from importlib import resources
from pathlib import Path

from xcaudio.engines import Pauses, VoiceSettings

DEFAULT_VOICE = "offline"
EDGE_VOICE = re.compile(r"^[a-z]{2,3}-[A-Z]{2}(-[a-z]+)?-[A-Za-z]+Neural$")
PROSODY = {
    "rate": (re.compile(r"^[+-]\d{1,3}%$"), "-10%"),
    "pitch": (re.compile(r"^[+-]\d{1,3}Hz$"), "+5Hz"),
    "volume": (re.compile(r"^[+-]\d{1,3}%$"), "+0%"),
}


class VoiceError(ValueError):
    """An unknown voice or a malformed rate/pitch/volume."""


def presets_folder() -> Path:
    """`voices/` of the checkout in a development install, else the copy inside the wheel."""
    checkout = Path(__file__).resolve().parents[2] / "voices"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("xcaudio") / "voices"))


def kokoro_voice_names() -> list[str]:
    """Kokoro's Mandarin voices, whether or not their files are installed here."""
    from xcaudio.engines.kokoro.model import voice_hashes

    return list(voice_hashes())


def preset_names() -> list[str]:
    return sorted(path.stem for path in presets_folder().glob("*.toml"))


def load_preset(name: str) -> VoiceSettings:
    path = presets_folder() / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    presenter = resolve_voice(data["presenter"]) if "presenter" in data else None
    if presenter and presenter.presenter:
        raise VoiceError(f"voice {name!r}: its presenter {presenter.name!r} names a presenter "
                         f"of its own; a presenter must be a single voice")
    return VoiceSettings(
        name=name,
        engine=data["engine"],
        voice=data["voice"],
        rate=data.get("rate", "+0%"),
        pitch=data.get("pitch", "+0Hz"),
        volume=data.get("volume", "+0%"),
        pauses=Pauses(**data.get("pauses", {})),
        description=data.get("description", ""),
        commercial_use=data.get("commercial_use", True),
        licence=data.get("licence", ""),
        presenter=presenter,
    )


def resolve_voice(
    name: str | None = None,
    rate: str | None = None,
    pitch: str | None = None,
    volume: str | None = None,
) -> VoiceSettings:
    """A preset name, a raw edge voice name (zh-CN-YunxiNeural) or a Kokoro Mandarin voice name
    (zm_yunjian), with optional overrides."""
    name = name or DEFAULT_VOICE
    if name in preset_names():
        voice = load_preset(name)
    elif EDGE_VOICE.match(name):
        voice = VoiceSettings(name=name, engine="edge", voice=name)
    elif name in kokoro_voice_names():
        voice = VoiceSettings(name=name, engine="kokoro", voice=name)
    else:
        known = ", ".join(preset_names())
        raise VoiceError(f"unknown voice {name!r}: use a preset ({known}), an edge voice name "
                         f"or a Kokoro voice name (see `xcaudio voices`)")
    overrides = {"rate": rate, "pitch": pitch, "volume": volume}
    for field_name, value in overrides.items():
        pattern, example = PROSODY[field_name]
        if value is not None and not pattern.match(value):
            raise VoiceError(f"bad --{field_name} {value!r}: expected a form like {example}")
    return replace(voice, **{key: value for key, value in overrides.items() if value is not None})


def licence_warning(voice: VoiceSettings, commercial: bool) -> str | None:
    """One line for a voice (or its presenter) whose licence forbids commercial use; a
    `VoiceError` instead when the show is commercial (`commercial = true` in its settings)."""
    voice = next((speaker for speaker in (voice, voice.presenter)
                  if speaker and not speaker.commercial_use), voice)
    if voice.commercial_use:
        return None
    if commercial:
        raise VoiceError(f"voice {voice.name!r} is for non-commercial use only ({voice.licence}), "
                         f"and the show's settings say commercial = true: choose another voice "
                         f"(`xcaudio voices`)")
    return (f"voice {voice.name!r} is for non-commercial use only ({voice.licence}); "
            f"set commercial = true in show.toml to refuse such voices")

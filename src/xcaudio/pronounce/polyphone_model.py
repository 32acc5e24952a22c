"""The g2pM polyphone model (a small bidirectional LSTM), run on its shipped weights.

g2pM's wheel carries the weights as numpy arrays; its own runner steps the two directions apart
and recomputes every input projection, about 4 ms a sentence. Here each character's input
projection is computed once when the weights load, both directions and every polyphone of a
sentence share one matrix product per step over a fixed window, and the choice is limited to the
readings the character actually has: a fraction of a millisecond, with the same answers.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

HIDDEN = 32
CONTEXT = 10
GATE_ORDER = (0, 1, 3, 2)
"""Where PyTorch's gate blocks (input, forget, candidate, output) go in our layout."""
UNKNOWN, BEGIN, END = "<UNK>", "시", "끝"
"""g2pM's own marks for an unknown character and for the start and end of a sentence."""


@dataclass(frozen=True)
class Guess:
    reading: str
    """Pinyin with a tone number, ü written v."""
    confidence: float
    """The model's probability for this reading among the character's readings."""


def _load(name: str) -> object:
    return pickle.loads(files("g2pM").joinpath(name).read_bytes())


@cache
def model_vocabulary() -> frozenset[str]:
    """Characters the model was trained on: the characters of present-day simplified text."""
    return frozenset(_load("char2idx.pkl"))


@cache
def polyphones() -> dict[str, tuple[str, ...]]:
    """Characters the model decides, with the readings it chooses among (most common first)."""
    readings: dict[str, list[str]] = _load("digest_cedict.pkl")
    return {char: tuple(_plain(r) for r in options)
            for char, options in readings.items() if len(options) > 1}


def _plain(reading: str) -> str:
    """g2pM writes ü as `u:` and erhua 儿 as `r5`; we write `v` and `er5`."""
    return "er5" if reading == "r5" else reading.replace("u:", "v")


class PolyphoneModel:
    """g2pM's network, read as: gates = W_in x + W_rec h, laid out so one tanh serves every gate.

    Columns are grouped [input, forget, output | candidate], each holding the forward then the
    backward direction; the sigmoid gates are scaled by 1/2 so that sigmoid(x) = (tanh(x/2) + 1)/2.
    """

    def __init__(self) -> None:
        weights: dict[str, np.ndarray] = _load("np_ckpt.pkl")
        self.char_ids: dict[str, int] = _load("char2idx.pkl")
        classes: dict[str, int] = _load("class2idx.pkl")
        self.class_ids = {_plain(reading): index for reading, index in classes.items()}
        embedding = weights["embedding.weight"]
        directions = [("", 0), ("_reverse", 1)]
        inputs = np.zeros((2, len(embedding), 8 * HIDDEN))
        recurrent = np.zeros((2 * HIDDEN, 8 * HIDDEN))
        for suffix, direction in directions:
            projected = (embedding @ weights[f"lstm.weight_ih_l0{suffix}"].T
                         + weights[f"lstm.bias_ih_l0{suffix}"]
                         + weights[f"lstm.bias_hh_l0{suffix}"])
            rows = slice(direction * HIDDEN, (direction + 1) * HIDDEN)
            for source, target in enumerate(GATE_ORDER):
                gate = slice(source * HIDDEN, (source + 1) * HIDDEN)
                column = slice((2 * target + direction) * HIDDEN,
                               (2 * target + direction + 1) * HIDDEN)
                inputs[direction, :, column] = projected[:, gate]
                recurrent[rows, column] = weights[f"lstm.weight_hh_l0{suffix}"][gate].T
        scale = np.ones(8 * HIDDEN)
        scale[:6 * HIDDEN] = 0.5
        self.forward_inputs, self.backward_inputs = (inputs * scale).astype(np.float32)
        self.recurrent = (recurrent * scale).astype(np.float32)
        self.hidden_weight = weights["logit_layer.0.weight"].T
        self.hidden_bias = weights["logit_layer.0.bias"]
        self.output_weight = weights["logit_layer.2.weight"].T
        self.output_bias = weights["logit_layer.2.bias"]

    def guess(self, sentence: str, positions: list[int]) -> list[Guess]:
        """The likeliest reading of each polyphone at `positions` in `sentence`."""
        if not positions:
            return []
        hidden = np.maximum(self._states(sentence, positions) @ self.hidden_weight
                            + self.hidden_bias, 0.0)
        scores = hidden @ self.output_weight + self.output_bias
        return [self._choose(sentence[position], row)
                for position, row in zip(positions, scores, strict=True)]

    def _choose(self, char: str, scores: np.ndarray) -> Guess:
        options, classes = self._options(char)
        own = scores[classes]
        probabilities = np.exp(own - own.max())
        probabilities /= probabilities.sum()
        best = int(probabilities.argmax())
        return Guess(options[best], float(probabilities[best]))

    @cache  # noqa: B019 - one model lives as long as the process
    def _options(self, char: str) -> tuple[tuple[str, ...], np.ndarray]:
        """The readings the model may choose for `char`, and their output classes."""
        options = tuple(r for r in polyphones().get(char, ()) if r in self.class_ids)
        if not options:
            raise KeyError(f"{char!r} is not a polyphone the model knows")
        return options, np.array([self.class_ids[r] for r in options])

    def _states(self, sentence: str, positions: list[int]) -> np.ndarray:
        """Forward and backward states at each position, one row per position.

        Each direction reads at most CONTEXT characters up to the position (g2pM's answers on
        its own test sentences do not change beyond 10), all positions at once, so the cost no
        longer grows with the sentence.
        """
        unknown = self.char_ids[UNKNOWN]
        ids = np.array([self.char_ids[BEGIN], *(self.char_ids.get(c, unknown) for c in sentence),
                        self.char_ids[END]])
        targets = np.asarray(positions) + 1
        steps = np.arange(CONTEXT + 1)[:, None]
        before, after = targets - CONTEXT + steps, targets + CONTEXT - steps
        inside = np.stack([before >= 0, after < len(ids)], axis=2)
        last = len(ids) - 1
        inputs = (self.forward_inputs[ids[before.clip(0, last)]]
                  + self.backward_inputs[ids[after.clip(0, last)]])
        keep = np.repeat(inside, HIDDEN, axis=2).astype(np.float32)
        hidden = cell = np.zeros((len(positions), 2 * HIDDEN), np.float32)
        for projected, kept in zip(inputs, keep, strict=True):
            gates = np.tanh(projected + hidden @ self.recurrent)
            sigmoid = gates[:, : 6 * HIDDEN] * 0.5 + 0.5
            cell = (sigmoid[:, 2 * HIDDEN: 4 * HIDDEN] * cell
                    + sigmoid[:, : 2 * HIDDEN] * gates[:, 6 * HIDDEN:]) * kept
            hidden = sigmoid[:, 4 * HIDDEN:] * np.tanh(cell)
        return hidden


@cache
def polyphone_model() -> PolyphoneModel:
    return PolyphoneModel()

"""What a failed ``create-pin`` means for the batch, decided by the
component's typed error alone."""

from __future__ import annotations

from dataclasses import dataclass

from .component import ConnectorError

#: Wait after a rate-limit answer that names no reset time, in seconds.
DEFAULT_RATE_LIMIT_WAIT = 60


@dataclass(frozen=True)
class Decision:
    """``wait`` (rate-limited: retry after ``seconds``), ``retry`` (with
    backoff), ``refresh`` (refresh the token, then retry once) or ``fail``
    (the item fails with ``remedy``; the batch goes on)."""

    action: str
    tag: str
    summary: str
    remedy: str
    seconds: int = 0

    def outcome(self) -> dict:
        """What the item records: no token can be in it (the component's
        errors never carry one)."""
        return {"tag": self.tag, "summary": self.summary, "remedy": self.remedy}


def decide(error: ConnectorError) -> Decision:
    """The decision for one failed attempt."""
    val = error.error["val"]
    if error.tag == "invalid-input":
        return Decision("fail", error.tag, f"Invalid input: {val['field']} {val['reason']}.",
                        f"Fix {val['field']} in the batch: it {val['reason']}.")
    failure = val.get("failure", val)
    summary, remedy = failure["summary"], failure["remedy"]
    if error.tag == "unauthorized":
        return Decision("refresh", error.tag, summary, remedy)
    if error.tag == "rate-limited":
        seconds = val.get("retry-after-seconds") or val.get("reset-seconds") or DEFAULT_RATE_LIMIT_WAIT
        return Decision("wait", error.tag, summary, remedy, max(1, int(seconds)))
    if failure["retryable"]:
        return Decision("retry", error.tag, summary, remedy)
    return Decision("fail", error.tag, summary, remedy)


#: What a failed ``create-pin`` leaves at Pinterest (see ``create_left``).
NOT_CREATED, MAYBE_CREATED, LIKELY_CREATED = "not-created", "maybe-created", "likely-created"


def create_left(error: ConnectorError) -> str:
    """Whether the pin of a failed ``create-pin`` may exist all the same.
    ``LIKELY_CREATED``: Pinterest answered with success (2xx) but the
    component could not read the answer (``unexpected-response``): it took
    the pin. ``MAYBE_CREATED``: the request may have arrived and been carried
    out though no usable answer came back — a 5xx (``upstream-unavailable``),
    or ``transport`` with no answer in time or the connection lost (the
    component's error does not say whether that happened before or after the
    request was sent, so both count). ``NOT_CREATED``: Pinterest answered
    and refused it (4xx, 429, a redirect, …), or the host never sent it
    (``transport`` ``denied``, invalid input)."""
    val = error.error["val"]
    if error.tag == "upstream-unavailable":
        return MAYBE_CREATED
    if error.tag == "transport" and val["problem"] in ("timeout", "connection"):
        return MAYBE_CREATED
    if error.tag == "unexpected-response" and 200 <= (val["failure"].get("status") or 0) < 300:
        return LIKELY_CREATED
    return NOT_CREATED

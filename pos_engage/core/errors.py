"""The exception tree of pos-engage.

Every failure the core reports is one of these, so the till, the journal and the CLI can decide what to do
from the type alone (retry, show on a field, ask IT, ask the manager) without parsing messages::

    PosEngageError
    ├── InputError                      bad input caught before any request is made (also a ValueError)
    ├── ConfigError                     configuration that cannot work (http:// to a remote host, no key...)
    └── EngageError                     a call to Engage failed; .status, .code, .message, .outcome_unknown
        ├── EngageUnavailable           retryable: Engage (or the way to it) is not answering properly
        │   ├── EngageTransportError    connection refused/reset/dropped (outcome_unknown once the request left)
        │   │   └── EngageOffline       not even tried: Engage is known to be offline (fail fast at the till)
        │   ├── EngageTimeout           no answer in time (outcome_unknown: it may have been processed)
        │   ├── EngageServerError       5xx from Engage
        │   ├── EngageRateLimited       429; .retry_after seconds when Engage said so
        │   └── EngageBadResponse       an answer that is not Engage's: HTML from a proxy, broken JSON, too large
        │       └── EngageImpostor      not Engage's answer at all: a login page, a redirect to another host, a
        │                               body or status Engage never sends for that call (never counted delivered)
        └── EngageRejected              permanent: repeating the same request will not help
            ├── EngageAuthError         401/403: the API key or the till's address; an IT matter
            ├── EngageValidationError   400/422 with Engage's code and per-field messages (.field_errors)
            ├── EngageNotFound          404 (ContactNotFound, PromotionNotFound, order/versionTag mismatch...)
            └── EngageConflict          409 by name (.code)
                ├── PromotionAlreadyRedeemed     (also PromotionExpired, RewardVoucher...: see CONFLICT_CODES)
                ├── ContactAlreadyExists         ApprovedContactWithKeyExists / ContactWithKeyIsBeingCreated
                └── MultipleMatches              the lookup key matched more than one contact

``outcome_unknown`` is True when the request may have reached Engage and been processed although no answer came
back (read timeout, connection lost after sending, 5xx). Calls that are not safe to repeat (register, redeem,
v2 orders) must check with a GET before sending again (engage-api.md Part A, decision 10).
"""

from __future__ import annotations

from collections.abc import Mapping


class PosEngageError(Exception):
    """Root of every error pos-engage raises on purpose."""


class InputError(PosEngageError, ValueError):
    """Input that cannot be sent: an empty email, a phone without country code, float money, naive times."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConfigError(PosEngageError):
    """Configuration that cannot work; the message says what to change."""


class EngageError(PosEngageError):
    """A call to Engage failed."""

    retryable = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        outcome_unknown: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.outcome_unknown = outcome_unknown

    def describe(self) -> str:
        """One line for a log or the journal: status, Engage's code and its message."""
        parts = [str(self.status)] if self.status else []
        if self.code:
            parts.append(self.code)
        parts.append(self.message)
        return ": ".join(parts)


class EngageUnavailable(EngageError):
    """Engage could not be reached or did not answer properly. Worth retrying later."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class EngageTransportError(EngageUnavailable):
    """The connection failed: refused, reset, or dropped mid-exchange."""


class EngageOffline(EngageTransportError):
    """Not sent: Engage is known to be offline, so the call failed at once instead of waiting to time out."""


class EngageTimeout(EngageUnavailable):
    """Engage did not answer within the time allowed for this kind of call."""


class EngageServerError(EngageUnavailable):
    """Engage answered 5xx."""


class EngageRateLimited(EngageUnavailable):
    """Engage answered 429: above the rate limit for this API key."""


class EngageBadResponse(EngageUnavailable):
    """The answer is not Engage's: a proxy's HTML page, malformed JSON, or a body larger than allowed."""


class EngageImpostor(EngageBadResponse):
    """Something between the till and Engage answered in its place (a guest wifi's login page, a proxy's redirect
    to another host, a 2xx that is not the documented answer). The request never reached Engage, so nothing was
    done there: ``outcome_unknown`` is False and the journal keeps the entry and tries again later. ``cause``
    says what the answer was, in plain words."""

    def __init__(self, message: str, *, cause: str = "", **kwargs) -> None:
        kwargs.setdefault("outcome_unknown", False)
        super().__init__(message, **kwargs)
        self.cause = cause


class EngageRejected(EngageError):
    """Engage refused the request; sending it again unchanged will not help."""


class EngageAuthError(EngageRejected):
    """401/403: the API key is missing or wrong, or this till's address is not allowed."""


class EngageValidationError(EngageRejected):
    """400/422: Engage named what is wrong, where it could, field by field."""

    def __init__(self, message: str, *, field_errors: Mapping[str, str] | None = None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.field_errors: dict[str, str] = dict(field_errors or {})

    def describe(self) -> str:
        """Engage's message plus what it said about each field, so a manager sees what to correct."""
        fields = "; ".join(f"{name}: {text}" for name, text in self.field_errors.items())
        return f"{super().describe()} ({fields})" if fields else super().describe()


class EngageNotFound(EngageRejected):
    """404: the contact, promotion, voucher or order does not exist (or the versionTag is stale)."""


class EngageConflict(EngageRejected):
    """409: the request conflicts with Engage's state; .code names how."""


class PromotionAlreadyRedeemed(EngageConflict):
    """The promotion or reward voucher was already used, or has expired, or is not valid at a till."""


class ContactAlreadyExists(EngageConflict):
    """A contact with the same key exists (or is being created)."""


class MultipleMatches(EngageConflict):
    """The lookup key matched more than one contact: ask for a more specific key."""


# Engage's 409 codes and the subclass that carries each; unknown codes stay plain EngageConflict.
CONFLICT_CODES: dict[str, type[EngageConflict]] = {
    "PromotionAlreadyRedeemed": PromotionAlreadyRedeemed,
    "PromotionExpired": PromotionAlreadyRedeemed,
    "PromotionNotValidForRedemptionChannel": PromotionAlreadyRedeemed,
    "RewardVoucherAlreadyRedeemed": PromotionAlreadyRedeemed,
    "RewardVoucherExpired": PromotionAlreadyRedeemed,
    "ApprovedContactWithKeyExists": ContactAlreadyExists,
    "ContactWithKeyIsBeingCreated": ContactAlreadyExists,
    "MultipleMatches": MultipleMatches,
}


class MarketingError(PosEngageError):
    """A call to the second orders platform failed."""

    retryable = False

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class MarketingUnavailable(MarketingError):
    """The platform could not be reached, or asked us to come back later (5xx, 429). Sent again later: safe,
    since the platform updates an order it already has."""

    retryable = True

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after


class MarketingRejected(MarketingError):
    """The platform refused the request; ``rejected`` names the orders it refused (index -> its message)."""

    def __init__(self, message: str, *, status: int | None = None, rejected: dict[int, str] | None = None) -> None:
        super().__init__(message, status=status)
        self.rejected = rejected or {}

"""Registration at the till: a new customer, or one Engage already knows; editing details; upgrading to Member.

A registration never creates a second contact. The till looks the customer up first (email, then mobile); a
customer Engage already holds is not created again but offered to the cashier: a newsletter Contact as "upgrade to
member and save the details entered", a Member as "save the details that differ". The same happens when another
till created her between this till's lookup and its create (Engage's 409): the details and consents typed here
are not dropped, they become the update the cashier confirms. Nothing changes in Engage before that confirmation.
When Engage is down the registration goes to the journal, and its delivery follows the same rule without anyone to
ask (journal/dispatch.py: it only fills what Engage holds empty).

A loyalty card handed out at registration is checked by the store's card rules (the ones identify uses) and looked
up in Engage before anything else: a card already someone else's is refused on the card field; already hers, she
is the customer Engage holds, and a new card for a customer Engage holds is one of the changes the cashier confirms.

The consent evidence (the journal's 'consent' audit row) records what Engage holds once the registration is done,
as Engage confirmed it, beside what the customer ticked.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.config import Config
from pos_engage.core.domain import Contact, ContactKey, ContactType, ContactUpdate, NewContact, Preferences
from pos_engage.core.domain.checks import mask
from pos_engage.core.domain.contacts import UPDATABLE_FIELDS
from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import (
    EngageAuthError,
    EngageError,
    EngageNotFound,
    EngageRejected,
    EngageUnavailable,
    EngageValidationError,
    InputError,
    MultipleMatches,
)
from pos_engage.core.journal import payloads, registrations
from pos_engage.core.journal.store import Journal
from pos_engage.core.till import scan
from pos_engage.core.till.outcomes import ConsentEvidence, Customer, ExistingContact, RegisterOutcome

log = logging.getLogger(__name__)

Offers = Callable[[str], Awaitable[tuple[tuple, tuple, float | None]]]


def _field_errors(problem: EngageValidationError) -> dict[str, str]:
    return problem.field_errors or {"email": problem.message}


class Registration:
    """The registration use cases. ``settings`` gives the till's configuration as it is now (the till may be given
    a new one); ``offers`` fetches a contact's promotions and vouchers (the till's cache)."""

    def __init__(self, settings: Callable[[], Config], client: EngageClient, journal: Journal,
                 offers: Offers) -> None:
        self.settings = settings
        self.client = client
        self.journal = journal
        self.offers = offers

    @property
    def config(self) -> Config:
        return self.settings()

    # ------------------------------------------------------------------ register

    async def register(self, contact: NewContact, *, consent: ConsentEvidence | None = None) -> RegisterOutcome:
        """Look up, then create; a customer Engage already holds comes back as a question (``existing``)."""
        store, country = self.config.store_external_id, self.config.country
        if contact.card_number:
            try:
                contact = replace(contact, card_number=scan.card_number(
                    contact.card_number, card_patterns=self.config.till.card_patterns, cards=self.config.till.cards))
            except InputError as refused:
                return RegisterOutcome(field_errors={"card_number": texts.message_of(refused)},
                                       message=texts.message_of(refused))
        body = wire.new_contact_to_json(contact, country=country)
        try:
            holder = await self._card_holder(contact)
            if isinstance(holder, RegisterOutcome):
                return holder
            existing = holder or await registrations.find_existing(self.client, body)
            if existing is not None:
                return await self._found(existing, contact, body, consent, concurrent=False)
            registration = await self.client.register(contact, store_external_id=store, country=country)
        except registrations.SeveralContactsMatch as problem:
            return RegisterOutcome(field_errors={problem.field or "email": texts.message_of(problem)},
                                   message=texts.message_of(problem))
        except EngageValidationError as problem:
            return RegisterOutcome(field_errors=_field_errors(problem), message=str(problem))
        except (EngageUnavailable, EngageAuthError):
            return self._queue(contact, consent)
        if not registration.created:  # 409: another till created her after this till's lookup
            return await self._found(registration.contact, contact, body, consent, concurrent=True)
        self._evidence(consent, contact.key(), outcome="created", held=registration.contact.preferences, sent=True)
        log.info("registered %s (%s)", registration.contact.id, contact.key().masked())
        return RegisterOutcome(await self._customer(contact.key(), registration.contact), created=True)

    async def _card_holder(self, contact: NewContact) -> Contact | RegisterOutcome | None:
        """The card is looked up first: a card Engage already has is never handed out twice. Held by this very
        customer (her email or mobile on the form), she is the existing contact; held by anyone else, the card
        field says so and nothing is registered. Engage's failures propagate (the registration is queued)."""
        if not contact.card_number:
            return None
        try:
            holder = await self.client.get_contact(await self.client.identify(ContactKey.custom(contact.card_number)))
        except EngageNotFound:
            return None
        except MultipleMatches:
            holder = None
        if holder is not None and ((contact.email and holder.email.casefold() == contact.email.casefold())
                                   or (not contact.email and contact.mobile_phone
                                       and holder.mobile_phone == contact.mobile_phone)):
            return holder
        problem = texts.tr("Card {card} already belongs to another customer in Engage: give out another card",
                           card=mask(contact.card_number))
        return RegisterOutcome(field_errors={"card_number": problem}, message=problem)

    def _queue(self, contact: NewContact, consent: ConsentEvidence | None) -> RegisterOutcome:
        """Engage is down: the registration waits in the journal (its delivery looks up first too)."""
        store = self.config.store_external_id
        entry = self.journal.record([payloads.registration(contact, store_external_id=store,
                                                           country=self.config.country)])[0]
        self._evidence(consent, contact.key(), outcome="queued", held=None, sent=False, entry=entry.id)
        customer = Customer(contact.key(), None, offline=True, registration_entry=entry.id)
        return RegisterOutcome(customer, queued=True,
                               message=texts.tr("Engage is not answering: the registration is saved and will be sent"))

    async def _found(self, existing: Contact, contact: NewContact, body: dict[str, Any],
                     consent: ConsentEvidence | None, *, concurrent: bool) -> RegisterOutcome:
        changes = registrations.form_changes(existing, body)   # a card handed out included: it is hers now
        update = _update_from(changes)
        upgrade = registrations.wants_membership(body) and not existing.is_member
        key = contact.key()
        if update is None and not upgrade:  # Engage already holds everything the form says: adopt her as she is
            self._evidence(consent, key, outcome="adopted", held=existing.preferences, sent=False)
            return RegisterOutcome(await self._customer(key, existing),
                                   message=texts.tr("This customer was already registered"))
        found = ExistingContact(existing, key, update, upgrade, consent, concurrent)
        name = found.name   # initials: whoever typed an email learns no one's name from the question
        if upgrade:
            question = texts.tr("{name} is already in Engage as a newsletter subscriber, not a member. Upgrade to "
                                "member and save the details entered?", name=name)
        elif concurrent:
            question = texts.tr("{name} was registered at another till a moment ago. Save the details entered "
                                "here that differ?", name=name)
        else:
            question = texts.tr("{name} is already a member. Save the details entered that differ from Engage's?",
                                name=name)
        return RegisterOutcome(existing=found, message=question)

    async def confirm(self, existing: ExistingContact, *, accepted: bool) -> RegisterOutcome:
        """The cashier's answer to the question about a customer Engage already holds. Yes: the changes go to
        Engage (PATCH, then the upgrade: Engage upgrades a contact when the data a Member needs is there). No: she
        is adopted as Engage holds her. Offline, the confirmed changes wait in the journal, in her lane."""
        contact, key = existing.contact, existing.key
        if not accepted:
            self._evidence(existing.consent, key, outcome="adopted", held=contact.preferences, sent=False)
            return RegisterOutcome(await self._customer(key, contact),
                                   message=texts.tr("Kept as Engage has it: nothing was changed"))
        steps: list[str] = []
        try:
            if existing.update is not None:
                await self.client.update_contact(contact.id, existing.update)
                steps.append("update")
            if existing.upgrade:
                await self.client.upgrade_to_member(contact.id)
                steps.append("upgrade")
        except (EngageUnavailable, EngageAuthError):
            return self._queue_changes(existing, done=steps)
        except EngageRejected as problem:
            # Engage refused a change (an invalid value, an email another customer has): she is adopted as Engage
            # now holds her (read back: a step before the refused one may have gone through), and the cashier
            # reads why.
            final = await self._read_back(contact.id, contact)
            self._evidence(existing.consent, key, outcome="updated" if steps else "adopted", held=final.preferences,
                           sent="update" in steps and existing.update is not None
                           and existing.update.preferences is not None)
            return RegisterOutcome(await self._customer(key, final),
                                   field_errors=getattr(problem, "field_errors", None) or {},
                                   message=texts.tr("Engage refused the change: {problem}",
                                                    problem=texts.message_of(problem)))
        final = await self._read_back(contact.id, _expected(existing))
        self._evidence(existing.consent, key, outcome="updated", held=final.preferences,
                       sent=existing.update is not None and existing.update.preferences is not None)
        message = (texts.tr("Now a member, and the details are saved") if existing.upgrade else
                   texts.tr("Details saved"))
        return RegisterOutcome(await self._customer(key, final), message=message)

    def _queue_changes(self, existing: ExistingContact, *, done: list[str]) -> RegisterOutcome:
        contact = existing.contact
        entries = []
        if existing.update is not None and "update" not in done:
            entries.append(payloads.contact_update(contact.id, existing.update))
        if existing.upgrade:
            entries.append(payloads.upgrade_to_member(contact.id))
        recorded = self.journal.record(entries)
        self._evidence(existing.consent, existing.key, outcome="queued", held=None, sent=False,
                       entry=recorded[0].id if recorded else None)
        self.journal.cache_contact(existing.key, contact.id)
        customer = Customer(existing.key, contact)
        return RegisterOutcome(customer, queued=True,
                               message=texts.tr("Saved; Engage gets the change when it answers"))

    # ------------------------------------------------------------------ update, upgrade

    async def update_details(self, customer: Customer, values: dict[str, str]) -> RegisterOutcome:
        """Send only what changed; offline, the change waits in the journal (in order, per contact)."""
        if customer.contact is None:
            return RegisterOutcome(message=texts.tr("The customer is not identified in Engage yet: try again when "
                                                    "online"))
        card = values.get("card_number")
        if card and card != customer.contact.card_number:   # a new card: by the store's card rules, as at registration
            try:
                values = {**values, "card_number": scan.card_number(
                    card, card_patterns=self.config.till.card_patterns, cards=self.config.till.cards)}
            except InputError as refused:
                return RegisterOutcome(field_errors={"card_number": texts.message_of(refused)},
                                       message=texts.message_of(refused))
        update = ContactUpdate.between(customer.contact, values)  # InputError: nothing changed
        try:
            await self.client.update_contact(customer.contact.id, update)
        except EngageValidationError as problem:
            return RegisterOutcome(field_errors=_field_errors(problem), message=str(problem))
        except (EngageUnavailable, EngageAuthError):
            self.journal.record([payloads.contact_update(customer.contact.id, update)])
            return RegisterOutcome(customer, queued=True,
                                   message=texts.tr("Saved; Engage gets the change when it answers"))
        contact = await self._read_back(customer.contact.id, _after(customer.contact, update))
        return RegisterOutcome(replace(customer, contact=contact), message=texts.tr("Details saved"))

    async def upgrade_to_member(self, customer: Customer) -> RegisterOutcome:
        """A newsletter Contact becomes a Member (a member number follows from Engage)."""
        if customer.contact is None or customer.contact.is_member:
            return RegisterOutcome(customer, message=texts.tr("Already a member") if customer.contact else "")
        try:
            await self.client.upgrade_to_member(customer.contact.id)
        except (EngageUnavailable, EngageAuthError):
            self.journal.record([payloads.upgrade_to_member(customer.contact.id)])
            return RegisterOutcome(customer, queued=True,
                                   message=texts.tr("Saved; the upgrade is sent when Engage answers"))
        member = replace(customer.contact, contact_type=ContactType.MEMBER.value)
        contact = await self._read_back(customer.contact.id, member)
        return RegisterOutcome(replace(customer, contact=contact), message=texts.tr("Now a member"))

    # ------------------------------------------------------------------ shared

    async def _read_back(self, contact_id: str, expected: Contact) -> Contact:
        """What Engage holds after a change it confirmed (its answer to PATCH or updateContactType may have no
        body, and a member number comes only from Engage). If that read fails, what was confirmed is used."""
        try:
            return await self.client.get_contact(contact_id)
        except (EngageError, InputError) as problem:
            log.info("contact %s not read back after a change (%s): using what Engage confirmed", contact_id,
                     problem)
            return expected

    async def _customer(self, key: ContactKey, contact: Contact) -> Customer:
        self.journal.cache_contact(key, contact.id)
        promotions, vouchers, fetched_at = await self.offers(contact.id)
        return Customer(key, contact, promotions, vouchers, promotions_fetched_at=fetched_at)

    def _evidence(self, consent: ConsentEvidence | None, key: ContactKey, *, outcome: str,
                  held: Preferences | None, sent: bool, entry: int | None = None) -> None:
        if consent is None:
            return
        detail = consent.record(outcome=outcome, held=held, sent=sent, entry=entry)
        detail.update(store=self.config.store_external_id, at=datetime.now().astimezone().isoformat(),
                      key=key.masked())
        self.journal.audit("consent", actor=consent.cashier, till=self.config.till_id, detail=json.dumps(detail))


def _update_from(changes: dict[str, Any]) -> ContactUpdate | None:
    """The form's changes (Engage's attribute names) as a ContactUpdate, or None when there are none."""
    if not changes:
        return None
    fields = {wire.field_name(name): value for name, value in changes.items() if name != "preferences"}
    prefs = changes.get("preferences")
    if prefs is not None:
        fields["preferences"] = Preferences(prefs["acceptsEmail"], prefs["acceptsSms"], prefs["acceptsPostal"])
    return ContactUpdate(**fields)


def _after(contact: Contact, update: ContactUpdate) -> Contact:
    """The contact with an update Engage confirmed applied, for when it cannot be read back."""
    changed: dict[str, Any] = {name: getattr(update, name) for name in UPDATABLE_FIELDS
                               if getattr(update, name) is not None}
    if update.preferences is not None:
        changed["preferences"] = update.preferences
    return replace(contact, **changed)


def _expected(existing: ExistingContact) -> Contact:
    contact = existing.contact
    if existing.update is not None:
        contact = _after(contact, existing.update)
    return replace(contact, contact_type=ContactType.MEMBER.value) if existing.upgrade else contact


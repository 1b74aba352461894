"""The Engage simulator: an in-memory Engage tenant with seeded demo data and switchable faults.

It ships inside the product (demo mode, training tills) and is the real HTTP peer of the tests. It shares no
code with ``pos_engage.core``: it reads and writes Engage's JSON on its own, from the contract, so a field-name
mistake in the client cannot be hidden by the same mistake here.
"""

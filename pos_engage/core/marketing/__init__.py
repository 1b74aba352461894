"""The second orders platform (a marketing platform's "Add orders" API): its wire format, client and sink."""

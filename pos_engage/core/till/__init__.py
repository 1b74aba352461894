"""The till's use cases: identify, register, promotions, basket and finishing a sale. No Qt here."""

"""pos-engage: the till companion that connects a shop's POS to Voyado Engage."""

__version__ = "0.1.0"

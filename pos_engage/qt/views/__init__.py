"""Views: layout and wiring only. They call the bridge and draw what its signals carry; no HTTP, no SQL."""

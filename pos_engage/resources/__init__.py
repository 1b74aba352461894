"""Files shipped with pos-engage: translations (.ts), and later icons and examples."""

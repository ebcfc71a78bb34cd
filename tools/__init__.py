"""Build and check tools run from the Makefile (not part of the installed application)."""

"""Mandate: tracks every directive from the document that gives it to the result that closes it."""

"""What every page shares: the `page` decorator, the form bases and the reader's language.

It sits just above `core` and below every app that has pages, so that no app borrows its page bases from another.
"""

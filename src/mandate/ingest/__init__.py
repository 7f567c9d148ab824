"""Reading a directive's text into its references and tasks. Pure Python: no Django here."""
from .reader import read

__all__ = ["read"]

"""The reader is pure Python: these tests need neither a database nor Django settings."""

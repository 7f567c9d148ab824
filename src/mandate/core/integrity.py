"""The database is the authority on uniqueness: an insert that breaks a UNIQUE constraint becomes the domain's refusal.

A check with a SELECT before the insert cannot be trusted under concurrency: two requests both find the name free,
and the second insert fails with an IntegrityError (a 500). `refuse_duplicate` puts a savepoint around the insert,
so that the failed statement is rolled back alone (on PostgreSQL the surrounding transaction stays usable), and turns
the violation of the one named constraint into a DomainError; any other integrity error is raised as it was.
"""
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Model, UniqueConstraint

from mandate.core.errors import DomainError


def _columns(model: type[Model], constraint: str) -> list[str]:
    """The columns of `model`'s UniqueConstraint named `constraint`, or of its field of that name with unique=True."""
    for candidate in model._meta.constraints:
        if isinstance(candidate, UniqueConstraint) and candidate.name == constraint:
            return [model._meta.get_field(name).column for name in candidate.fields]
    field = model._meta.get_field(constraint)
    if not field.unique:
        raise ValueError(f"{model.__name__}.{constraint} is neither a unique field nor a UniqueConstraint")
    return [field.column]


def violates(error: IntegrityError, model: type[Model], constraint: str) -> bool:
    """Whether `error` is the violation of `model`'s unique `constraint` (a UniqueConstraint's name or a unique field)."""
    columns = _columns(model, constraint)
    table = model._meta.db_table
    diag = getattr(error.__cause__, "diag", None)
    if diag is not None:  # PostgreSQL names the broken constraint; read its columns from the catalogue
        if diag.sqlstate != "23505" or diag.table_name != table:
            return False
        connection = connections[router.db_for_write(model)]
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, table).get(diag.constraint_name)
        return found is not None and found["unique"] and list(found["columns"]) == columns
    # SQLite names the columns: "UNIQUE constraint failed: table.a, table.b"
    return str(error) == "UNIQUE constraint failed: " + ", ".join(f"{table}.{column}" for column in columns)


@contextmanager
def refuse_duplicate(model: type[Model], constraint: str, refusal: DomainError) -> Iterator[None]:
    """Run the insert in a savepoint; if it breaks `model`'s unique `constraint`, roll it back and raise `refusal`."""
    try:
        with transaction.atomic(using=router.db_for_write(model)):
            yield
    except IntegrityError as error:
        if not violates(error, model, constraint):
            raise
        raise refusal from None

from django.db.models import F, Func
from django.db.models.functions import Lower


def spanish_order(field: str):
    """Order as a Spanish reader expects: ignoring case and accents (the
    database's C collation would put "Red Z" before "Red de" and "Á" after "Z")."""
    return Lower(Func(F(field), function="unaccent"))

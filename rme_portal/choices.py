def labels_of(choices, values) -> list[str]:
    """The labels of the stored values of an array of choices, skipping any
    value no longer among the choices."""
    return [choices(value).label for value in values or [] if value in choices.values]

"""Every interface string has its Spanish translation."""

import polib

from rme_portal.settings.base import BASE_DIR


def test_the_spanish_catalogue_is_complete():
    catalogue = polib.pofile(str(BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert len(catalogue) > 150

"""Teaching codes (ENS, annex II of the directory's record layout) and the
levels the portal filters on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PARVULARIA = "parvularia", _("Early childhood education")
    BASICA = "basica", _("Primary education")
    ESPECIAL = "especial", _("Special education")
    MEDIA_HC = "media_hc", _("Secondary, academic track")
    MEDIA_TP = "media_tp", _("Secondary, technical-vocational track")
    ARTISTICA = "artistica", _("Secondary, arts track")
    ADULTOS = "adultos", _("Adult education")


# Annex II, as published (Spanish proper names of programmes, not UI text).
TEACHING_CODES = {
    10: "Educación Parvularia",
    110: "Enseñanza Básica",
    160: "Educación Básica Común Adultos (Decreto 584/2007)",
    161: "Educación Básica Especial Adultos",
    163: "Escuelas Cárceles (Básica Adultos)",
    165: "Educación Básica Adultos Sin Oficios (Decreto 584/2007)",
    167: "Educación Básica Adultos Con Oficios (Decreto 584/2007 y 999/2009)",
    211: "Educación Especial Discapacidad Auditiva",
    212: "Educación Especial Discapacidad Intelectual",
    213: "Educación Especial Discapacidad Visual",
    214: "Educación Especial Trastornos Específicos del Lenguaje",
    215: "Educación Especial Trastornos Motores",
    216: "Educación Especial Autismo",
    217: "Educación Especial Discapacidad Graves Alteraciones en la Capacidad de Relación y Comunicación",
    218: "Educación Especial Discapacidad Múltiple",
    219: "Educación Especial Sordoceguera",
    299: "Opción 4 Programa Integración Escolar",
    310: "Enseñanza Media H-C niños y jóvenes",
    360: "Educación Media H-C adultos vespertino y nocturno (Decreto N° 190/1975)",
    361: "Educación Media H-C adultos (Decreto N° 12/1987)",
    362: "Escuelas Cárceles (Media Adultos)",
    363: "Educación Media H-C Adultos (Decreto N°1000/2009)",
    410: "Enseñanza Media T-P Comercial Niños y Jóvenes",
    460: "Educación Media T-P Comercial Adultos (Decreto N° 152/1989)",
    461: "Educación Media T-P Comercial Adultos (Decreto N° 152/1989)",
    463: "Educación Media T-P Comercial Adultos (Decreto N° 1000/2009)",
    510: "Enseñanza Media T-P Industrial Niños y Jóvenes",
    560: "Educación Media T-P Industrial Adultos (Decreto N° 152/1989)",
    561: "Educación Media T-P Industrial Adultos (Decreto N° 152/1989)",
    563: "Educación Media T-P Industrial Adultos (Decreto N° 1000/2009)",
    610: "Enseñanza Media T-P Técnica Niños y Jóvenes",
    660: "Educación Media T-P Técnica Adultos (Decreto N° 152/1989)",
    661: "Educación Media T-P Técnica Adultos (Decreto N° 152/1989)",
    663: "Educación Media T-P Técnica Adultos (Decreto N° 1000/2009)",
    710: "Enseñanza Media T-P Agrícola Niños y Jóvenes",
    760: "Educación Media T-P Agrícola Adultos (Decreto N° 152/1989)",
    761: "Educación Media T-P Agrícola Adultos (Decreto N° 152/1989)",
    763: "Educación Media T-P Agrícola Adultos (Decreto N° 1000/2009)",
    810: "Enseñanza Media T-P Marítima Niños y Jóvenes",
    860: "Enseñanza Media T-P Marítima Adultos (Decreto N° 152/1989)",
    863: "Enseñanza Media T-P Marítima Adultos (Decreto N° 1000/2009)",
    910: "Enseñanza Media Artística Niños y Jóvenes",
    963: "Enseñanza Media Artística Adultos",
}


def levels_for_code(code: int) -> set[str]:
    """The portal levels a teaching code belongs to (adult TP is both)."""
    if code <= 0:
        return set()
    family, variant = divmod(code, 100)
    adult = variant >= 60
    if code == 10:
        return {Level.PARVULARIA}
    if family == 1:
        return {Level.ADULTOS} if adult else {Level.BASICA}
    if family == 2:
        return {Level.ESPECIAL}
    if family == 3:
        return {Level.ADULTOS} if adult else {Level.MEDIA_HC}
    if 4 <= family <= 8:
        return {Level.MEDIA_TP, Level.ADULTOS} if adult else {Level.MEDIA_TP}
    if family == 9:
        return {Level.ARTISTICA, Level.ADULTOS} if adult else {Level.ARTISTICA}
    return set()


def levels_for_codes(codes) -> list[str]:
    found = set().union(*(levels_for_code(code) for code in codes)) if codes else set()
    return [level for level in Level.values if level in found]

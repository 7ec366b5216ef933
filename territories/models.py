"""Chile's territorial units (official CUT codes) and the education offices
that cover them: DEPROV (ministry supervision) and SLEP (public education)."""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

MAGALLANES = 12
SANTIAGO_TIME = ZoneInfo("America/Santiago")
# Magallanes left Chile's daylight-saving changes in 2016 and keeps UTC−3 all
# year; the IANA database names that America/Punta_Arenas.
MAGALLANES_TIME = ZoneInfo("America/Punta_Arenas")

# The official names say "Región del Maule", "Región Metropolitana de Santiago".
_REGION_PREFIXES = {6: "Región del", 7: "Región del", 8: "Región del", 13: "Región"}


def region_time_zone(code: int | None) -> ZoneInfo:
    """The clock a region's sessions are held by: the one place this rule lives.

    Continental Chile outside Magallanes follows America/Santiago (also the
    answer when the region is unknown)."""
    return MAGALLANES_TIME if code == MAGALLANES else SANTIAGO_TIME


class Region(models.Model):
    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    roman_numeral = models.CharField(_("roman numeral"), max_length=5)
    # North to south, the order Chileans list regions in.
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["order"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def full_name(self) -> str:
        """The region as Chileans write it in full: 'Región de Magallanes y de la Antártica Chilena'."""
        return f"{_REGION_PREFIXES.get(self.code, 'Región de')} {self.name}"

    @property
    def time_zone(self) -> ZoneInfo:
        return region_time_zone(self.code)


class Province(models.Model):
    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("region"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class DeprovOffice(models.Model):
    """A Departamento Provincial de Educación: the ministry's supervision office."""

    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="deprov_offices", verbose_name=_("region")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("DEPROV office")
        verbose_name_plural = _("DEPROV offices")

    def __str__(self):
        return f"DEPROV {self.name}"


class Slep(models.Model):
    """A Servicio Local de Educación Pública, which takes over municipal schools."""

    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="sleps", verbose_name=_("region"))
    start_year = models.PositiveSmallIntegerField(_("year it started operating"))
    transfer_year = models.PositiveSmallIntegerField(_("year schools are transferred"))
    decree = models.CharField(_("decree"), max_length=80, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SLEP")
        verbose_name_plural = _("SLEPs")

    def __str__(self):
        return f"SLEP {self.name}"


class Commune(models.Model):
    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    deprov = models.ForeignKey(
        DeprovOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communes",
        verbose_name=_("DEPROV office"),
    )
    slep = models.ForeignKey(
        Slep, on_delete=models.PROTECT, null=True, blank=True, related_name="communes", verbose_name=_("SLEP")
    )
    is_slep_head = models.BooleanField(_("SLEP head commune"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return self.name

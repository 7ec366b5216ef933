"""Schools as published in Mineduc's Directorio Oficial de Establecimientos."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from territories.models import Commune, DeprovOffice

from .names import spanish_title
from .rbd import format_rbd, rbd_is_valid
from .teaching import TEACHING_CODES, Level, levels_for_codes


class Dependency(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    SLEP = "slep", _("Local Public Education Service (SLEP)")
    SUBSIDISED = "particular_subvencionado", _("Subsidised private")
    PRIVATE = "particular_pagado", _("Fee-paying private")
    DELEGATED = "administracion_delegada", _("Delegated administration")


class SchoolStatus(models.IntegerChoices):
    OPERATING = 1, _("Operating")
    RECESS = 2, _("In recess")
    CLOSED = 3, _("Closed")
    NO_ENROLMENT = 4, _("Authorised without enrolment")


class School(models.Model):
    rbd = models.PositiveIntegerField(_("RBD"), primary_key=True)
    # As published, even when it breaks the modulo-11 rule (some real ones do).
    check_digit = models.CharField(_("check digit"), max_length=1)
    name = models.CharField(_("name"), max_length=200)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="schools", verbose_name=_("commune"))
    deprov = models.ForeignKey(
        DeprovOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schools",
        verbose_name=_("DEPROV office"),
    )
    dependency = models.CharField(_("dependency"), max_length=32, choices=Dependency.choices)
    school_owner_rut = models.PositiveIntegerField(_("school owner RUT"), null=True, blank=True)
    is_rural = models.BooleanField(_("rural"), default=False)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.PositiveSmallIntegerField(_("status"), choices=SchoolStatus.choices, default=SchoolStatus.OPERATING)
    has_enrolment = models.BooleanField(_("has enrolment"), default=True)
    teaching_codes = ArrayField(
        models.PositiveSmallIntegerField(), default=list, blank=True, verbose_name=_("teaching codes")
    )
    has_pie = models.BooleanField(_("PIE agreement"), default=False)
    enrolment_fee = models.CharField(_("enrolment fee"), max_length=40, blank=True)
    monthly_fee = models.CharField(_("monthly fee"), max_length=40, blank=True)
    directory_year = models.PositiveSmallIntegerField(_("directory year"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self):
        return f"{self.name} (RBD {self.rbd_display})"

    def get_absolute_url(self):
        return reverse("schools:detail", kwargs={"rbd": self.rbd})

    @property
    def display_name(self) -> str:
        """The directory's upper-case name, written as a title."""
        return spanish_title(self.name)

    @property
    def rbd_display(self) -> str:
        return format_rbd(self.rbd, self.check_digit)

    @property
    def check_digit_is_valid(self) -> bool:
        return rbd_is_valid(self.rbd, self.check_digit)

    @property
    def levels(self) -> list[str]:
        return levels_for_codes(self.teaching_codes)

    def get_levels_display(self) -> list[str]:
        return [Level(level).label for level in self.levels]

    @property
    def teaching_programmes(self) -> list[str]:
        return [TEACHING_CODES.get(code, str(code)) for code in self.teaching_codes]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

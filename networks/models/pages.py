"""The network profile pages: an index of networks and one page per network."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rme_portal.choices import labels_of
from rme_portal.fields import ChoiceArrayField
from schools.teaching import Level
from territories.models import DeprovOffice, Province, Region, Slep

from ..blocks import STATEMENT_LIST

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class NetworkType(models.TextChoices):
    COMMUNAL = "communal", _("Communal")
    INTERCOMMUNAL = "intercommunal", _("Intercommunal or provincial")
    RURAL = "rural", _("Rural (microcentre)")
    THEMATIC = "thematic", _("Thematic")


class MemberRole(models.TextChoices):
    DIRECTOR = "director", _("Principal")
    UTP = "utp", _("Head of the technical-pedagogical unit (UTP)")


class ParticipantRole(models.TextChoices):
    SCHOOL_OWNER = "school_owner", _("School owner (sostenedor)")
    DEPROV_SUPERVISOR = "deprov_supervisor", _("DEPROV supervision")
    SLEP_SUPERVISOR = "slep_supervisor", _("SLEP technical-pedagogical support")
    PIE = "pie", _("School integration programme (PIE)")
    COEXISTENCE = "coexistence", _("School coexistence (convivencia)")
    TEACHERS = "teachers", _("Teachers")
    OTHER = "other", _("Other")


class NetworkIndexPage(Page):
    """The list of networks, with filters by region and level."""

    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["networks.NetworkPage"]
    max_count = 1

    class Meta:
        verbose_name = _("network index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import network_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = network_listing(self, request.GET, request.user)
        return context


class NetworkPage(Page):
    """A Red de Mejoramiento Escolar: who forms it, what it set out to do,
    how it works together, what it learned and where it goes next."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown in lists and search results.")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="networks", verbose_name=_("region"))
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("province"),
        help_text=_("Leave empty when the network spans several provinces."),
    )
    since_year = models.PositiveSmallIntegerField(
        _("working since"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    network_type = models.CharField(_("network type"), max_length=20, choices=NetworkType.choices)
    levels = ChoiceArrayField(
        models.CharField(max_length=20, choices=Level.choices), default=list, verbose_name=_("levels")
    )
    intro = RichTextField(
        _("who forms the network"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("How the network is made up, in the network's own words."),
    )
    principles_and_needs = RichTextField(_("principles and needs"), features=PARAGRAPH_FEATURES, blank=True)
    objective = RichTextField(_("objective"), features=PARAGRAPH_FEATURES, blank=True)
    mobilisation = StreamField(
        STATEMENT_LIST,
        blank=True,
        verbose_name=_("how members mobilise the objective"),
    )
    collaboration = StreamField(
        STATEMENT_LIST,
        blank=True,
        verbose_name=_("collaborative work shows when members…"),
    )
    key_idea = models.TextField(_("key idea (idea fuerza)"), blank=True)
    learnings = StreamField(STATEMENT_LIST, blank=True, verbose_name=_("main learnings and achievements"))
    projections = StreamField(STATEMENT_LIST, blank=True, verbose_name=_("projections and challenges"))
    coordinator_name = models.CharField(_("coordinator"), max_length=120, blank=True)
    coordinator_email = models.EmailField(_("coordinator e-mail"), blank=True)
    coordinator_phone = models.CharField(_("coordinator phone"), max_length=40, blank=True)
    supervising_deprov = models.ForeignKey(
        DeprovOffice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("supervising DEPROV office"),
    )
    supervising_slep = models.ForeignKey(
        Slep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("supervising SLEP"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("region"), FieldPanel("province")]),
                FieldRowPanel([FieldPanel("since_year"), FieldPanel("network_type")]),
                FieldPanel("levels"),
            ],
            heading=_("Territory and type"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("intro"),
                FieldPanel("principles_and_needs"),
                FieldPanel("objective"),
                FieldPanel("mobilisation"),
                FieldPanel("collaboration"),
                FieldPanel("key_idea"),
                FieldPanel("learnings"),
                FieldPanel("projections"),
            ],
            heading=_("Collaborative experience"),
        ),
    ]
    members_panels = [
        InlinePanel("memberships", heading=_("Member schools"), label=_("member school")),
        InlinePanel("participants", heading=_("Other participants"), label=_("participant")),
    ]
    contact_panels = [
        MultiFieldPanel(
            [FieldPanel("coordinator_name"), FieldPanel("coordinator_email"), FieldPanel("coordinator_phone")],
            heading=_("Coordinator contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("supervising_deprov"), FieldPanel("supervising_slep")],
            heading=_("Supervising office"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profile")),
            ObjectList(members_panels, heading=_("Members")),
            ObjectList(contact_panels, heading=_("Contact and supervision")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objective"),
        index.SearchField("principles_and_needs"),
        index.SearchField("key_idea"),
        index.FilterField("region"),
    ]

    parent_page_types = ["networks.NetworkIndexPage"]
    # Children (practices, instruments, sessions) declare NetworkPage as their
    # parent; networks does not name the apps that build on it.

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def clean(self):
        super().clean()
        if self.province_id and self.region_id and self.province.region_id != self.region_id:
            raise ValidationError({"province": _("The province does not belong to the chosen region.")})

    def get_levels_display(self) -> list[str]:
        return labels_of(Level, self.levels)

    def get_context(self, request, *args, **kwargs):
        from ..sections import network_sections
        from ..selectors import network_profile

        context = super().get_context(request, *args, **kwargs)
        context.update(network_profile(self, request.user))
        context["sections"] = network_sections.render(self, request, page=self)
        return context


class NetworkMembership(Orderable):
    """A school in a network, and who from its leadership team takes part."""

    network = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("school")
    )
    roles = ChoiceArrayField(
        models.CharField(max_length=20, choices=MemberRole.choices),
        default=list,
        blank=True,
        verbose_name=_("who takes part"),
    )

    panels = [FieldPanel("school"), FieldPanel("roles")]

    class Meta(Orderable.Meta):
        verbose_name = _("member school")
        verbose_name_plural = _("member schools")
        constraints = [models.UniqueConstraint(fields=["network", "school"], name="unique_network_school")]

    def __str__(self):
        return str(self.school)

    def get_roles_display(self) -> list[str]:
        return labels_of(MemberRole, self.roles)


class NetworkParticipant(Orderable):
    """Someone other than the member schools' leaders who takes part."""

    network = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(_("role"), max_length=30, choices=ParticipantRole.choices)
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("role"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.description or self.get_role_display()

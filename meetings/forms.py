from django import forms
from django.utils.translation import gettext_lazy as _

from practices.references import NetworkContentPageForm


class SessionPageForm(NetworkContentPageForm):
    """The host school is chosen among the network's member schools; agenda
    links and materials stay inside the network boundary (practices.references)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        network = self._network()
        if network is not None and "host_school" in self.fields:
            from schools.models import School

            members = School.objects.filter(memberships__network=network).order_by("name")
            field = self.fields["host_school"]
            field.queryset = members
            field.widget = forms.Select(choices=[("", "---------"), *[(s.pk, s.display_name) for s in members]])

    def _network(self):
        from networks.models import NetworkPage

        if self.instance.pk and self.instance.network_id:
            return self.instance.network
        parent = getattr(self, "parent_page", None)
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, NetworkPage) else None

    def clean_host_school(self):
        school = self.cleaned_data.get("host_school")
        network = self._network()
        if school and network and not network.memberships.filter(school=school).exists():
            raise forms.ValidationError(_("The host school must be a member of the network."))
        return school

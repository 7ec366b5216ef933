"""Keep each network's coordinator group in step with its coordinators."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .coordinators import coordinator_group_sync
from .models import NetworkCoordinator, NetworkPage


@receiver(pre_save, sender=NetworkCoordinator)
def remember_previous_network(sender, instance, **kwargs):
    # An edit may move a coordinator to another network: the old one's group
    # must lose them too.
    instance._previous_network_id = (
        NetworkCoordinator.objects.filter(pk=instance.pk).values_list("network_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=NetworkCoordinator)
@receiver(post_delete, sender=NetworkCoordinator)
def sync_coordinator_group(sender, instance, **kwargs):
    coordinator_group_sync(instance.network)
    previous = getattr(instance, "_previous_network_id", None)
    if previous and previous != instance.network_id:
        network = NetworkPage.objects.filter(pk=previous).first()
        if network:
            coordinator_group_sync(network)

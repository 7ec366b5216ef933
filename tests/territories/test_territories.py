import pytest

from territories.models import Commune, DeprovOffice, Province, Region, Slep

pytestmark = pytest.mark.django_db


def test_the_migrations_load_every_territory():
    assert Region.objects.count() == 16
    assert Province.objects.count() == 56
    assert Commune.objects.count() == 346
    assert DeprovOffice.objects.count() == 44
    assert Slep.objects.count() == 70


def test_the_two_communes_missing_from_the_dictionary_are_there():
    assert Commune.objects.get(code=12103).name == "Río Verde"
    assert Commune.objects.get(code=12202).name == "Antártica"


def test_every_commune_has_its_province_deprov_and_slep():
    assert not Commune.objects.filter(deprov__isnull=True).exists()
    assert not Commune.objects.filter(slep__isnull=True).exists()
    chillan = Commune.objects.select_related("province__region", "slep", "deprov").get(code=16101)
    assert (chillan.name, chillan.province.name, chillan.province.region.name) == ("Chillán", "Diguillín", "Ñuble")
    assert chillan.slep.name == "Valle Diguillín"
    # A commune's province is the first digits of its CUT code.
    assert all(code // 100 == province for code, province in Commune.objects.values_list("code", "province"))


def test_regions_are_listed_north_to_south():
    names = list(Region.objects.values_list("name", flat=True))
    assert names[0] == "Arica y Parinacota" and names[-1] == "Magallanes y de la Antártica Chilena"
    assert names.index("Metropolitana de Santiago") < names.index("Ñuble")


def test_loading_again_changes_nothing():
    from territories.loader import load_territories

    before = list(Commune.objects.order_by("code").values())
    counts = load_territories(Region, Province, DeprovOffice, Slep, Commune)
    assert counts["communes"] == 346
    assert list(Commune.objects.order_by("code").values()) == before


def test_each_region_has_its_clock_and_full_name():
    from zoneinfo import ZoneInfo

    from territories.models import region_time_zone

    zones = {region.code: region.time_zone for region in Region.objects.all()}
    assert zones.pop(12) == ZoneInfo("America/Punta_Arenas")
    assert set(zones.values()) == {ZoneInfo("America/Santiago")}
    assert region_time_zone(None) == ZoneInfo("America/Santiago")
    names = {region.code: region.full_name for region in Region.objects.all()}
    assert names[12] == "Región de Magallanes y de la Antártica Chilena"
    assert names[13] == "Región Metropolitana de Santiago"
    assert names[8] == "Región del Biobío"

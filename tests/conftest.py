import pytest

from tests.factories import SchoolFactory, UserFactory, make_network


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def network(db):
    return make_network("Red de Prueba", schools=SchoolFactory.create_batch(3))


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client

"""Reading the search page as a visitor sees it."""

from bs4 import BeautifulSoup


def results(client, **params):
    """The result titles of /buscar/ for these parameters, and the parsed page."""
    response = client.get("/buscar/", params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in html.select(".result h2 a")], html

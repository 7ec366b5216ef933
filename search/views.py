from django.shortcuts import render

from .service import search


def search_page(request):
    results = search(request.GET, request.user)
    return render(request, "search/search_page.html", {"results": results, "listing": results})

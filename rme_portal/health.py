"""/salud/: for load balancers and container health checks."""

from django.db import DatabaseError, connection
from django.http import JsonResponse


def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"estado": "sin base de datos"}, status=503)
    return JsonResponse({"estado": "ok"})

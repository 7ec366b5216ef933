from django.urls import path

from . import views

app_name = "schools"
urlpatterns = [
    path("<int:rbd>/", views.school_page, name="detail"),
]

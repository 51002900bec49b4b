from django.urls import path

from assets import thread_views, views

app_name = "assets"

urlpatterns = [
    path("c/<slug:slug>/assets/", views.library, name="library"),
    path("c/<slug:slug>/assets/new/", views.asset_new, name="new"),
    path("c/<slug:slug>/assets/<int:asset_id>/", views.asset_detail, name="detail"),
    path(
        "c/<slug:slug>/assets/<int:asset_id>/download/<int:number>/",
        views.download,
        name="download",
    ),
    path("c/<slug:slug>/assets/<int:asset_id>/versions/new/", views.new_version, name="version"),
    path("c/<slug:slug>/assets/<int:asset_id>/adapt/", views.adapt, name="adapt"),
    path("c/<slug:slug>/assets/<int:asset_id>/used/", views.used, name="used"),
    path("c/<slug:slug>/assets/<int:asset_id>/diff/", views.diff, name="diff"),
    path("c/<slug:slug>/assets/cite/<int:thread_id>/", thread_views.cite, name="cite"),
    path(
        "c/<slug:slug>/assets/from-thread/<int:thread_id>/",
        thread_views.from_thread,
        name="from_thread",
    ),
]

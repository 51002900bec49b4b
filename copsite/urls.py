from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("u/<str:username>/", account_views.profile, name="profile"),
    path("profile/edit/", account_views.edit_profile, name="edit_profile"),
    path("", include("communities.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "copsite.views.bad_request"
handler403 = "copsite.views.permission_denied"
handler404 = "copsite.views.page_not_found"
handler500 = "copsite.views.server_error"

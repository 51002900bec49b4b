from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from accounts import views as account_views
from communities.views import profile as profile_views
from copsite import views
from discussions import views as discussion_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own: its login form would bypass the site's login rate limits.
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("u/<str:username>/", profile_views.profile, name="profile"),
    path("profile/edit/", account_views.edit_profile, name="edit_profile"),
    path("", include("communities.urls")),
    path("", include("rhythm.urls")),
    path("", include("participation.urls")),
    path("", include("insights.urls")),
    path("", include("discussions.urls")),
    path("", include("assets.urls")),
    path("", include("guidance.urls")),
    path("search/", discussion_views.search, name="search"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/", include("notifications.urls")),
    path("proposals/", include("proposals.urls")),
    path("digests/", include("digests.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Only public files live in MEDIA_ROOT (avatars); private uploads go through views.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"
        )
    ]

handler400 = "copsite.views.bad_request"
handler403 = "copsite.views.permission_denied"
handler404 = "copsite.views.page_not_found"
handler500 = "copsite.views.server_error"

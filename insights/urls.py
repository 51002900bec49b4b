from django.urls import path

from insights.views import dashboard, knowledge

app_name = "insights"

urlpatterns = [
    path("c/<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("c/<slug:slug>/dashboard.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("c/<slug:slug>/stories/", dashboard.stories, name="stories"),
    path("c/<slug:slug>/knowledge/", knowledge.knowledge, name="knowledge"),
    path(
        "c/<slug:slug>/knowledge/gaps/<int:gap_id>/",
        knowledge.update_gap,
        name="update_gap",
    ),
]

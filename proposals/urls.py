from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_new, name="new"),
    path("<int:proposal_id>/", views.proposal_detail, name="detail"),
    path("<int:proposal_id>/edit/", views.proposal_edit, name="edit"),
    path("<int:proposal_id>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("<int:proposal_id>/support/", views.support, name="support"),
    path("<int:proposal_id>/support/withdraw/", views.unsupport, name="unsupport"),
    path("<int:proposal_id>/launch/", views.launch, name="launch"),
]

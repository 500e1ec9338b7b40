from django.urls import path

from kaimolink.fairs import views

app_name = "fairs"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.fair_edit, name="fair_new"),
    path("meetings/<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("<slug:slug>/", views.fair, name="fair"),
    path("<slug:slug>/edit/", views.fair_edit, name="fair_edit"),
    path("<slug:slug>/sessions/", views.session_add, name="session_add"),
    path(
        "<slug:slug>/sessions/<int:session_id>/delete/",
        views.session_delete,
        name="session_delete",
    ),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/applications/", views.applications, name="applications"),
    path("<slug:slug>/applications/<int:application_id>/decide/", views.decide, name="decide"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/booths/<int:booth_id>/", views.booth, name="booth"),
    path("<slug:slug>/booths/<int:booth_id>/ask/", views.ask, name="ask"),
    path("<slug:slug>/booths/<int:booth_id>/favourite/", views.favourite, name="favourite"),
    path("<slug:slug>/booths/<int:booth_id>/slots/<int:slot_id>/book/", views.book, name="book"),
    path("<slug:slug>/booths/<int:booth_id>/edit/", views.booth_edit, name="booth_edit"),
    path("<slug:slug>/booths/<int:booth_id>/desk/", views.booth_desk, name="booth_desk"),
    path(
        "<slug:slug>/booths/<int:booth_id>/questions/<int:question_id>/answer/",
        views.answer,
        name="answer",
    ),
    path("<slug:slug>/booths/<int:booth_id>/slots/", views.slot_add, name="slot_add"),
    path(
        "<slug:slug>/booths/<int:booth_id>/slots/<int:slot_id>/delete/",
        views.slot_delete,
        name="slot_delete",
    ),
]

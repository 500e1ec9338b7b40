from django.urls import path

from kaimolink.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.index, name="index"),
    path("ask/", views.ask, name="ask"),
    path("questions/<int:pk>/", views.question, name="question"),
    path("questions/<int:pk>/answer/", views.answer, name="answer"),
    path("questions/<int:pk>/report/", views.question_report, name="question_report"),
    path("questions/<int:pk>/answers/<int:answer_pk>/accept/", views.accept, name="accept"),
    path("times/", views.slots, name="slots"),
    path("times/new/", views.slot_new, name="slot_new"),
    path("times/<int:pk>/book/", views.book, name="book"),
    path("times/<int:pk>/withdraw/", views.slot_withdraw, name="slot_withdraw"),
    path("bookings/", views.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedule/themes/", views.themes, name="themes"),
]

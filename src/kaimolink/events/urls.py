from django.urls import path

from kaimolink.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("calendar/", views.calendar, name="calendar"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register-someone/", views.register_someone, name="register_someone"),
    path("<slug:slug>/capacity/", views.capacity, name="capacity"),
    path("<slug:slug>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/attendance.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("<slug:slug>/attendance.pdf", views.attendance_pdf, name="attendance_pdf"),
    path(
        "<slug:slug>/registrations/<int:pk>/cancel/",
        views.cancel_registration,
        name="cancel_registration",
    ),
]

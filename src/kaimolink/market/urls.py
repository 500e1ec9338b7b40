from django.urls import path

from kaimolink.market import views

app_name = "market"

urlpatterns = [
    path("", views.index, name="index"),
    path("actor/<slug:slug>/", views.actor_catalogue, name="actor"),
    path("lag/<slug:slug>/", views.lag_catalogue, name="lag"),
    path("category/<slug:category>/", views.category_catalogue, name="category"),
    path("products/<slug:slug>/", views.product, name="product"),
    path("products/<slug:slug>/edit/", views.product_edit, name="product_edit"),
    path("products/<slug:slug>/status/", views.product_submit, name="product_submit"),
    path("products/<slug:slug>/moderate/", views.product_moderate, name="product_moderate"),
    path("products/<slug:slug>/report/", views.product_report, name="product_report"),
    path(
        "products/<slug:slug>/photos/<int:photo_id>/delete/",
        views.photo_delete,
        name="photo_delete",
    ),
    path("mine/", views.my_products, name="my_products"),
    path("mine/<slug:actor_slug>/new/", views.product_new, name="product_new"),
    path("moderation/", views.moderation, name="moderation"),
    path("catalogues/", views.catalogues, name="catalogues"),
    path("catalogues/new/", views.catalogue_edit, name="catalogue_new"),
    path("catalogues/<slug:slug>/", views.catalogue, name="catalogue"),
    path("catalogues/<slug:slug>/edit/", views.catalogue_edit, name="catalogue_edit"),
    path("catalogues/<slug:slug>/pdf/", views.catalogue_print, name="catalogue_pdf"),
    path("order/<slug:actor_slug>/", views.order_new, name="order_new"),
    path("orders/", views.my_orders, name="my_orders"),
    path("orders/<str:code>/", views.order, name="order"),
    path("orders/<str:code>/move/", views.order_move, name="order_move"),
    path("orders/<str:code>/print/", views.order_print, name="order_print"),
    path("sales/", views.sales, name="sales"),
]

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "mandate.reviews"
    label = "reviews"

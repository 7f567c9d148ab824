from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "mandate.benchmarks"
    label = "benchmarks"

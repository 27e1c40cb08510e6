"""App configuration for interchange (dataset import/export, backup; no models)."""

from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "interchange"
    verbose_name = "Data interchange"

from django.core.management import call_command


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    """The manifest storage fails on a missing file a CSS/JS file refers to (source maps…)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()
    assert list((tmp_path / "static" / "vendor" / "leaflet").glob("leaflet.*.js"))

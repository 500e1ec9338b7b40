"""LKS-94 grid to WGS 84: checked against PROJ's answers (pyproj 3, EPSG:3346)."""

import pytest

from kaimolink.core.lks94 import from_wgs84, to_wgs84

# (lat, lon, northing X, easting Y) as PROJ gives them.
PROJ = [
    (54.6858, 25.2877, 6061802.314, 583029.007),  # Vilnius
    (55.2885, 23.9744, 6128122.346, 498373.851),  # Kėdainiai district, west of 24° E
    (54.0, 21.0, 5988885.727, 303339.762),  # far south-west corner of the grid
    (56.4, 26.8, 6255369.159, 672829.867),  # far north-east
]


@pytest.mark.parametrize(("lat", "lon", "northing", "easting"), PROJ)
def test_lks94_to_wgs84_matches_proj(lat, lon, northing, easting):
    got_lat, got_lon = to_wgs84(northing=northing, easting=easting)
    # 1e-7 degrees is about a centimetre.
    assert got_lat == pytest.approx(lat, abs=1e-7)
    assert got_lon == pytest.approx(lon, abs=1e-7)


@pytest.mark.parametrize(("lat", "lon", "northing", "easting"), PROJ)
def test_lks94_from_wgs84_matches_proj(lat, lon, northing, easting):
    got_northing, got_easting = from_wgs84(lat=lat, lon=lon)
    assert got_northing == pytest.approx(northing, abs=0.01)
    assert got_easting == pytest.approx(easting, abs=0.01)

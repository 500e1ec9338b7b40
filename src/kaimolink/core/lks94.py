"""LKS-94 (EPSG:3346), Lithuania's grid, to and from WGS 84 latitude and longitude.

The address register gives positions in LKS-94: a transverse Mercator projection of the
GRS 80 ellipsoid (central meridian 24° E, scale 0.9998, false easting 500 000 m, no false
northing). A settlement needs only a map position, so a few lines of Krüger's series
(accurate to well under a metre in Lithuania) replace a dependency on PROJ. The
difference between the GRS 80 datum of LKS-94 (ETRS 89) and WGS 84 is a few decimetres and
is ignored.

Lithuanian usage names the northing X and the easting Y; the functions take them by name.
"""

import math

A = 6378137.0  # GRS 80 semi-major axis, metres
F = 1 / 298.257222101  # GRS 80 flattening
LON0 = math.radians(24.0)
K0 = 0.9998
FALSE_EASTING = 500000.0

_N = F / (2 - F)
_RECTIFYING_RADIUS = A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_ALPHA = (
    _N / 2 - 2 / 3 * _N**2 + 5 / 16 * _N**3,
    13 / 48 * _N**2 - 3 / 5 * _N**3,
    61 / 240 * _N**3,
)
_BETA = (
    _N / 2 - 2 / 3 * _N**2 + 37 / 96 * _N**3,
    1 / 48 * _N**2 + 1 / 15 * _N**3,
    17 / 480 * _N**3,
)
_DELTA = (
    2 * _N - 2 / 3 * _N**2 - 2 * _N**3,
    7 / 3 * _N**2 - 8 / 5 * _N**3,
    56 / 15 * _N**3,
)


def to_wgs84(*, northing: float, easting: float) -> tuple[float, float]:
    """(latitude, longitude) in degrees of an LKS-94 point (X = northing, Y = easting)."""
    scale = K0 * _RECTIFYING_RADIUS
    xi = northing / scale
    eta = (easting - FALSE_EASTING) / scale
    xi_p, eta_p = xi, eta
    for j, beta in enumerate(_BETA, start=1):
        xi_p -= beta * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
        eta_p -= beta * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
    chi = math.asin(math.sin(xi_p) / math.cosh(eta_p))
    lat = chi + sum(delta * math.sin(2 * j * chi) for j, delta in enumerate(_DELTA, start=1))
    lon = LON0 + math.atan2(math.sinh(eta_p), math.cos(xi_p))
    return math.degrees(lat), math.degrees(lon)


def from_wgs84(*, lat: float, lon: float) -> tuple[float, float]:
    """(northing, easting) in metres: the inverse of to_wgs84 (used to check it)."""
    phi, dlon = math.radians(lat), math.radians(lon) - LON0
    e = 2 * math.sqrt(_N) / (1 + _N)  # first eccentricity
    t = math.sinh(math.atanh(math.sin(phi)) - e * math.atanh(e * math.sin(phi)))
    xi_p = math.atan2(t, math.cos(dlon))
    eta_p = math.atanh(math.sin(dlon) / math.sqrt(1 + t * t))
    xi, eta = xi_p, eta_p
    for j, alpha in enumerate(_ALPHA, start=1):
        xi += alpha * math.sin(2 * j * xi_p) * math.cosh(2 * j * eta_p)
        eta += alpha * math.cos(2 * j * xi_p) * math.sinh(2 * j * eta_p)
    scale = K0 * _RECTIFYING_RADIUS
    return scale * xi, FALSE_EASTING + scale * eta

// Pick a place on a map: a draggable marker fills the latitude and longitude fields
// (#id_lat, #id_lon) of the form it stands in. Choosing a settlement (#id_settlement,
// options with data-lat/data-lon) moves the marker there and empties the fields: the
// server then takes the settlement's position. Without JavaScript the map stays hidden
// and the two fields are typed (a decimal comma is accepted).
(function () {
  "use strict";
  var el = document.getElementById("venue-map");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  var place = document.getElementById("id_settlement");
  if (!el || !window.L || !lat || !lon) return;
  el.hidden = false;
  document.querySelectorAll(".venue-map-hint").forEach(function (hint) { hint.hidden = false; });

  var map = L.map(el, { maxZoom: 18 });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  }
  // Icon files by their real (hashed) static URLs, as in map.js.
  var icon = L.icon({
    iconUrl: el.dataset.icon, iconRetinaUrl: el.dataset.icon2x, shadowUrl: el.dataset.shadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });
  var marker = null;

  function typed(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isNaN(value) ? null : value;
  }

  function settlementPoint() {
    var option = place && place.selectedOptions[0];
    if (!option || !option.dataset.lat) return null;
    return L.latLng(parseFloat(option.dataset.lat), parseFloat(option.dataset.lon));
  }

  function fill(point) {
    lat.value = point.lat.toFixed(6);
    lon.value = point.lng.toFixed(6);
  }

  function put(point) {
    if (!marker) {
      marker = L.marker(point, {
        draggable: true, icon: icon, title: el.dataset.marker, alt: el.dataset.marker
      }).addTo(map);
      marker.on("dragend", function () { fill(marker.getLatLng()); });
    } else {
      marker.setLatLng(point);
    }
    map.setView(point, Math.max(map.getZoom() || 0, 13));
  }

  map.on("click", function (e) { put(e.latlng); fill(e.latlng); });
  if (place) {
    place.addEventListener("change", function () {
      var point = settlementPoint();
      if (!point) return;
      lat.value = "";
      lon.value = "";
      put(point);
    });
  }
  [lat, lon].forEach(function (input) {
    input.addEventListener("change", function () {
      var a = typed(lat), b = typed(lon);
      if (a !== null && b !== null) put(L.latLng(a, b));
    });
  });

  var start = typed(lat) !== null && typed(lon) !== null
    ? L.latLng(typed(lat), typed(lon)) : settlementPoint();
  if (start) {
    map.setView(start, 13);
    put(start);
  } else {
    map.setView([55.2, 23.9], 7);  // Lithuania
  }
})();

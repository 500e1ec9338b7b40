// A route's stops drawn on the map: a line through them in order and a numbered marker
// each. Without JavaScript the page's ordered list says the same.
(function () {
  "use strict";
  var el = document.getElementById("route-map");
  var data = document.getElementById("route-line");
  if (!el || !data || !window.L) return;
  var points = JSON.parse(data.textContent);
  if (!points.length) return;
  var map = L.map(el, { maxZoom: 18 });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  }
  var icon = L.icon({
    iconUrl: el.dataset.icon, iconRetinaUrl: el.dataset.icon2x, shadowUrl: el.dataset.shadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });
  var names = Array.prototype.map.call(
    document.querySelectorAll(".route-stops > li strong"), function (s) { return s.textContent; }
  );
  points.forEach(function (p, i) {
    var title = (i + 1) + ". " + (names[i] || "");
    var label = document.createElement("span");
    label.textContent = title;  // text, never HTML: a stop's name is the provider's text
    L.marker(p, { icon: icon, title: title, alt: title }).addTo(map).bindPopup(label);
  });
  var line = L.polyline(points, { weight: 4 }).addTo(map);
  el.dataset.stops = String(points.length);
  if (points.length > 1) {
    map.fitBounds(line.getBounds(), { padding: [30, 30], maxZoom: 15, animate: false });
  } else {
    map.setView(points[0], 14);
  }
})();

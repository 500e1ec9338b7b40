// Map of actors: markers of the visible area are fetched as GeoJSON after each move,
// so a directory of 100 000 actors never loads at once.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var map = L.map(el).setView([55.0, 23.7], 8);
  if (el.dataset.bounds) {
    var b = el.dataset.bounds.split(",").map(Number);  // south, west, north, east
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: [30, 30], maxZoom: 13 });
  }
  // Icon files by their real (hashed) static URLs: Leaflet's own guess from the CSS fails
  // once collectstatic has renamed the files.
  var icon = L.icon({
    iconUrl: el.dataset.icon, iconRetinaUrl: el.dataset.icon2x, shadowUrl: el.dataset.shadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });
  L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  var layer = L.layerGroup().addTo(map);
  var status = document.getElementById("map-status");
  var pending = null;

  function load() {
    var b = map.getBounds();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (x) { return Math.max(-180, Math.min(180, x)).toFixed(5); });
    bbox[1] = Math.max(-90, bbox[1]); bbox[3] = Math.min(90, bbox[3]);
    var url = el.dataset.geojson + "?bbox=" + bbox.join(",") + (el.dataset.query ? "&" + el.dataset.query : "");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, { signal: pending.signal, headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        layer.clearLayers();
        (data.features || []).forEach(function (f) {
          var c = f.geometry.coordinates;
          var link = document.createElement("a");
          link.href = f.properties.url; link.textContent = f.properties.name;
          L.marker([c[1], c[0]], { icon: icon, title: f.properties.name, alt: f.properties.name })
            .bindPopup(link).addTo(layer);
        });
        status.textContent = countText((data.features || []).length) +
          (data.truncated ? " — " + el.dataset.truncated : "");
        el.dataset.loaded = String((data.features || []).length);
      })
      .catch(function (e) { if (e.name !== "AbortError") status.textContent = String(e); });
  }
  // "N actors in view" in the page's language: the server renders the sentence for one
  // number of each plural form (1, 2, 10: data-count-one/-few/-other) and the browser's
  // own plural rules choose which one to use for N.
  function countText(n) {
    var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
    var form = rules ? rules.select(n) : (n === 1 ? "one" : "other");
    var sample = { one: el.dataset.countOne, few: el.dataset.countFew }[form] || el.dataset.countOther;
    return sample.replace(/\d+/, String(n));
  }
  map.on("moveend", load);
  load();
})();

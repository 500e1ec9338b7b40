// Map of actors: markers of the visible area are fetched as GeoJSON after each move,
// so a directory of 100 000 actors never loads at once; markers close together are
// grouped into clusters (leaflet.markercluster) that open by zooming in, or fan out
// ("spiderfy") where they share one place.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  // maxZoom on the map itself: the clusters need it, also when no tile layer is set.
  var map = L.map(el, { maxZoom: 18 });
  // Icon files by their real (hashed) static URLs: Leaflet's own guess from the CSS fails
  // once collectstatic has renamed the files.
  var icon = L.icon({
    iconUrl: el.dataset.icon, iconRetinaUrl: el.dataset.icon2x, shadowUrl: el.dataset.shadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });
  // MAP_TILE_URL may be empty: markers on a plain background, no tile server asked.
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  }
  // Radius 40 px: markers are grouped when their pins (25 × 41 px) would cover each other.
  var layer = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(layer);
  var status = document.getElementById("map-status");
  var pending = null;
  var loaded = null;  // the area whose markers are all on the map (none were left out)
  var points = [];  // where the loaded markers stand, to count those in view
  var truncated = false;

  // The area asked for: the view widened to whole "tiles" of a grid that depends on the
  // zoom only. Small moves then stay inside what is loaded (no request at all), and the
  // same view gives the same address, which the browser may revalidate (ETag) instead
  // of downloading the markers again.
  function areaAround(bounds, zoom) {
    var step = 360 / Math.pow(2, zoom);
    function down(x) { return Math.floor(x / step) * step; }
    function up(x) { return Math.ceil(x / step) * step; }
    return L.latLngBounds(
      [Math.max(-90, down(bounds.getSouth())), Math.max(-180, down(bounds.getWest()))],
      [Math.min(90, up(bounds.getNorth())), Math.min(180, up(bounds.getEast()))]
    );
  }

  function showCount() {
    var view = map.getBounds();
    var n = points.filter(function (p) { return view.contains(p); }).length;
    status.textContent = countText(n) + (truncated ? " — " + el.dataset.truncated : "");
  }

  function load() {
    var view = map.getBounds();
    if (loaded && loaded.contains(view)) { showCount(); return; }
    var area = areaAround(view, map.getZoom());
    var bbox = [area.getWest(), area.getSouth(), area.getEast(), area.getNorth()]
      .map(function (x) { return x.toFixed(5); });
    var url = el.dataset.geojson + "?bbox=" + bbox.join(",") + (el.dataset.query ? "&" + el.dataset.query : "");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, { signal: pending.signal, headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var features = data.features || [];
        var markers = features.map(function (f) {
          var c = f.geometry.coordinates;
          var link = document.createElement("a");
          link.href = f.properties.url; link.textContent = f.properties.name;
          var popup = link;
          if (f.properties.certified && el.dataset.certified) {
            // The holder of a community-business mark in force, as in the list and profile.
            popup = document.createElement("span");
            var badge = document.createElement("span");
            badge.className = "badge"; badge.textContent = "✓ " + el.dataset.certified;
            popup.append(link, " ", badge);
          }
          return L.marker([c[1], c[0]], { icon: icon, title: f.properties.name, alt: f.properties.name })
            .bindPopup(popup);
        });
        layer.clearLayers();
        layer.addLayers(markers);
        points = markers.map(function (m) { return m.getLatLng(); });
        truncated = Boolean(data.truncated);
        loaded = truncated ? null : area;
        showCount();
        el.dataset.loaded = String(features.length);
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

  // Listen first, then set the one first view: it fires one "moveend", so one request.
  // (Setting a view and then fitting the bounds used to animate a pan from the first to
  // the second, whose "moveend" came later and fetched the markers a second time.)
  map.on("moveend", load);
  if (el.dataset.bounds) {
    var b = el.dataset.bounds.split(",").map(Number);  // south, west, north, east
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: [30, 30], maxZoom: 13, animate: false });
  } else {
    map.setView([55.0, 23.7], 8);
  }
})();

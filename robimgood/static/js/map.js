/* Robim Good map code. folium builds the Leaflet map; its inline script hands the map to
   robimgood.initMap (the Map of Initiatives) or robimgood.initPicker (the location field).
   Popups and list items are built with textContent: user text never becomes HTML. */
(function () {
  "use strict";

  var CATEGORY_COLOURS = ["green", "public_space", "transport", "accessibility", "heritage",
    "safety", "waste", "children_sport", "other"];

  // Leaflet's own labels are English; the page gives ours in its language (map/_map_js.html).
  var LABELS = (function () {
    var script = document.currentScript;
    return script && script.dataset.labels ? JSON.parse(script.dataset.labels) : {};
  }());

  function label(node, text) {
    if (node && text) { node.title = text; node.setAttribute("aria-label", text); }
  }

  /* Every map: zoom buttons and the popup's close button named in the page's language, and
     Escape closes a popup from inside it (Leaflet listens only while the map itself has focus). */
  L.Map.addInitHook(function () {
    var map = this, container = this.getContainer();
    L.DomEvent.on(container, "keydown", function (event) {
      if (event.key === "Escape" && event.target.closest && event.target.closest(".leaflet-popup")) {
        map.closePopup();
      }
    });
    label(container.querySelector(".leaflet-control-zoom-in"), LABELS.zoomIn);
    label(container.querySelector(".leaflet-control-zoom-out"), LABELS.zoomOut);
    this.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close && LABELS.close) { close.setAttribute("aria-label", LABELS.close); }
    });
  });

  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }

  function bboxOf(map) {
    var b = map.getBounds();
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map(function (v) { return v.toFixed(5); }).join(",");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function popupFor(props, panel, statusLabels) {
    var box = el("div", "popup");
    var title = el("a", "popup-title", props.title);
    var summary = el("p", "popup-summary", props.summary);
    title.href = props.url;
    // The organiser's words are in the initiative's language, the rest in the page's: a
    // screen reader pronounces each in its own.
    if (props.language) { title.lang = summary.lang = props.language; }
    box.appendChild(title);
    box.appendChild(summary);
    box.appendChild(el("p", "badge status-" + props.status, statusLabels[props.status] || props.status));
    if (typeof props.progress === "number") {  // per cent of the checklist done
      var label = (panel.dataset.progressText || "{percent}%").replace("{percent}", String(props.progress));
      var bar = el("progress", "popup-progress");
      bar.max = 100;
      bar.value = props.progress;
      bar.setAttribute("aria-label", label);
      box.appendChild(bar);
      box.appendChild(el("span", "popup-progress-text", label));
    }
    if (props.guide) { box.appendChild(el("p", "popup-guide", panel.dataset.guideText)); }
    var open = el("a", "popup-link", panel.dataset.linkText);
    open.href = props.url;
    box.appendChild(open);
    return box;
  }

  function markerFor(feature, panel, statusLabels) {
    var coords = feature.geometry.coordinates;
    var category = CATEGORY_COLOURS.indexOf(feature.properties.category) >= 0
      ? feature.properties.category : "other";
    var marker = L.marker([coords[1], coords[0]], {
      icon: L.divIcon({ className: "pin cat-" + category + " status-" + feature.properties.status,
        iconSize: [20, 20], iconAnchor: [10, 10], popupAnchor: [0, -10] }),
      title: feature.properties.title,
      alt: feature.properties.title,
      keyboard: true
    });
    marker.bindPopup(function () { return popupFor(feature.properties, panel, statusLabels); });
    // Keyboard and screen reader users land in the popup they opened, and back on its pin
    // when they close it (Escape or the close button).
    marker.on("popupopen", function (event) {
      var link = event.popup.getElement().querySelector(".popup-title");
      if (link) { link.focus({ preventScroll: true }); }
    });
    marker.on("popupclose", function (event) {
      var active = document.activeElement, icon = marker.getElement();
      var popup = event.popup.getElement();
      if (icon && (!active || active === document.body || (popup && popup.contains(active)))) {
        icon.focus({ preventScroll: true });
      }
    });
    return marker;
  }

  /* A cluster from the server: a circle with the count, sized by it; a click (or Enter) zooms
     in on it. Its label says how many, in the page's language and plural form. */
  function clusterFor(feature, panel, plural) {
    var coords = feature.geometry.coordinates;
    var count = feature.properties.count;
    var size = Math.round(30 + 8 * Math.log10(count));
    var forms = JSON.parse(panel.dataset.clusterForms || "{}");
    var label = (forms[plural.select(count)] || forms.other || "{count}").replace("{count}", String(count));
    var body = el("span", null, count >= 10000 ? Math.round(count / 1000) + "k" : String(count));
    body.setAttribute("aria-hidden", "true");
    var marker = L.marker([coords[1], coords[0]], {
      icon: L.divIcon({ className: "cluster", html: body, iconSize: [size, size] }),
      title: label,
      alt: label,
      keyboard: true
    });
    function zoomIn() {
      var map = marker._map;
      map.setView(marker.getLatLng(), Math.min(map.getZoom() + 2, map.getMaxZoom()));
      map.getContainer().focus({ preventScroll: true });  // the cluster goes; Tab goes on from the map
    }
    marker.on("click", zoomIn);
    // A marker without a popup ignores the keyboard: it is a button, so Enter and Space press it.
    marker.on("keypress", function (event) {
      if (event.originalEvent.key === "Enter" || event.originalEvent.key === " ") {
        L.DomEvent.preventDefault(event.originalEvent);  // Space would scroll the page
        zoomIn();
      }
    });
    return marker;
  }

  /* The Map of Initiatives: clusters or markers of the viewport from the server, reloaded on
     pan, zoom and filter change; the list beside the map follows through the filter form's HTMX
     "mapmove" trigger. */
  function initMap(map) {
    var panel = document.getElementById("map-panel");
    var form = document.getElementById("filters");
    var bboxInput = document.getElementById("filter-bbox");
    var status = document.getElementById("map-status");
    var statusLabels = JSON.parse(panel.dataset.statusLabels || "{}");
    var plural = new Intl.PluralRules(document.documentElement.lang || "be");
    var layer = L.layerGroup().addTo(map);
    var controller = null;
    var markers = {};  // feature id -> marker, so a reload keeps what is still in view

    var hash = /^#(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d{1,2})$/.exec(window.location.hash);
    // The view in the address at once, without the zoom animation: a click or Enter on a
    // cluster while that animation ran was dropped by Leaflet.
    if (hash) { map.setView([+hash[1], +hash[2]], +hash[3], { animate: false }); }

    function params() {
      var data = new URLSearchParams(new FormData(form));
      data.set("bbox", bboxOf(map));
      data.set("zoom", String(map.getZoom()));
      data.delete("page");
      return data;
    }

    function loadMarkers() {
      if (controller) { controller.abort(); }
      controller = new AbortController();
      panel.setAttribute("aria-busy", "true");
      fetch(panel.dataset.geojsonUrl + "?" + params().toString(),
        { signal: controller.signal, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          // Replace only what changed: clearing every marker would also close an open popup
          // whenever opening it pans the map.
          var next = {}, added = [], gone = [];
          data.features.forEach(function (f) {
            next[f.id] = markers[f.id] || (f.properties.cluster
              ? clusterFor(f, panel, plural) : markerFor(f, panel, statusLabels));
            if (!markers[f.id]) { added.push(next[f.id]); }
          });
          Object.keys(markers).forEach(function (id) { if (!next[id]) { gone.push(markers[id]); } });
          gone.forEach(function (m) { layer.removeLayer(m); });
          added.forEach(function (m) { layer.addLayer(m); });
          markers = next;
          status.textContent = data.truncated ? panel.dataset.truncatedText : "";
          panel.setAttribute("aria-busy", "false");
        })
        .catch(function (err) {
          if (err.name === "AbortError") { return; }
          status.textContent = panel.dataset.errorText;
          panel.setAttribute("aria-busy", "false");
        });
    }

    function viewChanged() {
      // A phone showing the list hides the map: a map without a size has no view to follow.
      if (!map.getSize().x) { return; }
      bboxInput.value = bboxOf(map);
      loadMarkers();
      if (window.htmx) { window.htmx.trigger(form, "mapmove"); }
    }

    map.on("moveend", viewChanged);
    // The phone's map/list links (CSS :target): a map shown again measures itself anew.
    window.addEventListener("hashchange", function () { map.invalidateSize(); });
    form.addEventListener("change", loadMarkers);
    form.addEventListener("submit", loadMarkers);
    var search = document.getElementById("filter-q");
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(loadMarkers, 500);
    });
    // folium's script runs while the page is still loading: wait until htmx is listening.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", viewChanged);
    } else {
      viewChanged();
    }
  }

  /* The location field of the initiative form: a click puts the pin and fills the inputs;
     typed coordinates move the pin. */
  function initPicker(map) {
    var lat = document.getElementById("latitude");
    var lon = document.getElementById("longitude");
    var pin = null;

    function place(latlng) {
      if (pin) { pin.setLatLng(latlng); } else {
        pin = L.marker(latlng, { icon: L.divIcon({ className: "pin pin-picked", iconSize: [22, 22] }),
          keyboard: false }).addTo(map);
      }
    }

    function fromInputs() {
      var la = parseFloat(lat.value), lo = parseFloat(lon.value);
      if (isFinite(la) && isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) {
        place([la, lo]);
        return true;
      }
      return false;
    }

    map.on("click", function (event) {
      var p = event.latlng.wrap();
      lat.value = p.lat.toFixed(6);
      lon.value = p.lng.toFixed(6);
      place(p);
    });
    lat.addEventListener("change", function () { if (fromInputs()) { map.panTo(pin.getLatLng()); } });
    lon.addEventListener("change", function () { if (fromInputs()) { map.panTo(pin.getLatLng()); } });
    fromInputs();
  }

  window.robimgood = { initMap: initMap, initPicker: initPicker };
}());

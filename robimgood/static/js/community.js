/* Robim Good community pages: the area picker (a centre and a radius on the map) and the
   flyer's print button. Both pages work without it: coordinates can be typed, and browsers
   print from their own menu. */
(function () {
  "use strict";

  /* folium's inline script calls this with the map of the area form. */
  function initAreaPicker(map) {
    var lat = document.getElementById("lat");
    var lon = document.getElementById("lon");
    var radius = document.getElementById("radius_m");
    var circle = null;

    function metres() {
      var r = parseInt(radius.value, 10);
      return isFinite(r) && r >= 100 && r <= 20000 ? r : null;
    }

    function draw(fit) {
      var la = parseFloat(lat.value), lo = parseFloat(lon.value), r = metres();
      if (!(isFinite(la) && isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) || r === null) {
        return;
      }
      if (circle) {
        circle.setLatLng([la, lo]);
        circle.setRadius(r);
      } else {
        circle = L.circle([la, lo], { radius: r, className: "area-circle" }).addTo(map);
      }
      if (fit) { map.fitBounds(circle.getBounds(), { maxZoom: 16 }); }
    }

    map.on("click", function (event) {
      var p = event.latlng.wrap();
      lat.value = p.lat.toFixed(6);
      lon.value = p.lng.toFixed(6);
      draw(false);
    });
    [lat, lon, radius].forEach(function (input) {
      input.addEventListener("change", function () { draw(true); });
    });
    draw(true);
  }

  function initPrintButton() {
    var button = document.querySelector(".print-button");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  window.robimgood = window.robimgood || {};
  window.robimgood.initAreaPicker = initAreaPicker;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initPrintButton);
  } else {
    initPrintButton();
  }
}());

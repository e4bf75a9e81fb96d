/* The team map (分布图): draws the teams of the server-rendered list on a Leaflet map, then those of the area in view and offers "use my location".
 * Everything works without this script: the list beside the map and the township form are plain HTML. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var settings = readJson("team-map-settings") || { labels: {} };
  var labels = settings.labels || {};

  // Browsers report WGS-84; Chinese map tiles and the coordinates editors copy from Chinese map apps are GCJ-02
  // (offset by a few hundred metres). Convert, so that distances compare like with like.
  function outOfChina(lat, lng) {
    return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
  }
  function shiftLat(x, y) {
    var ret = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    ret += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
    ret += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
    ret += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
    return ret;
  }
  function shiftLng(x, y) {
    var ret = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    ret += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
    ret += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
    ret += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
    return ret;
  }
  function toMapDatum(lat, lng) {
    if (settings.datum !== "gcj02" || outOfChina(lat, lng)) {
      return [lat, lng];
    }
    var a = 6378245.0;
    var ee = 0.00669342162296594323;
    var radLat = (lat / 180) * Math.PI;
    var magic = 1 - ee * Math.sin(radLat) * Math.sin(radLat);
    var sqrtMagic = Math.sqrt(magic);
    var dLat = (shiftLat(lng - 105, lat - 35) * 180) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
    var dLng = (shiftLng(lng - 105, lat - 35) * 180) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
    return [lat + dLat, lng + dLng];
  }
  window.teamMap = { toMapDatum: toMapDatum };

  // "Use my location": ask the browser, then let the server sort the list (?lat=&lng=).
  var locate = document.querySelector("[data-locate]");
  if (locate && "geolocation" in navigator) {
    var status = locate.querySelector("[data-locate-status]");
    locate.hidden = false;
    locate.addEventListener("submit", function (event) {
      if (locate.elements.lat.value) {
        return;
      }
      event.preventDefault();
      status.textContent = labels.locating || "";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var point = toMapDatum(position.coords.latitude, position.coords.longitude);
          locate.elements.lat.value = point[0].toFixed(6);
          locate.elements.lng.value = point[1].toFixed(6);
          locate.submit();
        },
        function () {
          status.textContent = labels.locateFailed || "";
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 }
      );
    });
  }

  var element = document.getElementById("team-map");
  if (!element || !window.L) {
    return;
  }
  var markers = readJson("team-map-markers") || [];
  element.hidden = false;

  // Leaflet's controls carry English titles and labels; the page's language comes from the server's labels.
  var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
  L.control.zoom({ zoomInTitle: labels.zoomIn || "+", zoomOutTitle: labels.zoomOut || "-" }).addTo(map);
  var credit = document.createElement("a");
  credit.href = "https://leafletjs.com";
  credit.hreflang = "en";
  credit.textContent = labels.mapLibrary || "Leaflet";
  map.attributionControl.setPrefix(credit.outerHTML); // no flag in the credits
  map.on("popupopen", function (event) {
    var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close && labels.closePopup) {
      close.setAttribute("aria-label", labels.closePopup);
      close.title = labels.closePopup;
    }
  });
  L.tileLayer(settings.tileUrl, {
    attribution: settings.attribution,
    subdomains: settings.subdomains || "abc",
    maxZoom: 18,
  }).addTo(map);

  function popupFor(marker) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name;
    box.appendChild(link);
    var details = [marker.township, marker.speciality, marker.distance].filter(Boolean).join(" · ");
    if (details) {
      var line = document.createElement("div");
      line.textContent = details;
      box.appendChild(line);
    }
    return box;
  }

  var layers = {};
  var points = [];
  var wanted = null; // a team hovered in the list before its marker arrived
  function addMarker(marker) {
    if (layers[marker.id]) {
      return;
    }
    var layer = L.circleMarker([marker.lat, marker.lng], {
      radius: marker.reach ? 10 : 8,
      color: marker.reach === "walk" ? "#0b6e2e" : "#ffffff",
      weight: marker.reach ? 3 : 2,
      fillColor: marker.colour,
      fillOpacity: marker.approximate ? 0.55 : 0.95,
    });
    layer.bindPopup(popupFor(marker));
    layer.bindTooltip(marker.name);
    layer.addTo(map);
    layers[marker.id] = layer;
  }
  markers.forEach(function (marker) {
    addMarker(marker);
    points.push([marker.lat, marker.lng]);
  });

  // The page carries the markers of the teams it lists; the others come for the area in view, as the map moves.
  function clamp(value, limit) {
    return Math.max(-limit, Math.min(limit, value));
  }
  function loadArea() {
    if (!settings.markersUrl || !window.fetch) {
      return;
    }
    var box = map.getBounds();
    var query = [
      "south=" + clamp(box.getSouth(), 90).toFixed(5),
      "west=" + clamp(box.getWest(), 180).toFixed(5),
      "north=" + clamp(box.getNorth(), 90).toFixed(5),
      "east=" + clamp(box.getEast(), 180).toFixed(5),
    ].join("&");
    fetch(settings.markersUrl + "?" + query, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { markers: [] };
      })
      .then(function (data) {
        data.markers.forEach(addMarker);
        if (wanted && layers[wanted]) {
          layers[wanted].openPopup();
          wanted = null;
        }
      })
      .catch(function () {}); // the list beside the map still shows every team it names
  }

  var origin = settings.origin;
  if (origin) {
    var centre = [origin.lat, origin.lng];
    L.circle(centre, { radius: settings.rideRadius, color: "#1a73e8", weight: 1, fillOpacity: 0.05 })
      .bindTooltip(labels.ride)
      .addTo(map);
    L.circle(centre, { radius: settings.walkRadius, color: "#0b6e2e", weight: 2, fillOpacity: 0.1 })
      .bindTooltip(labels.walk)
      .addTo(map);
    L.circleMarker(centre, { radius: 7, color: "#1a73e8", weight: 3, fillColor: "#ffffff", fillOpacity: 1 })
      .bindTooltip(origin.label || labels.origin, { permanent: true, direction: "top" })
      .addTo(map);
    map.setView(centre, 13);
  } else if (settings.bounds) {
    map.fitBounds(settings.bounds, { padding: [24, 24], maxZoom: 14 });
  } else if (points.length) {
    map.fitBounds(points, { padding: [24, 24], maxZoom: 14 });
  } else {
    map.setView([23.17, 114.29], 10);
  }

  // The list and the map point at each other: hovering or focusing a team in the list opens its marker.
  function openFor(item) {
    var id = item.getAttribute("data-team-id");
    if (layers[id]) {
      layers[id].openPopup();
    } else {
      wanted = id;
    }
  }
  document.querySelectorAll("[data-team-id]").forEach(function (item) {
    item.addEventListener("mouseenter", function () { openFor(item); });
    item.addEventListener("focusin", function () { openFor(item); });
  });
  map.on("moveend", loadArea);
  loadArea();
})();

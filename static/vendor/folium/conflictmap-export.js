/* ConflictMap standalone export: popups built as DOM nodes with textContent.
 * Inlined into each exported HTML file by events/exports.py; never loaded by URL.
 * Curated text is untrusted: nothing from an event is ever parsed as HTML. */
/* exported conflictmapBind */
var conflictmapSiteUrl = "";
var conflictmapEvents = [];
function conflictmapEvent(root, e) {
  function add(parent, tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    parent.appendChild(node);
    return node;
  }
  add(root, "h3", e.title);
  add(root, "p", [e.date, e.type].filter(Boolean).join(" \u00b7 "), "cm-meta");
  if (e.disputed) { add(root, "span", "Disputed: sources disagree", "cm-badge"); }
  if (e.place) {
    var place = add(root, "p", "Place: " + e.place);
    if (e.place_ar) {
      place.appendChild(document.createTextNode(" "));
      var ar = add(place, "span", e.place_ar);
      ar.dir = "rtl"; ar.lang = "ar";
    }
  }
  if (e.fatalities !== null && e.fatalities !== undefined) {
    add(root, "p", "Fatalities (best estimate): " + e.fatalities);
  }
  if (e.summary) { add(root, "p", e.summary); }
  if (e.actors.length) {
    add(root, "h4", "Actors");
    var actors = add(root, "ul");
    e.actors.forEach(function (a) {
      add(actors, "li", a.role ? a.name + " (" + a.role + ")" : a.name);
    });
  }
  if (e.sources.length) {
    add(root, "h4", "Sources");
    var sources = add(root, "ul");
    e.sources.forEach(function (s) {
      var li = add(sources, "li");
      var label = [s.publisher, s.title].filter(Boolean).join(": ");
      if (s.url && /^https?:\/\//i.test(s.url)) {
        var a = add(li, "a", label);
        a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      } else {
        add(li, "span", label);
      }
      if (s.published_at) { li.appendChild(document.createTextNode(" (" + s.published_at + ")")); }
      if (s.stance_label) {
        li.appendChild(document.createTextNode(" "));
        add(li, "span", s.stance_label.toLowerCase(), "cm-stance-" + s.stance);
      }
      if (s.speaker) { li.appendChild(document.createTextNode(" \u2014 " + s.speaker)); }
      if (s.quote) {
        li.appendChild(document.createTextNode(": "));
        add(li, "q", s.quote);
      }
    });
  }
  if (conflictmapSiteUrl && e.url && e.url.charAt(0) === "/") {
    var link = add(add(root, "p"), "a", "Open on ConflictMap");
    link.href = conflictmapSiteUrl + e.url; link.target = "_blank";
    link.rel = "noopener noreferrer";
  }
}
function conflictmapPopup(index, others, total) {
  var root = document.createElement("div");
  root.className = "cm-popup";
  conflictmapEvent(root, conflictmapEvents[index]);
  if (others.length) {
    var note = document.createElement("p");
    note.className = "cm-also";
    note.textContent = "Also at this place (" + total + (
      total > others.length ? ", first " + others.length + " shown" : "") + "):";
    root.appendChild(note);
    others.forEach(function (other) {
      var section = document.createElement("div");
      section.className = "cm-also-event";
      conflictmapEvent(section, conflictmapEvents[other]);
      root.appendChild(section);
    });
  }
  return root;
}
function conflictmapBind(marker, index, others, total) {
  var tip = document.createElement("span");
  tip.textContent = conflictmapEvents[index].title + (
    total ? " (+" + total + " more here)" : "");
  marker.bindTooltip(tip);
  marker.bindPopup(function () { return conflictmapPopup(index, others, total); }, {
    maxWidth: 340,
    // Pan the opened popup clear of the title box (top left) and the legend.
    autoPanPaddingTopLeft: L.point(20, 110),
    autoPanPaddingBottomRight: L.point(20, 30)
  });
}

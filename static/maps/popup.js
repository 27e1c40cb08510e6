/* Event popups: DOM nodes filled with textContent (curated text is untrusted), the
 * sources loaded on opening, focus kept for keyboard readers. */
import { colorFor, config, t, typeLabel } from "./config.js";
import { bdi, detailPath, el, externalLink, placeNode, safeHref, siteLink, token } from "./dom.js";
import { state } from "./state.js";

const CLAIM_STANCES = { reports: true, claims: true, confirms: true };

function uniqueNames(sources, test) {
  var seen = {};
  var names = [];
  sources.forEach(function (source) {
    if (!test(source.stance)) {
      return;
    }
    var name = source.speaker || source.publisher || "";
    if (name && !seen[name]) {
      seen[name] = true;
      names.push(name);
    }
  });
  return names;
}

export function buildPopup(feature) {
  var p = feature.properties || {};
  var root = el("div", "cm-popup");
  root.dir = config.dir || "ltr";
  root.setAttribute("data-event-id", String(feature.id));
  var title = el("h3", "cm-popup__title");
  title.dir = "auto";
  title.appendChild(siteLink(p.url || detailPath(feature.id), p.title, "cm-popup__link"));
  root.appendChild(title);

  var badges = el("p", "cm-popup__badges");
  var typeBadge = el("span", "badge badge--type");
  var swatch = el("span", "swatch");
  swatch.style.backgroundColor = colorFor(p.type);
  typeBadge.appendChild(swatch);
  typeBadge.appendChild(document.createTextNode(typeLabel(p.type)));
  badges.appendChild(typeBadge);
  if (p.disputed) {
    badges.appendChild(el("span", "badge badge--disputed", t("disputed")));
  }
  root.appendChild(badges);

  var facts = el("dl", "cm-popup__facts");
  function fact(label, value) {
    if (value === undefined || value === null || value === "") {
      return;
    }
    facts.appendChild(el("dt", null, label));
    var dd = el("dd");
    if (value instanceof Node) {
      dd.appendChild(value);
    } else {
      dd.textContent = String(value);
    }
    facts.appendChild(dd);
  }
  var dateText = p.date_label || p.date_start;
  if (dateText && p.date_precision && p.date_precision !== "day") {
    dateText += " (" + t("approximate") + ")";
  }
  fact(t("date"), dateText);
  if (p.place) {
    fact(t("place"), placeNode(p.place));
  }
  var actors = (p.actors || []).map(function (actor) {
    return actor.role_label ? actor.name + " (" + actor.role_label + ")" : actor.name;
  });
  fact(t("actors"), actors.join(", "));
  if (p.fatalities_best !== null && p.fatalities_best !== undefined) {
    fact(t("fatalities"), p.fatalities_best);
  }
  root.appendChild(facts);

  var sources = p.sources || [];
  if (p.disputed) {
    var dispute = el("div", "cm-popup__dispute");
    var claimed = uniqueNames(sources, function (stance) {
      return CLAIM_STANCES[stance];
    });
    var denied = uniqueNames(sources, function (stance) {
      return stance === "denies";
    });
    var claimLine = el("p", "cm-popup__claims");
    claimLine.appendChild(el("strong", null, t("reportedBy") + " "));
    claimLine.appendChild(document.createTextNode(claimed.join(", ") || "—"));
    var denyLine = el("p", "cm-popup__denials");
    denyLine.appendChild(el("strong", null, t("deniedBy") + " "));
    denyLine.appendChild(document.createTextNode(denied.join(", ") || "—"));
    dispute.appendChild(claimLine);
    dispute.appendChild(denyLine);
    root.appendChild(dispute);
  }

  if (p.sources) {
    root.appendChild(el("h4", "cm-popup__heading", t("sources", { n: sources.length })));
    var list = el("ul", "sources sources--popup");
    sources.forEach(function (source) {
      var item = el("li", "source");
      var stance = el("span", "stance stance--" + token(source.stance));
      stance.textContent = config.strings["stance_" + token(source.stance)] || source.stance_label || source.stance;
      stance.setAttribute("data-stance", token(source.stance));
      item.appendChild(stance);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("bdi", "source__publisher", source.publisher));
      if (source.published_at) {
        item.appendChild(document.createTextNode(", " + String(source.published_at).slice(0, 10)));
      }
      if (source.title || safeHref(source.url)) {
        var titleLine = el("div", "source__title");
        titleLine.dir = "auto";
        titleLine.appendChild(externalLink(source.url, source.title || source.url));
        item.appendChild(titleLine);
      }
      if (source.speaker) {
        var speaker = el("div", "source__speaker", t("attributed") + " ");
        speaker.appendChild(bdi(source.speaker));
        item.appendChild(speaker);
      }
      if (source.quote) {
        var quote = el("blockquote", "source__quote", source.quote);
        quote.dir = "auto";
        if (source.language) {
          quote.lang = token(source.language);
        }
        item.appendChild(quote);
      }
      list.appendChild(item);
    });
    root.appendChild(list);
  } else {
    root.appendChild(el("p", "cm-popup__loading", t("loadingSources")));
  }

  var more = el("p", "cm-popup__more");
  more.appendChild(siteLink(p.url || detailPath(feature.id), t("permalink")));
  root.appendChild(more);
  return root;
}

export function focusPopup(marker) {
  var popup = marker.getPopup();
  var node = popup && popup.getElement && popup.getElement();
  var target = node && node.querySelector(".cm-popup__link");
  if (target) {
    target.focus();
  }
}

function setPopup(marker, node) {
  var hadFocus = document.activeElement && marker.getPopup().getElement() &&
    marker.getPopup().getElement().contains(document.activeElement);
  marker.setPopupContent(node);
  if (hadFocus || marker.focusWanted) {
    marker.focusWanted = false;
    focusPopup(marker);
  }
}

export function loadDetail(id, marker) {
  if (state.details[id]) {
    setPopup(marker, buildPopup(state.details[id]));
    return;
  }
  fetch(config.detailApiUrl.replace("{id}", encodeURIComponent(id)), {
    headers: { Accept: "application/json" },
  })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (feature) {
      state.details[id] = feature;
      if (marker.isPopupOpen()) {
        setPopup(marker, buildPopup(feature));
      }
    })
    .catch(function () {
      var node = buildPopup(marker.feature);
      var loading = node.querySelector(".cm-popup__loading");
      if (loading) {
        loading.textContent = t("sourcesFailed");
      }
      setPopup(marker, node);
    });
}

/* ConflictMap embed builder: keeps the preview iframe, the iframe code and the oEmbed
 * URL in step with the form as it changes. The server renders exactly the same on
 * submit (maps/views/builder.py), so the page works without this script too.
 * Configuration comes from the json_script element #builder-config.
 */
(function () {
  "use strict";

  var configNode = document.getElementById("builder-config");
  var form = document.getElementById("builder-form");
  var codeBox = document.getElementById("embed-code");
  if (!configNode || !form || !codeBox) {
    return; // invalid values: the server shows the errors and no code
  }
  var config = JSON.parse(configNode.textContent);
  var urlBox = document.getElementById("embed-url");
  var oembedBox = document.getElementById("oembed-url");
  var mapLink = document.getElementById("builder-map-link");
  var oembedLink = document.getElementById("builder-oembed-link");
  var frame = document.getElementById("builder-preview");
  var previewBox = document.getElementById("builder-preview-box");
  var status = document.getElementById("builder-status");
  var SIZE_MIN = 200;
  var SIZE_MAX = 2000;
  var PREVIEW_DELAY = 400; // ms: one reload per pause in typing, not per key
  var previewTimer = null;

  /* Python's urllib.parse.urlencode (quote_plus), so both sides give one URL. */
  function encodePart(value) {
    return encodeURIComponent(value)
      .replace(/[!'()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      })
      .replace(/%20/g, "+");
  }

  function encodeQuery(pairs) {
    return pairs
      .map(function (pair) {
        return encodePart(pair[0]) + "=" + encodePart(pair[1]);
      })
      .join("&");
  }

  /* django.utils.html.escape */
  function escapeHtml(value) {
    return String(value)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#x27;");
  }

  function fieldValue(name) {
    var field = form.elements.namedItem(name);
    if (!field) {
      return "";
    }
    if (field.tagName === "SELECT" && field.multiple) {
      return Array.prototype.filter
        .call(field.options, function (option) {
          return option.selected;
        })
        .map(function (option) {
          return option.value;
        })
        .join(",");
    }
    return String(field.value || "").trim();
  }

  /* Python's "{:g}": six significant digits, no trailing zeros. */
  function formatDegrees(value) {
    return String(parseFloat(Number(value).toPrecision(6)));
  }

  function filterPairs() {
    var pairs = [];
    config.filterParams.forEach(function (name) {
      var value = fieldValue(name);
      if (!value) {
        return;
      }
      if (name === "in_bbox") {
        var parts = value.split(",");
        if (parts.length === 4 && parts.every(function (p) { return isFinite(parseFloat(p)); })) {
          value = parts.map(formatDegrees).join(",");
        }
      }
      pairs.push([name, value]);
    });
    return pairs;
  }

  function size(name) {
    var raw = fieldValue(name);
    if (!raw) {
      return config.defaults[name];
    }
    var value = Number(raw);
    if (!/^\d+$/.test(raw) || value < SIZE_MIN || value > SIZE_MAX) {
      return null;
    }
    return value;
  }

  function options() {
    return {
      width: size("width"),
      height: size("height"),
      responsive: form.elements.namedItem("responsive").checked,
      timeline: fieldValue("timeline") || "1",
      lock: form.elements.namedItem("lock").checked,
    };
  }

  function iframeCode(url, opts) {
    var src = escapeHtml(url);
    var title = escapeHtml(config.title);
    if (opts.responsive) {
      return (
        '<div style="position:relative;width:100%;aspect-ratio:' + opts.width + "/" + opts.height + '">' +
        '<iframe src="' + src + '" title="' + title + '" loading="lazy" style="position:absolute;' +
        'inset:0;width:100%;height:100%;border:0" allowfullscreen></iframe></div>'
      );
    }
    return (
      '<iframe src="' + src + '" width="' + opts.width + '" height="' + opts.height + '" title="' +
      title + '" loading="lazy" style="border:0;max-width:100%" allowfullscreen></iframe>'
    );
  }

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function setPreview(path, opts) {
    if (!frame) {
      return;
    }
    if (opts.responsive) {
      frame.removeAttribute("width");
      frame.style.width = "100%";
      frame.style.aspectRatio = opts.width + " / " + opts.height;
      frame.setAttribute("height", String(opts.height));
      frame.style.height = "auto";
      previewBox.classList.add("builder__preview--responsive");
    } else {
      frame.style.width = "";
      frame.style.height = "";
      frame.style.aspectRatio = "";
      frame.setAttribute("width", String(opts.width));
      frame.setAttribute("height", String(opts.height));
      previewBox.classList.remove("builder__preview--responsive");
    }
    // A pending reload is for an older form: drop it even when the form is back to what
    // the preview already shows, or it would land after this change and show the old one.
    window.clearTimeout(previewTimer);
    if (frame.getAttribute("src") !== path) {
      previewTimer = window.setTimeout(function () {
        frame.setAttribute("src", path);
      }, PREVIEW_DELAY);
    }
  }

  function update() {
    var opts = options();
    if (opts.width === null || opts.height === null) {
      say("Width and height must be whole numbers from " + SIZE_MIN + " to " + SIZE_MAX + " pixels.");
      return;
    }
    var filters = filterPairs();
    var embedPairs = filters.concat([["timeline", opts.timeline]]);
    if (opts.lock) {
      embedPairs.push(["lock", "1"]);
    }
    var query = encodeQuery(embedPairs);
    var embedUrl = config.embedUrl + "?" + query;
    var mapUrl = config.mapUrl + (filters.length ? "?" + encodeQuery(filters) : "");
    var oembedUrl =
      config.oembedUrl +
      "?" +
      encodeQuery([
        ["url", mapUrl],
        ["format", "json"],
        ["maxwidth", String(opts.width)],
        ["maxheight", String(opts.height)],
      ]);
    codeBox.value = iframeCode(embedUrl, opts);
    urlBox.value = embedUrl;
    oembedBox.value = oembedUrl;
    mapLink.setAttribute("href", mapUrl);
    oembedLink.setAttribute("href", oembedUrl);
    setPreview(config.previewUrl + "?" + query, opts);
    say("");
    // The builder's own URL follows the form, so a reload or a shared link keeps it.
    var own = new URLSearchParams(new FormData(form));
    Array.from(own.keys()).forEach(function (key) {
      if (!own.get(key)) {
        own.delete(key);
      }
    });
    var ownQuery = own.toString();
    window.history.replaceState(null, "", window.location.pathname + (ownQuery ? "?" + ownQuery : ""));
  }

  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var text = target.value;
    function done() {
      say("Copied to the clipboard.");
    }
    function fallback() {
      target.focus();
      target.select();
      try {
        document.execCommand("copy");
        done();
      } catch (error) {
        say("Select the text and copy it (Ctrl/⌘+C).");
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(button);
    });
  });
  [codeBox, urlBox, oembedBox].forEach(function (box) {
    box.addEventListener("focus", function () {
      box.select();
    });
  });
})();

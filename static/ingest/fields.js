// The ingest page's form helpers (static/ingest/ingest.js): a proposal form's fields
// read and set by name, the forms on the page, and text-only DOM nodes.
// Every string shown is article text or gazetteer data: set with textContent only.
export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function field(form, name) {
  return document.querySelector('[name="' + CSS.escape(form + "-" + name) + '"]');
}

export function value(form, name) {
  var input = field(form, name);
  return input ? input.value : "";
}

export function setValue(form, name, text) {
  var input = field(form, name);
  if (!input) return;
  if (input.tagName === "SELECT") {
    var known = Array.prototype.some.call(input.options, function (option) {
      return option.value === String(text);
    });
    if (!known) return;
  }
  input.value = text === null || text === undefined ? "" : String(text);
}

export function forms() {
  return Array.prototype.map.call(
    document.querySelectorAll("fieldset.ingest-event[data-form]"),
    function (node) { return node.getAttribute("data-form"); });
}

export function numberOf(form) {
  var node = document.querySelector('fieldset.ingest-event[data-form="' + CSS.escape(form) + '"]');
  return node ? node.getAttribute("data-number") : "?";
}

export function fixed(number) { return Number(number).toFixed(4); }

"""The folium elements of the standalone map: data, popups, tooltips, basemap and
attribution, their values passed as JSON that Jinja cannot read as a tag."""

import json
import re
from typing import Any
from urllib.parse import urlsplit

from branca.element import Element, MacroElement
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape
from folium.template import Template

from maps.standalone import drawing


def _safe_link(url: Any) -> str:
    """Only http(s) links become <a href>: no javascript:, data: or relative URLs."""
    url = str(url or "").strip()
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""


# branca renders each macro's output again as a Jinja template (Element(script)), so
# "{{ … }}" in curated text would run on the server. Outside JSON strings "{" is never
# followed by "{", "%" or "#", so escaping those braces only touches string contents.
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def _js_json(value: Any) -> str:
    """JSON safe inside a <script> element (no '<', '>', '&' or line separators) and
    inert as a Jinja template (no '{{', '{%' or '{#')."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _JINJA_OPEN.sub(r"\\u007b", text)


class _Raw(Element):
    """Pre-built markup; unlike Element(template) it is never parsed as Jinja."""

    def __init__(self, markup: str):
        super().__init__()
        self._markup = markup

    def render(self, **kwargs: Any) -> str:
        return self._markup


class _BasemapLayer(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.geoJSON({{ this.data_json }}, {
                style: {{ this.style_json }},
                interactive: false,
                // Canvas: headless Chromium left parts of a large SVG basemap
                // unpainted at high zoom; markers stay SVG (one <path> each).
                renderer: L.canvas({padding: 0.5})
            }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: drawing.BasemapLayer):
        super().__init__()
        self._name = "Basemap"
        self.data_json = _js_json(layer.data)
        self.style_json = _js_json(dict(layer.style))


class _EventData(MacroElement):
    """All popup data once, as escaped JSON; markers refer to it by index."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmapEvents = {{ this.data_json }};
        {% endmacro %}
        """
    )

    def __init__(self, events: list[dict]):
        super().__init__()
        self._name = "EventData"
        self.data_json = _js_json(events)


class _EventPopup(MacroElement):
    """Popup and tooltip built as DOM nodes from the event data (see EXPORT_JS)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmapBind(
                {{ this._parent.get_name() }}, {{ this.index }}, {{ this.others_json }},
                {{ this.total }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, index: int, others: list[int], *, total: int):
        super().__init__()
        self._name = "EventPopup"
        self.index = int(index)
        self.total = int(total)
        self.others_json = _js_json([int(other) for other in others])


class _TextTooltip(MacroElement):
    """A tooltip set as a text node: the label never parsed as HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (label) {
                var node = document.createElement("span");
                node.textContent = label;
                {{ this._parent.get_name() }}.bindTooltip(node);
            })({{ this.text_json }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "TextTooltip"
        self.text_json = _js_json(text)


class _Attribution(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
            {{ this._parent.get_name() }}.attributionControl.addAttribution(
                {{ this.text_json }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text_json = _js_json(escape(text))  # Leaflet sets it as innerHTML


class _PopupSiteUrl(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmapSiteUrl = {{ this.site_url_json }};
        {% endmacro %}
        """
    )

    def __init__(self, site_url: str):
        super().__init__()
        self._name = "SiteUrl"
        self.site_url_json = _js_json(_safe_link(site_url).rstrip("/"))

"""The standalone map's control layer: who held each place on a date, styled, labelled
and explained in the legend."""

from collections.abc import Mapping
from typing import Any

import folium
from django.utils.html import escape

from maps.standalone import drawing, elements


def _control_style(props: Mapping[str, Any]) -> dict:
    color = str(props.get("color") or "")
    state = str(props.get("state") or "unknown")
    contested, disputed = state == "contested", bool(props.get("disputed"))
    classes = f"cm-control cm-control--{state}" if state.isalpha() else "cm-control"
    return {
        "color": "#7a5d00" if contested else "#222222",
        "weight": 3 if contested else 2,
        "dash_array": "4 3" if disputed or contested else None,
        "fill_color": color
        if drawing._HEX_COLOR.match(color)
        else drawing.DEFAULT_COLOR,
        "class_name": classes + (" cm-control--disputed" if disputed else ""),
    }


def _control_label(props: Mapping[str, Any]) -> str:
    state = props.get("state")
    if state == "contested":
        who = "contested"
    elif state != "held":
        who = "unknown"
    else:
        names = [str(a.get("name") or "") for a in props.get("actors") or []]
        coalition = (props.get("coalition") or {}).get("name")
        if coalition and coalition not in names:
            names.append(str(coalition))
        who = "held by " + " / ".join(names)
    since = props.get("since_label") or props.get("since") or ""
    disputed = " (disputed)" if props.get("disputed") else ""
    return f"{props.get('place') or ''}: {who} since {since}{disputed}"


def _add_control_layer(fmap: folium.Map, control: drawing.ControlLayer) -> None:
    """Places (and their outlines) coloured by controller, in one toggleable group."""
    group = folium.FeatureGroup(name=f"Control on {escape(control.day)}", show=True)
    for feature in control.features:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        if props.get("cluster") or geometry.get("type") != "Point":
            continue  # an aggregated cell is not a place
        lon, lat = geometry["coordinates"][:2]  # GeoJSON: (lon, lat)
        style = _control_style(props)
        label = _control_label(props)
        area = props.get("area") or {}
        if area.get("type") in {"Polygon", "MultiPolygon"}:
            outline = folium.GeoJson(
                {"type": "Feature", "geometry": area, "properties": {}},
                style_function=lambda _, style=style: {
                    "color": style["fill_color"],
                    "weight": 2,
                    "dashArray": style["dash_array"],
                    "fillColor": style["fill_color"],
                    "fillOpacity": 0.25,
                    "className": style["class_name"].replace(
                        "cm-control ", "cm-control-area "
                    ),
                },
            )
            outline.add_child(elements._TextTooltip(label))
            outline.add_to(group)
        marker = folium.CircleMarker(
            location=[float(lat), float(lon)],  # folium/Leaflet: (lat, lon)
            radius=drawing.MARKER_RADIUS + 3,
            fill=True,
            fill_opacity=0.8,
            **style,
        )
        marker.add_child(elements._TextTooltip(label))
        marker.add_to(group)
    group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)


def _control_legend_html(control: drawing.ControlLayer) -> str:
    groups: dict[str, str] = {}
    for feature in control.features:
        props = feature.get("properties") or {}
        style = _control_style(props)
        state = props.get("state")
        name = (props.get("coalition") or {}).get("name") if state == "held" else None
        label = str(name or ("Contested" if state == "contested" else "Unknown"))
        groups.setdefault(label, style["fill_color"])
    items = (
        "".join(
            f'<li><span class="cm-swatch" style="background:{color}"></span>'
            f"{escape(name)}</li>"
            for name, color in sorted(groups.items())
        )
        or "<li>No recorded control</li>"
    )
    items += (
        '<li><span class="cm-swatch cm-swatch-disputed"></span>'
        "Disputed change (a source denies it)</li>"
    )
    return (
        '<div class="cm-box cm-legend cm-control-legend" role="complementary" '
        'aria-label="Control legend">'
        f"<h2>Control on {escape(control.day)}</h2><ul>{items}</ul></div>"
    )

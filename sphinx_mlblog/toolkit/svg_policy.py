"""What an untrusted SVG may hold once inlined into a page: allowlists of elements,
attributes, CSS properties and URL forms (everything else is removed).

The elements are SVG's drawing, text, paint-server, clipping, masking, marker and filter
elements; scripting, animation (``<animate>``, ``<set>`` can rewrite ``href``),
``<foreignObject>`` (HTML inside SVG), external resources (``<feImage>``) and every other
element are not. ``<title>`` and ``<desc>`` keep their text only: they are where the HTML
parser switches back to HTML.
"""

from __future__ import annotations

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Namespaces of editors' own data (their elements and attributes are dropped quietly).
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
)

#: Elements kept (SVG's own names, as the HTML parser spells them in SVG content).
ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "a", "image",
    "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "stop",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
    "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})  # fmt: skip
#: Elements whose content is only text (HTML integration points of the HTML parser).
TEXT_ONLY = frozenset({"title", "desc", "style"})

#: Presentation attributes, which are CSS properties too (:data:`CSS_PROPERTIES`).
PRESENTATION = frozenset({
    "alignment-baseline", "baseline-shift", "clip-path", "clip-rule", "color",
    "color-interpolation", "color-interpolation-filters", "direction", "display",
    "dominant-baseline", "fill", "fill-opacity", "fill-rule", "filter", "flood-color",
    "flood-opacity", "font-family", "font-size", "font-size-adjust", "font-stretch",
    "font-style", "font-variant", "font-weight", "image-rendering", "letter-spacing",
    "lighting-color", "marker-end", "marker-mid", "marker-start", "mask", "mask-type", "opacity",
    "overflow", "paint-order", "pointer-events", "shape-rendering", "stop-color", "stop-opacity",
    "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "text-decoration",
    "text-rendering", "transform", "transform-origin", "unicode-bidi", "vector-effect",
    "visibility", "white-space", "word-spacing", "writing-mode", "mix-blend-mode", "isolation",
})  # fmt: skip

#: Other attributes kept, on any allowed element (SVG's own spelling).
ATTRIBUTES = PRESENTATION | frozenset({
    "id", "class", "style", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby",
    "aria-hidden", "version", "viewBox", "preserveAspectRatio", "width", "height",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d",
    "points", "pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
    "method", "spacing", "side", "href", "offset", "gradientUnits", "gradientTransform",
    "spreadMethod", "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits",
    "maskUnits", "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY",
    "orient", "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode",
    "type", "values", "operator", "k1", "k2", "k3", "k4", "scale", "xChannelSelector",
    "yChannelSelector", "order", "kernelMatrix", "divisor", "bias", "targetX", "targetY",
    "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant",
    "specularConstant", "specularExponent", "azimuth", "elevation", "z", "pointsAtX",
    "pointsAtY", "pointsAtZ", "limitingConeAngle", "baseFrequency", "numOctaves", "seed",
    "stitchTiles", "tableValues", "slope", "intercept", "amplitude", "exponent", "radius",
    "requiredFeatures", "requiredExtensions", "systemLanguage", "target",
})  # fmt: skip
#: Namespaced attributes kept, as ``{namespace}name`` -> how they are written.
NAMESPACED = {
    f"{{{XLINK_NS}}}href": "xlink:href",
    f"{{{XML_NS}}}space": "xml:space",
    f"{{{XML_NS}}}lang": "xml:lang",
}

#: CSS properties kept in ``style`` attributes and ``<style>`` (the presentation attributes,
#: and a few more that SVG text uses).
CSS_PROPERTIES = PRESENTATION | frozenset(
    {
        "font",
        "font-feature-settings",
        "line-height",
        "text-transform",
        "text-decoration-line",
        "text-decoration-color",
        "text-decoration-style",
    }
)

#: Schemes of links (``<a href>``) kept; other URLs may point within the document only.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
#: Data URLs an ``<image>`` may show (an image of another kind, or from elsewhere, is a request).
IMAGE_DATA = ("data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;")

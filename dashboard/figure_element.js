// One Plotly figure, drawn by the app's partial plotly.js bundle (frontend/plotly/, served from
// static/, never a CDN). Unlike st.plotly_chart, whose element identity hashes the figure so that
// every change mounts a new chart (and a new WebGL context for a map), this element keeps its
// identity and redraws in place with Plotly.react.

const LIBRARY_PROMISE = "__midlandsPlotlyLibrary";

function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window[LIBRARY_PROMISE]) {
    window[LIBRARY_PROMISE] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(url, document.baseURI).href;
      script.async = true;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        window[LIBRARY_PROMISE] = undefined; // a later render may try again
        reject(new Error("The chart library could not be loaded from this server."));
      };
      document.head.appendChild(script);
    });
  }
  return window[LIBRARY_PROMISE];
}

function clickedPoints(event) {
  // Only what the server needs to choose an item: never the whole trace.
  return (event.points || []).map((point) => ({
    curve_number: point.curveNumber,
    point_number: point.pointNumber,
    location: point.location === undefined ? null : point.location,
    customdata: point.customdata === undefined ? null : point.customdata,
  }));
}

function describe(plot, parentElement, data) {
  // Screen readers hear the chart's title as its name and the page's one-line summary as its
  // description (the same sentence is shown under the chart; the copy here is hidden).
  plot.setAttribute("role", "figure");
  if (data.label) plot.setAttribute("aria-label", data.label);
  else plot.removeAttribute("aria-label");
  let summary = parentElement.querySelector(".dashboard-figure-summary");
  if (!data.summary) {
    if (summary) summary.remove();
    plot.removeAttribute("aria-describedby");
    return;
  }
  if (!summary) {
    summary = document.createElement("p");
    summary.className = "dashboard-figure-summary";
    summary.hidden = true;
    summary.id = `dashboard-figure-summary-${Math.random().toString(36).slice(2)}`;
    parentElement.appendChild(summary);
  }
  summary.textContent = data.summary; // text, never markup
  plot.setAttribute("aria-describedby", summary.id);
}

function resolveMapSprite(layout) {
  // The figure names the app's marker sprite by a path relative to the app (it may be served
  // under a path prefix); MapLibre needs an absolute address, on this same server.
  const style = layout.map && layout.map.style;
  if (!style || typeof style !== "object" || typeof style.sprite !== "string") return;
  const sprite = new URL(style.sprite, document.baseURI).href;
  if (sprite !== style.sprite) layout.map = { ...layout.map, style: { ...style, sprite } };
}

function keepSameMapStyle(plot, layout) {
  // plotly.js 4.1 compares a map's style by identity: an equal style in a new object makes it
  // reload the style, which fails ("Source already exists"). Hand it back the object it has.
  const shown = plot.layout && plot.layout.map && plot.layout.map.style;
  const next = layout.map && layout.map.style;
  if (shown && next && typeof next === "object" && JSON.stringify(shown) === JSON.stringify(next)) {
    layout.map = { ...layout.map, style: shown };
  }
}

// A map's figure carries the bounds of what it shows (layout.meta.bounds); the server's centre
// and zoom suit a half-width map on a laptop, so the map is fitted again to its own size here,
// as dashboard/figures/maps.py's view_for does: MapLibre's zoom 0 spans 360° in 512 px, and a
// degree of latitude is longer than one of longitude by 1 / cos(latitude).
function mapView(bounds, widthPx, heightPx) {
  const [west, south, east, north] = bounds;
  const center = { lon: (west + east) / 2, lat: (south + north) / 2 };
  const stretch = Math.cos((center.lat * Math.PI) / 180);
  const fitHeight = Math.log2((heightPx * 360 * stretch) / (512 * Math.max(north - south, 0.01)));
  const fitWidth = Math.log2((widthPx * 360) / (512 * Math.max(east - west, 0.01)));
  return { center, zoom: Math.round((Math.min(fitHeight, fitWidth) - 0.1) * 100) / 100 };
}

function mapBounds(layout) {
  const bounds = layout.meta && layout.meta.bounds;
  return layout.map && Array.isArray(bounds) && bounds.length === 4 ? bounds : null;
}

function mapDomainShare(layout, axis) {
  const span = (layout.map.domain && layout.map.domain[axis]) || [0, 1];
  return span[1] - span[0];
}

function fitMapBeforeDrawing(layout, width) {
  // Before the first draw the plot area is known only roughly (a legend below may take some
  // of the height); fitMapToDrawnSize corrects it once Plotly has laid the chart out.
  const bounds = mapBounds(layout);
  if (!bounds || !width) return;
  const margin = layout.margin || {};
  const height = (layout.height || 450) - (margin.t === undefined ? 60 : margin.t) - (margin.b === undefined ? 60 : margin.b);
  const view = mapView(bounds, width * mapDomainShare(layout, "x"), height * mapDomainShare(layout, "y"));
  layout.map = { ...layout.map, ...view };
}

function fitMapToDrawnSize(plot) {
  const layout = plot.layout || {};
  const bounds = mapBounds(layout);
  const size = plot._fullLayout && plot._fullLayout._size; // the plot area after Plotly's margins
  if (!bounds || !size) return null;
  const view = mapView(bounds, size.w * mapDomainShare(layout, "x"), size.h * mapDomainShare(layout, "y"));
  const shown = layout.map;
  if (Math.abs((shown.zoom || 0) - view.zoom) < 0.02 && shown.center && Math.abs(shown.center.lon - view.center.lon) < 1e-6
      && Math.abs(shown.center.lat - view.center.lat) < 1e-6) return null;
  return window.Plotly.relayout(plot, { "map.zoom": view.zoom, "map.center": view.center });
}

// Below this width a chart has a phone's whole column: titles and long category labels are
// re-wrapped to fit, since Plotly never wraps text and clips what does not fit.
const NARROW_PX = 560;
const TITLE_CHAR_PX = 8.5; // a 16 px bold title character, on average
const LABEL_CHAR_PX = 5.9; // a 12 px tick label character, on average
const LABEL_SHARE = 0.42; // of a narrow chart's width, at most, for its category labels
const ORPHAN_CHARS = 2; // a last word this short ("County of") stays on the line before it
const TITLE_LINE_PX = 24; // as dashboard/theme.py's title_margin
const LABEL_LINE_PX = 15.6; // a 12 px tick label's line: Plotly sets lines 1.3 em apart
const LABEL_GAP_PX = 6; // between the labels of neighbouring categories
// Before the first draw, the height the plot gets is only estimated: the chart's less its margins,
// the x axis's labels and title, and a legend of one entry a line. rowsToDrawnSize corrects it
// once Plotly has laid the chart out.
const X_AXIS_PX = 45;
const LEGEND_ENTRY_PX = 20;

export function wrapWords(text, width) {
  const lines = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= width) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines;
}

export function labelChars(width) {
  // Characters a category label's line may hold: as many as fit in its share of the chart
  // (25 on a 390 px phone, so "North West Leicestershire" keeps one line), within 16 to 28.
  return Math.max(16, Math.min(28, Math.floor((width * LABEL_SHARE) / LABEL_CHAR_PX)));
}

export function wrapLabel(label, chars) {
  // A highlighted label is bold as a whole (<b>name</b>): each of its lines is made bold instead.
  const bold = /^<b>(.*)<\/b>$/.exec(label);
  const lines = wrapWords(bold ? bold[1] : label, chars);
  const n = lines.length;
  if (n > 1 && lines[n - 1].length <= ORPHAN_CHARS && lines[n - 2].length + 1 + lines[n - 1].length <= chars + ORPHAN_CHARS + 1) {
    lines[n - 2] += " " + lines.pop();
  }
  return bold ? lines.map((line) => `<b>${line}</b>`) : lines;
}

// Categories are evenly spaced, so every row must be as tall as the tallest label: adding the
// extra lines' height to the chart spreads it over all rows, and dense charts still overlap.
export function rowPx(lines) {
  return lines * LABEL_LINE_PX + LABEL_GAP_PX;
}

export function heightForRows(height, axisPx, rows, lines) {
  // The chart's height once the axis is tall enough for `rows` rows of `lines` lines (never lower).
  return height + Math.max(0, Math.round(rows * rowPx(lines) - axisPx));
}

function wrappedCategories(figure, width) {
  // Per y axis of text categories (horizontal bars) with a long label: its labels as wrapped.
  const categories = {};
  for (const trace of figure.data || []) {
    if (!Array.isArray(trace.y) || !trace.y.every((label) => typeof label === "string")) continue;
    const axis = "yaxis" + (trace.yaxis || "y").slice(1);
    categories[axis] = [...new Set([...(categories[axis] || []), ...trace.y])];
  }
  const wrapped = {};
  for (const [axis, labels] of Object.entries(categories)) {
    const given = (figure.layout || {})[axis] || {};
    const chars = labelChars(width);
    if (given.tickvals || !labels.some((label) => label.replace(/<\/?b>/g, "").length > chars)) continue;
    const ticktext = labels.map((label) => wrapLabel(label, chars).join("<br>"));
    wrapped[axis] = { labels, ticktext, lines: Math.max(...ticktext.map((text) => text.split("<br>").length)) };
  }
  return wrapped;
}

function legendEntries(figure) {
  const traces = (figure.data || []).filter((trace) => trace.showlegend !== false && trace.name);
  const shapes = ((figure.layout || {}).shapes || []).filter((shape) => shape.showlegend);
  return traces.length + shapes.length;
}

export function fitToWidth(figure, width) {
  const layout = { ...figure.layout, autosize: true };
  resolveMapSprite(layout);
  fitMapBeforeDrawing(layout, width);
  // A legend below the axes is placed a fraction of the plot's height below it, which can be
  // less than the x axis's labels need (a phone's legend takes a line an entry and leaves the
  // plot short; rotated period labels are tall): put it at the foot of the chart instead, where
  // Plotly keeps room for it below the axis. A map has no axis under its legend.
  const legend = layout.legend;
  if (!layout.map && legend && legend.orientation === "h" && legend.y < 0 && (legend.yref || "paper") === "paper") {
    layout.legend = { ...legend, yref: "container", y: 0, yanchor: "bottom" };
  }
  if (!width || width >= NARROW_PX) return layout;
  const title = layout.title && layout.title.text;
  if (title) {
    const before = title.split("<br>").length;
    const lines = wrapWords(title.replace(/<br>/g, " "), Math.max(20, Math.floor((width - 20) / TITLE_CHAR_PX)));
    const margin = layout.margin || {};
    layout.title = { ...layout.title, text: lines.join("<br>") };
    layout.margin = { ...margin, t: (margin.t === undefined ? 60 : margin.t) + TITLE_LINE_PX * (lines.length - before) };
    layout.height = (layout.height || 450) + TITLE_LINE_PX * (lines.length - before);
  }
  // Long category labels on a y axis (horizontal bars) would push the plot off the chart.
  for (const [axis, { labels, ticktext, lines }] of Object.entries(wrappedCategories(figure, width))) {
    layout[axis] = { ...(layout[axis] || {}), tickmode: "array", tickvals: labels, ticktext };
    const margin = layout.margin || {};
    const chrome = (margin.t === undefined ? 60 : margin.t) + (margin.b === undefined ? 60 : margin.b)
      + X_AXIS_PX + LEGEND_ENTRY_PX * legendEntries(figure);
    const height = layout.height || 450;
    layout.height = heightForRows(height, height - chrome, labels.length, lines);
  }
  return layout;
}

function rowsToDrawnSize(plot) {
  // The estimate made before drawing, corrected: the y axis as drawn is tall enough for its rows.
  const { figure } = plot.__drawn;
  const full = plot._fullLayout;
  if (!full || plot.clientWidth >= NARROW_PX) return null;
  let height = full.height;
  for (const [axis, { lines }] of Object.entries(wrappedCategories(figure, plot.clientWidth))) {
    const drawn = full[axis];
    if (!drawn || !drawn._length || !Array.isArray(drawn.range)) continue;
    height = Math.max(height, heightForRows(full.height, drawn._length, Math.abs(drawn.range[1] - drawn.range[0]), lines));
  }
  if (height <= full.height) return null;
  plot.style.height = `${height}px`;
  return window.Plotly.relayout(plot, { height });
}

export default function render({ data, parentElement, setTriggerValue }) {
  let plot = parentElement.querySelector(".dashboard-figure");
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "dashboard-figure";
    plot.setAttribute("data-testid", "dashboardFigure");
    parentElement.appendChild(plot);
  }
  describe(plot, parentElement, data);
  // Every rerun sends every chart; one whose figure has not changed is left as it is.
  if (data.figure === plot.__requestedFigure) return purge;
  plot.__requestedFigure = data.figure;
  const figure = JSON.parse(data.figure);
  const layout = fitToWidth(figure, plot.clientWidth);
  plot.style.height = `${layout.height || 450}px`;

  loadPlotly(data.library)
    .then((Plotly) => {
      if (plot.__requestedFigure !== data.figure) return null; // a newer figure arrived meanwhile
      keepSameMapStyle(plot, layout);
      const config = { ...data.config, responsive: true };
      plot.__drawn = { figure, config };
      // If an update in place fails, a fresh plot still shows the right figure.
      return Plotly.react(plot, figure.data, layout, config).catch(() => {
        Plotly.purge(plot);
        return Plotly.newPlot(plot, figure.data, layout, config);
      });
    })
    .then((drawn) => {
      if (!drawn) return;
      fitMapToDrawnSize(plot);
      rowsToDrawnSize(plot);
      if (!plot.__resizeObserver) {
        // The column can change width without the window doing so (the sidebar opening).
        let drawnWidth = plot.clientWidth;
        plot.__resizeObserver = new ResizeObserver(() => {
          if (plot.clientWidth === drawnWidth) return; // the first call, on observing, changes nothing
          const wasNarrow = drawnWidth < NARROW_PX;
          drawnWidth = plot.clientWidth;
          if (!wasNarrow && drawnWidth >= NARROW_PX && !mapBounds(plot.__drawn.figure.layout)) {
            window.Plotly.Plots.resize(plot);
            return;
          }
          // Titles and labels are wrapped for the width: wrap them again.
          const { figure: shown, config: shownConfig } = plot.__drawn;
          const fitted = fitToWidth(shown, drawnWidth);
          keepSameMapStyle(plot, fitted);
          plot.style.height = `${fitted.height || 450}px`;
          window.Plotly.react(plot, shown.data, fitted, shownConfig).then(() => {
            fitMapToDrawnSize(plot);
            rowsToDrawnSize(plot);
          });
        });
        plot.__resizeObserver.observe(plot);
      }
      if (data.clickable && !plot.__clickBound) {
        plot.__clickBound = true;
        plot.on("plotly_click", (event) => setTriggerValue("click", clickedPoints(event)));
      }
    })
    .catch((error) => {
      plot.__requestedFigure = undefined; // the next rerun tries again
      plot.textContent = error.message;
    });

  return purge;

  function purge() {
    if (plot.__resizeObserver) plot.__resizeObserver.disconnect();
    if (window.Plotly) window.Plotly.purge(plot);
  }
}

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

function keepSameMapStyle(plot, layout) {
  // plotly.js 4.1 compares a map's style by identity: an equal style in a new object makes it
  // reload the style, which fails ("Source already exists"). Hand it back the object it has.
  const shown = plot.layout && plot.layout.map && plot.layout.map.style;
  const next = layout.map && layout.map.style;
  if (shown && next && typeof next === "object" && JSON.stringify(shown) === JSON.stringify(next)) {
    layout.map = { ...layout.map, style: shown };
  }
}

export default function render({ data, parentElement, setTriggerValue }) {
  let plot = parentElement.querySelector(".dashboard-figure");
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "dashboard-figure";
    plot.setAttribute("data-testid", "dashboardFigure");
    if (data.label) {
      plot.setAttribute("role", "figure");
      plot.setAttribute("aria-label", data.label);
    }
    parentElement.appendChild(plot);
  }
  // Every rerun sends every chart; one whose figure has not changed is left as it is.
  if (data.figure === plot.__requestedFigure) return purge;
  plot.__requestedFigure = data.figure;
  const figure = JSON.parse(data.figure);
  const layout = { ...figure.layout, autosize: true };
  plot.style.height = `${layout.height || 450}px`;

  loadPlotly(data.library)
    .then((Plotly) => {
      if (plot.__requestedFigure !== data.figure) return null; // a newer figure arrived meanwhile
      keepSameMapStyle(plot, layout);
      const config = { ...data.config, responsive: true };
      // If an update in place fails, a fresh plot still shows the right figure.
      return Plotly.react(plot, figure.data, layout, config).catch(() => {
        Plotly.purge(plot);
        return Plotly.newPlot(plot, figure.data, layout, config);
      });
    })
    .then((drawn) => {
      if (!drawn) return;
      if (!plot.__resizeObserver) {
        // The column can change width without the window doing so (the sidebar opening).
        let drawnWidth = plot.clientWidth;
        plot.__resizeObserver = new ResizeObserver(() => {
          if (plot.clientWidth === drawnWidth) return; // the first call, on observing, changes nothing
          drawnWidth = plot.clientWidth;
          window.Plotly.Plots.resize(plot);
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

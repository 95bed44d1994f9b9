// The trace types the dashboard draws. Scatter comes with the core. A figure with any other
// type would draw nothing: tests/test_figure_element.py checks every chart against this list.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choroplethmap'),
    require('plotly.js/lib/scattermap'),
]);

module.exports = Plotly;

// Builds static/plotly-midlands-<version>.min.js from the locked plotly.js: run by hand after
// changing entry.js or the plotly.js version (see README), then commit the output.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import inlineCss from 'esbuild-plugin-inline-css';

const version = JSON.parse(readFileSync('node_modules/plotly.js/package.json', 'utf8')).version;
const outfile = `../../static/plotly-midlands-${version}.min.js`;

await build({
    entryPoints: ['entry.js'],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2018',
    // maplibre's stylesheet is injected by the bundle itself, as in plotly.js's own build.
    plugins: [inlineCss()],
    define: { global: 'window', 'process.env.NODE_DEBUG': 'false' },
    legalComments: 'eof',
    banner: { js: `/* plotly.js v${version}, partial bundle for the Midlands dashboard (frontend/plotly). MIT licence. */` },
    logLevel: 'info',
});

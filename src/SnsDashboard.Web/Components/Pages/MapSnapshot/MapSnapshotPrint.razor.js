// Draws the snapshot sheet's map with the live map's own modules (same markers, clusters, layer
// styles, base-map fallback), then marks the page ready for the snapshot service to capture.
// All data arrive as numbers, colours and ids; texts on the sheet were rendered (escaped) by Razor.
import { createMap, addPosts } from '../LiveMap/LiveMap.razor.js';
import { setupBaseMaps, showLayer } from '../LiveMap/MapLayerPanel.razor.js';

const noDotnet = { invokeMethodAsync: () => Promise.resolve() };
const nextFrame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));

function baseSettled(el) {
    const b = el._state.base;
    if (b.mode === 'vector') return !!(el.dataset.fallbackFeatures || el.dataset.fallbackError);
    return !!b.mode && !!b.layer && !b.layer.isLoading();
}

async function draw() {
    const el = document.getElementById('snapshot-map');
    const cfg = JSON.parse(el.dataset.config);
    await createMap(el, noDotnet, { lat: cfg.lat, lon: cfg.lon, zoom: cfg.zoom });
    setupBaseMaps(el, noDotnet, { initial: cfg.initial, timeoutMs: cfg.timeoutMs, baseMaps: cfg.baseMaps, offline: cfg.offline });
    await Promise.all(cfg.layers.map(l => showLayer(el, l)));
    await addPosts(el, JSON.parse(document.getElementById('snapshot-posts').textContent), false);
    while (!baseSettled(el)) await new Promise(r => setTimeout(r, 100));
    // The legend credits the base actually drawn (tiles may have fallen back to the vector base).
    const mode = el._state.base.mode;
    const used = mode === 'vector' ? cfg.vector : mode === 'offline-tiles' ? cfg.offline : cfg.baseMaps[0];
    if (used) document.querySelector('[data-role=base-credit]').textContent = used.name + ': ' + used.attribution;
    await nextFrame();
}

document.body.dataset.snapshotState = 'loading';
draw().then(
    () => { document.body.dataset.snapshotState = 'ready'; },
    e => { document.body.dataset.snapshotState = 'error: ' + (e?.message ?? e); });

// Static layers, base maps (online, offline MBTiles, vector fallback), heatmap and playback
// for the live map (report snapshots: Components/Pages/MapSnapshot). Works on the map that LiveMap.razor.js created (el._state.map);
// each concern is a separate group of functions so the live-marker code stays independent.
// Feature attributes come from uploaded files and are hostile: popups are built from DOM nodes
// with textContent, never from HTML strings.

const colourPattern = /^#[0-9a-fA-F]{6}$/;
const safeColour = c => colourPattern.test(c) ? c : '#607d8b';

function layersOf(el) {
    const st = el._state;
    if (!st) return null;
    st.overlays ??= new Map();
    return st;
}

// ---------------------------------------------------------------- base maps and offline fallback

export function setupBaseMaps(el, dotnet, options) {
    const st = layersOf(el);
    if (!st) return;
    const map = st.map;
    map.createPane('fallbackPane').style.zIndex = 150;   // under tiles (200) would hide it; tiles are absent then
    st.base = { options, dotnet, layer: null, mode: null, fallback: null, timer: null };
    selectBaseMap(el, options.initial);
}

export function selectBaseMap(el, id) {
    const st = layersOf(el);
    if (!st?.base) return;
    const { options } = st.base;
    const source = id === 'offline' && options.offline ? options.offline : options.baseMaps.find(b => b.id === id) ?? options.baseMaps[0];
    if (!source) { useVectorFallback(el); return; }
    useTiles(el, source, source === options.offline ? 'offline-tiles' : 'online');
}

function useTiles(el, source, mode) {
    const st = el._state, b = st.base, L = window.L;
    if (b.layer) st.map.removeLayer(b.layer);
    clearTimeout(b.timer);
    let loaded = 0;
    const layer = L.tileLayer(source.url, { attribution: escapeText(source.attribution), maxZoom: source.maxZoom || 18 });
    layer.on('tileload', () => { loaded++; if (b.fallback) hideVectorFallback(el); setMode(el, mode, source.id); });
    layer.addTo(st.map);
    b.layer = layer;
    // No tile within the timeout: the network (or the tile server) is gone. Try the app's own
    // MBTiles, then the vector base, so the pane never stays blank grey.
    b.timer = setTimeout(() => {
        if (loaded > 0 || b.layer !== layer) return;
        if (mode === 'online' && b.options.offline) useTiles(el, b.options.offline, 'offline-tiles');
        else useVectorFallback(el);
    }, b.options.timeoutMs);
}

async function useVectorFallback(el) {
    const st = el._state, b = st.base, L = window.L;
    setMode(el, 'vector', 'vector');
    el.classList.add('vector-base');
    // Drop the unreachable tile layer (and its attribution); the legend credits the vector base.
    if (b.layer) { st.map.removeLayer(b.layer); b.layer = null; }
    if (b.fallback) { b.fallback.addTo(st.map); return; }
    try {
        const res = await fetch('api/map/fallback-base', { credentials: 'same-origin' });
        const data = await res.json();
        b.fallback = L.geoJSON(data, {
            pane: 'fallbackPane',
            interactive: false,
            style: () => ({ color: '#7b8794', weight: 1, fillColor: '#f5f3ea', fillOpacity: 1 }),
            pointToLayer: (f, latlng) => {
                const big = f.properties?.kind === 'prefecture';
                const m = L.circleMarker(latlng, { pane: 'fallbackPane', radius: big ? 4 : 2, color: '#546e7a', weight: 1, fillOpacity: 0.8 });
                if (big || st.map.getZoom() >= 9) m.bindTooltip(String(f.properties?.name ?? ''), { permanent: true, direction: 'right', className: 'fallback-label' });
                return m;
            },
        });
        if (b.mode === 'vector') b.fallback.addTo(st.map);
        el.dataset.fallbackFeatures = String(data.features?.length ?? 0);
    } catch (e) {
        el.dataset.fallbackError = String(e);
    }
}

function hideVectorFallback(el) {
    const b = el._state.base;
    el.classList.remove('vector-base');
    if (b.fallback) el._state.map.removeLayer(b.fallback);
}

function setMode(el, mode, id) {
    const b = el._state.base;
    if (b.mode === mode && b.activeId === id) return;
    b.mode = mode;
    b.activeId = id;
    el.dataset.baseMode = mode;
    b.dotnet.invokeMethodAsync('OnBaseModeChanged', mode, id).catch(() => { });
}

function escapeText(s) {
    const d = document.createElement('div');
    d.textContent = s ?? '';
    return d.innerHTML;
}

// ---------------------------------------------------------------- overlay layers

export async function showLayer(el, layer) {
    const st = layersOf(el);
    if (!st) return 0;
    const L = window.L;
    let entry = st.overlays.get(layer.id);
    if (!entry) {
        const res = await fetch(`api/layers/${encodeURIComponent(layer.id)}/geojson`, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`layer ${layer.id}: HTTP ${res.status}`);
        const data = await res.json();
        const renderer = L.canvas({ padding: 0.3 });
        const style = layer.style;
        const colourOf = props => {
            if (style.property && props) {
                const c = style.classes.find(k => k.value === String(props[style.property] ?? ''));
                if (c) return safeColour(c.colour);
            }
            return safeColour(style.colour);
        };
        const geo = L.geoJSON(data, {
            renderer,
            style: f => ({
                color: style.outlineOnly ? safeColour(style.colour) : colourOf(f.properties),
                weight: style.outlineOnly ? 1.5 : 1,
                fillColor: colourOf(f.properties),
                fillOpacity: style.outlineOnly ? 0 : 0.55,
                opacity: 0.9,
            }),
            pointToLayer: (f, latlng) => L.circleMarker(latlng, { renderer, radius: 5, weight: 1, color: '#ffffff', fillColor: colourOf(f.properties), fillOpacity: 0.9 }),
            onEachFeature: (f, l) => l.bindPopup(() => featurePopup(layer.title, f.properties)),
        });
        entry = { geo, opacity: 1, outlineOnly: !!style.outlineOnly, featureCount: data.features?.length ?? 0 };
        st.overlays.set(layer.id, entry);
    }
    entry.geo.addTo(st.map);
    setOverlayOpacity(entry, layer.opacity ?? entry.opacity);
    el.dataset.visibleLayers = String([...st.overlays.values()].filter(e => st.map.hasLayer(e.geo)).length);
    return entry.featureCount;
}

export function hideLayer(el, id) {
    const st = layersOf(el);
    const entry = st?.overlays.get(id);
    if (entry) st.map.removeLayer(entry.geo);
    if (st) el.dataset.visibleLayers = String([...st.overlays.values()].filter(e => st.map.hasLayer(e.geo)).length);
}

export function setLayerOpacity(el, id, opacity) {
    const entry = layersOf(el)?.overlays.get(id);
    if (entry) setOverlayOpacity(entry, opacity);
}

function setOverlayOpacity(entry, opacity) {
    entry.opacity = opacity;
    entry.geo.setStyle({ opacity: 0.9 * opacity, fillOpacity: entry.outlineOnly ? 0 : 0.55 * opacity });
}

export function fitLayer(el, bounds) {
    el._state?.map.fitBounds([[bounds.minLat, bounds.minLon], [bounds.maxLat, bounds.maxLon]], { maxZoom: 15 });
}

function featurePopup(title, props) {
    const box = document.createElement('div');
    box.className = 'feature-popup';
    const h = document.createElement('strong');
    h.textContent = title;
    box.append(h);
    const table = document.createElement('table');
    for (const [k, v] of Object.entries(props ?? {}).slice(0, 30)) {
        if (v === null || v === '') continue;
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.textContent = k;
        const td = document.createElement('td');
        td.textContent = String(v).slice(0, 300);
        tr.append(th, td);
        table.append(tr);
    }
    box.append(table);
    return box;
}

// ---------------------------------------------------------------- place search

export function flyTo(el, lat, lon, zoom) {
    el._state?.map.flyTo([lat, lon], zoom, { duration: 0.6 });
}

// ---------------------------------------------------------------- heatmap of posts

let heatReady;
function ensureHeat() {
    heatReady ??= new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = 'lib/leaflet.heat/leaflet-heat.js';
        s.onload = resolve;
        s.onerror = () => reject(new Error('failed to load leaflet-heat'));
        document.head.appendChild(s);
    });
    return heatReady;
}

export async function setHeatmap(el, on) {
    const st = layersOf(el);
    if (!st) return;
    if (!on) {
        if (st.heat) st.map.removeLayer(st.heat);
        st.heat = null;
        el.dataset.heatmap = 'off';
        return;
    }
    await ensureHeat();
    const points = [];
    for (const m of st.markers.values()) if (!st.hiddenByPlayback?.has(m)) { const p = m.getLatLng(); points.push([p.lat, p.lng, 0.6]); }
    if (st.heat) st.heat.setLatLngs(points);
    else st.heat = window.L.heatLayer(points, { radius: 22, blur: 18, maxZoom: 14 }).addTo(st.map);
    el.dataset.heatmap = 'on';
}

// ---------------------------------------------------------------- time playback

// Shows only the posts created up to the playback time (cumulative), stepping through the
// window in JS so a running playback costs no server round trips.
export function initPlayback(el, controls) {
    const st = layersOf(el);
    if (!st) return;
    const slider = controls.querySelector('[data-role=slider]');
    const play = controls.querySelector('[data-role=play]');
    const live = controls.querySelector('[data-role=live]');
    const speed = controls.querySelector('[data-role=speed]');
    const label = controls.querySelector('[data-role=time]');
    const pb = st.playback = { timer: null, t: null, min: 0, max: 0 };
    st.hiddenByPlayback = new Set();

    const range = () => {
        let min = Infinity, max = -Infinity;
        for (const m of st.markers.values()) { if (m._createdMs < min) min = m._createdMs; if (m._createdMs > max) max = m._createdMs; }
        pb.min = isFinite(min) ? min : Date.now();
        pb.max = isFinite(max) ? max : Date.now();
    };
    const show = t => {
        pb.t = t;
        const add = [], remove = [];
        for (const m of st.markers.values()) {
            const hidden = st.hiddenByPlayback.has(m);
            if (m._createdMs > t && !hidden) { st.hiddenByPlayback.add(m); remove.push(m); }
            else if (m._createdMs <= t && hidden) { st.hiddenByPlayback.delete(m); add.push(m); }
        }
        if (remove.length) st.cluster.removeLayers(remove);
        if (add.length) st.cluster.addLayers(add);
        slider.value = String(Math.round(1000 * (t - pb.min) / Math.max(1, pb.max - pb.min)));
        label.textContent = new Date(t).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) + ' JST';
        el.dataset.playbackVisible = String(st.markers.size - st.hiddenByPlayback.size);
        if (st.heat) setHeatmap(el, true);
    };
    const stop = () => { clearInterval(pb.timer); pb.timer = null; play.dataset.state = 'paused'; play.textContent = play.dataset.playText; };
    const goLive = () => {
        stop();
        range();
        show(Infinity);
        pb.t = null;
        label.textContent = live.textContent;
        el.dataset.playback = 'live';
    };
    slider.addEventListener('input', () => {
        stop();
        range();
        el.dataset.playback = 'paused';
        show(pb.min + (pb.max - pb.min) * Number(slider.value) / 1000);
    });
    play.addEventListener('click', () => {
        if (pb.timer) { stop(); el.dataset.playback = 'paused'; return; }
        range();
        if (pb.t === null || pb.t >= pb.max) show(pb.min);
        play.dataset.state = 'playing';
        play.textContent = play.dataset.pauseText;
        el.dataset.playback = 'playing';
        pb.timer = setInterval(() => {
            // One full pass over the window takes 30 s at 1x.
            const step = (pb.max - pb.min) / 150 * Number(speed.value || 1);
            const next = Math.min(pb.max, pb.t + Math.max(step, 1000));
            show(next);
            if (next >= pb.max) { stop(); el.dataset.playback = 'paused'; }
        }, 200);
    });
    live.addEventListener('click', goLive);
    el.dataset.playback = 'live';
}

// Newly arrived live posts stay hidden while playback shows an earlier time.
export function applyPlaybackToNew(el) {
    const st = el._state;
    if (!st?.playback || st.playback.t === null) return;
    const remove = [];
    for (const m of st.markers.values())
        if (m._createdMs > st.playback.t && !st.hiddenByPlayback.has(m)) { st.hiddenByPlayback.add(m); remove.push(m); }
    if (remove.length) st.cluster.removeLayers(remove);
}

export function dispose(el) {
    const st = el._state;
    if (!st) return;
    clearInterval(st.playback?.timer);
    clearTimeout(st.base?.timer);
}

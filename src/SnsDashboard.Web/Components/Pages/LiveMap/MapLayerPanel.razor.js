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
        // Drawn on a canvas like the imported layers: as SVG every outline vertex and every label
        // was a DOM node re-projected on each zoom step (≈70 ms of a step, docs/benchmarks.md "Map").
        b.fallback = featureCanvas(L, data.features ?? [], {
            pane: 'fallbackPane', opacity: 1, fillOpacity: 1,
            colourOf: () => '#f5f3ea', strokeColour: '#7b8794', pointColour: '#546e7a',
            pointRadius: p => p?.kind === 'prefecture' ? 4 : 2,
            // Names from imported boundary files are hostile: drawn with fillText, never as markup.
            labelOf: (p, zoom) => p?.kind === 'prefecture' || zoom >= 9 ? String(p?.name ?? '') : null,
            onDrawn: (features, outlines) => { el.dataset.fallbackDrawn = String(features); el.dataset.fallbackOutlines = String(outlines); },
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
        const style = layer.style;
        const colourOf = props => {
            if (style.property && props) {
                const c = style.classes.find(k => k.value === String(props[style.property] ?? ''));
                if (c) return safeColour(c.colour);
            }
            return safeColour(style.colour);
        };
        const geo = featureCanvas(L, data.features ?? [], {
            colourOf, outlineOnly: !!style.outlineOnly, strokeColour: style.outlineOnly ? safeColour(style.colour) : null,
            popup: props => featurePopup(layer.title, props),
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

// ---------------------------------------------------------------- overlay layers on one canvas

// A static (imported) layer drawn on one canvas. Leaflet's own vector layers re-project, clip and
// draw every feature one by one on every zoom and pan — with a 10,000-polygon hazard layer that was
// about half of a zoom step (docs/benchmarks.md "Live map in the browser"). Here coordinates are
// turned into Web Mercator once at load; a redraw only scales them, skips features outside the
// view, drops points less than a pixel apart (simplification per zoom) and fills and strokes all
// features of one colour as one path.
// Feature attributes are hostile: the popup is built by the caller from DOM nodes with textContent.

const TileSize = 256;
const Padding = 0.2; // drawn beyond each edge of the view, so a drag shows features before moveend
const SmallFeaturePx = 4; // features less than this across (both ways) are filled, not outlined

// Web Mercator in [0, 1]² (x east, y south), the projection Leaflet's default CRS uses.
function mercator(lon, lat) {
    const s = Math.sin(Math.max(-85.0511287798, Math.min(85.0511287798, lat)) * Math.PI / 180);
    return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

// One drawable part: kind 'area' (rings), 'line' (paths) or 'point'; coordinates flattened.
function partsOf(geometry, out) {
    if (!geometry) return out;
    const rings = (kind, lists) => {
        const paths = lists.map((ring, k) => {
            const a = new Float64Array(ring.length * 2);
            ring.forEach(([lon, lat], i) => { const [x, y] = mercator(lon, lat); a[2 * i] = x; a[2 * i + 1] = y; });
            // Outer ring one way round, holes the other: filled "nonzero", holes stay open and
            // overlapping features of one colour (one path) do not cut each other out.
            return kind === 'area' && (k === 0) !== (signedArea(a) > 0) ? reversed(a) : a;
        });
        out.push({ kind, paths });
    };
    switch (geometry.type) {
        case 'Polygon': rings('area', geometry.coordinates); break;
        case 'MultiPolygon': for (const p of geometry.coordinates) rings('area', p); break;
        case 'LineString': rings('line', [geometry.coordinates]); break;
        case 'MultiLineString': rings('line', geometry.coordinates); break;
        case 'Point': rings('point', [[geometry.coordinates]]); break;
        case 'MultiPoint': rings('point', geometry.coordinates.map(c => [c])); break;
        case 'GeometryCollection': for (const g of geometry.geometries ?? []) partsOf(g, out); break;
    }
    return out;
}

function signedArea(a) {
    let sum = 0;
    for (let i = 0, j = a.length - 2; i < a.length; j = i, i += 2) sum += (a[j] - a[i]) * (a[j + 1] + a[i + 1]);
    return sum;
}

function reversed(a) {
    const r = new Float64Array(a.length);
    for (let i = 0; i < a.length; i += 2) { r[a.length - 2 - i] = a[i]; r[a.length - 1 - i] = a[i + 1]; }
    return r;
}

function boxOf(parts) {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const part of parts) for (const a of part.paths) for (let i = 0; i < a.length; i += 2) {
        if (a[i] < b[0]) b[0] = a[i];
        if (a[i + 1] < b[1]) b[1] = a[i + 1];
        if (a[i] > b[2]) b[2] = a[i];
        if (a[i + 1] > b[3]) b[3] = a[i + 1];
    }
    return b;
}

// Point in a polygon with holes (even-odd over all rings), in Mercator units.
function insideRings(paths, x, y) {
    let inside = false;
    for (const a of paths) {
        for (let i = 0, j = a.length - 2; i < a.length; j = i, i += 2) {
            const xi = a[i], yi = a[i + 1], xj = a[j], yj = a[j + 1];
            if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
    }
    return inside;
}

function nearPath(a, x, y, tolerance) {
    for (let i = 2; i < a.length; i += 2) {
        const x1 = a[i - 2], y1 = a[i - 1], dx = a[i] - x1, dy = a[i + 1] - y1;
        const t = dx || dy ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy))) : 0;
        if (Math.hypot(x1 + t * dx - x, y1 + t * dy - y) <= tolerance) return true;
    }
    return a.length === 2 && Math.hypot(a[0] - x, a[1] - y) <= tolerance;
}

/**
 * A layer of GeoJSON features drawn on one canvas. look: { colourOf(properties) → '#rrggbb',
 * outlineOnly, strokeColour (all outlines in one colour; default: the feature's colour),
 * pointColour, pointRadius(properties), labelOf(properties, zoom) → text or null (points only),
 * popup(properties) → DOM node (omitted: not clickable), onDrawn(features, of them with areas or
 * lines) after each redraw, pane, opacity, fillOpacity }. Returns an L.Layer with
 * setStyle({ opacity, fillOpacity }).
 */
function featureCanvas(L, features, look) {
    const items = features.map(f => {
        const parts = partsOf(f.geometry, []);
        return { parts, box: boxOf(parts), colour: look.colourOf(f.properties), properties: f.properties, outline: parts.some(p => p.kind !== 'point') };
    }).filter(it => it.parts.length > 0);
    // Features grouped by colour, in file order, so one colour is one path to fill and stroke.
    const groups = new Map();
    for (const it of items) {
        if (!groups.has(it.colour)) groups.set(it.colour, []);
        groups.get(it.colour).push(it);
    }
    const extent = [Infinity, Infinity, -Infinity, -Infinity];
    for (const it of items) {
        extent[0] = Math.min(extent[0], it.box[0]); extent[1] = Math.min(extent[1], it.box[1]);
        extent[2] = Math.max(extent[2], it.box[2]); extent[3] = Math.max(extent[3], it.box[3]);
    }
    const radiusOf = props => look.pointRadius?.(props) ?? 5;
    // Pixels drawn beyond a feature's box: the stroke, a point's dot, a label to its right.
    const margin = look.labelOf ? 160 : 8;

    const Layer = L.Layer.extend({
        options: { pane: look.pane ?? 'overlayPane', opacity: look.opacity ?? 0.9, fillOpacity: look.fillOpacity ?? 0.55 },

        onAdd(map) {
            this._canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide feature-canvas');
            this._canvas.style.position = 'absolute';
            map.getPane(this.options.pane).appendChild(this._canvas);
            // moveend only: a zoom without animation (setView, zoom buttons, keyboard) fires moveend
            // and then viewreset — listening to both drew every zoom step twice.
            map.on('moveend resize', this._redraw, this);
            if (look.popup) map.on('click', this._onClick, this);
            this._redraw();
        },

        onRemove(map) {
            map.off('moveend resize', this._redraw, this);
            map.off('click', this._onClick, this);
            L.DomUtil.remove(this._canvas);
            this._canvas = null;
        },

        setStyle(s) {
            L.setOptions(this, s);
            this._redraw();
            return this;
        },

        _redraw() {
            const map = this._map, canvas = this._canvas;
            if (!map || !canvas) return;
            // Mercator (0..1) → layer pixels at this zoom.
            const scale = TileSize * Math.pow(2, map.getZoom());
            const pixelOrigin = map.getPixelOrigin();
            // The canvas covers the view padded by Padding on each side (a drag shows features before
            // moveend), cut to the features' extent: zoomed out over a whole layer there is no padding
            // to allocate, clear and composite.
            const size = map.getSize(), pad = size.multiplyBy(Padding).round();
            const viewTopLeft = map.containerPointToLayerPoint([-pad.x, -pad.y]);
            const left = Math.floor(Math.max(viewTopLeft.x, extent[0] * scale - pixelOrigin.x - margin));
            const top = Math.floor(Math.max(viewTopLeft.y, extent[1] * scale - pixelOrigin.y - margin));
            const right = Math.ceil(Math.min(viewTopLeft.x + size.x + 2 * pad.x, extent[2] * scale - pixelOrigin.x + margin));
            const bottom = Math.ceil(Math.min(viewTopLeft.y + size.y + 2 * pad.y, extent[3] * scale - pixelOrigin.y + margin));
            const width = right > left ? right - left : 0, height = bottom > top ? bottom - top : 0, dpr = window.devicePixelRatio || 1;
            if (width && height) L.DomUtil.setPosition(canvas, L.point(left, top));
            const w = Math.round(width * dpr), h = Math.round(height * dpr);
            if (canvas.width !== w || canvas.height !== h) {
                canvas.width = w; // resizing allocates a new, cleared backing store
                canvas.height = h;
                canvas.style.width = width + 'px';
                canvas.style.height = height + 'px';
            }
            const ctx = canvas.getContext('2d');
            ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
            ctx.clearRect(0, 0, width, height);
            if (width === 0 || height === 0) { look.onDrawn?.(0, 0); return; }

            const origin = pixelOrigin.add([left, top]);
            const view = [(origin.x - margin) / scale, (origin.y - margin) / scale, (origin.x + width + margin) / scale, (origin.y + height + margin) / scale];
            const { opacity, fillOpacity } = this.options;
            const onePixel = 1 / scale, fewPixels = SmallFeaturePx / scale;
            const zoom = map.getZoom(), labels = [];
            let drawn = 0, outlines = 0;

            for (const [colour, group] of groups) {
                // areas: filled and stroked; small: areas a few pixels across, filled only (an outline
                // of 1 px around 3 px adds nothing to see and was most of the stroking at low zoom).
                const areas = new Path2D(), small = new Path2D(), lines = new Path2D(), points = new Path2D();
                let hasAreas = false, hasSmall = false, hasLines = false, hasPoints = false;
                for (const it of group) {
                    const b = it.box;
                    if (b[2] < view[0] || b[0] > view[2] || b[3] < view[1] || b[1] > view[3]) continue;
                    drawn++;
                    if (it.outline) outlines++;
                    const isSmall = !look.outlineOnly && b[2] - b[0] < fewPixels && b[3] - b[1] < fewPixels;
                    for (const part of it.parts) {
                        if (part.kind === 'point') {
                            for (const a of part.paths) {
                                const x = a[0] * scale - origin.x, y = a[1] * scale - origin.y, r = radiusOf(it.properties);
                                points.moveTo(x + r, y);
                                points.arc(x, y, r, 0, 2 * Math.PI);
                                const label = look.labelOf?.(it.properties, zoom);
                                if (label) labels.push([label, x + r + 3, y]);
                            }
                            hasPoints = true;
                            continue;
                        }
                        if (part.kind === 'area' && b[2] - b[0] < 2 * onePixel && b[3] - b[1] < 2 * onePixel) {
                            // Smaller than two pixels: a pixel-sized dot keeps it visible at low zoom.
                            small.rect(b[0] * scale - origin.x, b[1] * scale - origin.y, 1.5, 1.5);
                            hasSmall = true;
                            break;
                        }
                        const path = part.kind === 'line' ? lines : isSmall ? small : areas;
                        for (const a of part.paths) {
                            let px = a[0], py = a[1];
                            path.moveTo(px * scale - origin.x, py * scale - origin.y);
                            for (let i = 2; i < a.length; i += 2) {
                                // Simplification per zoom: skip vertices closer than a pixel to the last drawn one.
                                if (i < a.length - 2 && Math.abs(a[i] - px) < onePixel && Math.abs(a[i + 1] - py) < onePixel) continue;
                                px = a[i]; py = a[i + 1];
                                path.lineTo(px * scale - origin.x, py * scale - origin.y);
                            }
                            // No closePath: rings are closed (the importers refuse open ones) and the
                            // last vertex is always drawn; closePath was the largest single item in a
                            // profiled zoom step (docs/benchmarks.md "Map").
                        }
                        if (part.kind === 'line') hasLines = true; else if (isSmall) hasSmall = true; else hasAreas = true;
                    }
                }
                const stroke = look.strokeColour ?? colour;
                if (hasAreas) {
                    if (!look.outlineOnly) {
                        ctx.globalAlpha = fillOpacity;
                        ctx.fillStyle = colour;
                        ctx.fill(areas, 'nonzero');
                    }
                    ctx.globalAlpha = opacity;
                    ctx.strokeStyle = stroke;
                    ctx.lineWidth = look.outlineOnly ? 1.5 : 1;
                    ctx.stroke(areas);
                }
                if (hasSmall) {
                    // At the outline's opacity: they stay as visible as when they were outlined.
                    ctx.globalAlpha = Math.max(opacity, fillOpacity);
                    ctx.fillStyle = look.outlineOnly ? stroke : colour;
                    ctx.fill(small, 'nonzero');
                }
                if (hasLines) {
                    ctx.globalAlpha = opacity;
                    ctx.strokeStyle = stroke;
                    ctx.lineWidth = 2;
                    ctx.stroke(lines);
                }
                if (hasPoints) {
                    ctx.globalAlpha = look.outlineOnly ? opacity : fillOpacity;
                    ctx.fillStyle = look.pointColour ?? colour;
                    ctx.fill(points);
                    ctx.strokeStyle = '#ffffff';
                    ctx.lineWidth = 1;
                    ctx.stroke(points);
                }
            }
            if (labels.length) {
                ctx.globalAlpha = 1;
                ctx.font = '12px sans-serif';
                ctx.textBaseline = 'middle';
                ctx.lineJoin = 'round';
                ctx.lineWidth = 3;
                ctx.strokeStyle = '#ffffff';
                ctx.fillStyle = '#37474f';
                for (const [text, x, y] of labels) { ctx.strokeText(text, x, y); ctx.fillText(text, x, y); }
            }
            ctx.globalAlpha = 1;
            look.onDrawn?.(drawn, outlines);
        },

        // The top-most feature under the click (last drawn wins), its popup at the click.
        _onClick(e) {
            const map = this._map;
            if (!map || map.getContainer().dataset.picking) return;
            const [x, y] = mercator(e.latlng.lng, e.latlng.lat);
            const tolerance = 6 / (TileSize * Math.pow(2, map.getZoom()));
            for (let k = items.length - 1; k >= 0; k--) {
                const it = items[k], b = it.box;
                if (x < b[0] - tolerance || x > b[2] + tolerance || y < b[1] - tolerance || y > b[3] + tolerance) continue;
                const hit = it.parts.some(p => p.kind === 'area'
                    ? insideRings(p.paths, x, y) || p.paths.some(a => nearPath(a, x, y, tolerance / 3))
                    : p.paths.some(a => nearPath(a, x, y, tolerance)));
                if (hit) {
                    L.popup().setLatLng(e.latlng).setContent(look.popup(it.properties)).openOn(map);
                    return;
                }
            }
        },
    });
    return new Layer();
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
    // Called by the live map (LiveMap.razor.js applyLiveUpdate) after it drew new live posts.
    st.afterLiveAdd = () => applyPlaybackToNew(el);

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
function applyPlaybackToNew(el) {
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

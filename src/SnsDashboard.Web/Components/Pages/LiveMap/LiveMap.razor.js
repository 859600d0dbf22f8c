// Leaflet map for the live map page. Leaflet and its plugins are UMD scripts (window.L),
// loaded once from wwwroot/lib (their stylesheets are linked in App.razor). Post text is hostile
// input: popups are built from DOM nodes with textContent, never from HTML strings.

let leafletReady;

function loadScript(src) {
    return new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = resolve;
        s.onerror = () => reject(new Error('failed to load ' + src));
        document.head.appendChild(s);
    });
}

function ensureLeaflet() {
    leafletReady ??= (async () => {
        await loadScript('lib/leaflet/leaflet.js');
        await loadScript('lib/leaflet.markercluster/leaflet.markercluster.js');
    })();
    return leafletReady;
}

const colourPattern = /^#[0-9a-fA-F]{6}$/;
const ClusterPadding = 0.3;

export async function createMap(el, dotnet, options) {
    await ensureLeaflet();
    const L = window.L;
    // maxZoom here: the base tiles are added later (MapLayerPanel) and markercluster needs it.
    const map = L.map(el, { preferCanvas: false, maxZoom: 19 }).setView([options.lat, options.lon], options.zoom);
    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 18 }).addTo(map);
    }
    // Live batches are small (a few hundred markers every 250 ms); adding them synchronously keeps
    // the latency measurement honest and the map consistent with the count.
    // No cluster animation: the animated re-cluster adds the children at the old positions, forces
    // a layout, moves them and cleans up on timers, on every zoom step (docs/benchmarks.md "Live map
    // in the browser"). showMarker copes with the spider zoomToShowLayer then opens inside zoomend.
    const cluster = L.markerClusterGroup({ chunkedLoading: false, maxClusterRadius: 50, animate: false, iconCreateFunction: clusterIcon });
    // markercluster keeps clusters and markers in the DOM for the view padded by a whole view on
    // every side (9× its area: ≈1,400 icons at zoom 12 with 100,000 posts), and rebuilds them on
    // every zoom. A third of the view on each side still covers a drag until moveend adds the rest.
    // (Overrides markercluster 1.5.3's private bounds method, same contract: the pinned version.)
    cluster._getExpandedVisibleBounds = function () {
        return this._checkBoundsMaxLat(this._map.getBounds().pad(ClusterPadding));
    };
    map.addLayer(cluster);
    el._state = { map, cluster, markers: new Map(), areas: new Map(), dotnet, latencies: [] };
    // One click handler for all posts (markercluster passes the marker as e.layer) instead of a
    // handler and a popup object per marker: 100,000 of each made the heap and every GC larger.
    cluster.on('click', e => {
        const m = e.layer;
        if (!m?._post) return;
        if (!m.getPopup()) { bindPostPopup(el, m); m.openPopup(); }
        dotnet.invokeMethodAsync('OnMarkerSelected', m._post.id).catch(() => { });
    });
    updateCount(el);
}

// Cluster icons are built for every cluster shown, hundreds per zoom step: one element with the
// count as text (markercluster's default parses '<div><span>n</span></div>' as HTML each time, three
// nodes). Its look (a disc in a ring, by size class) is in wwwroot/app.css.
let ClusterIcon;
function clusterIcon(cluster) {
    ClusterIcon ??= window.L.DivIcon.extend({
        createIcon() {
            const div = document.createElement('div');
            div.textContent = String(this.options.count);
            this._setIconStyles(div, 'icon');
            return div;
        },
    });
    const n = cluster.getChildCount();
    const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
    return new ClusterIcon({ count: n, className: 'marker-cluster cluster-count marker-cluster-' + size, iconSize: [40, 40] });
}

// A marker's look: { colour, area (not an exact place), status (claim), selected, corrected }.
// Markers with the same look share one icon object; each shown marker still gets its own
// element, built when markercluster puts it on the map (not up front for all 100,000).
const icons = new Map();
const claimRings = { disputed: '#ef6c00', debunked: '#c62828', confirmed: '#2e7d32' };

function iconFor(look) {
    const colour = colourPattern.test(look.colour) ? look.colour : '#9e9e9e';
    const key = [colour, look.area ? 1 : 0, look.status ?? '', look.selected ? 1 : 0, look.corrected ? 1 : 0].join('|');
    let icon = icons.get(key);
    if (!icon) {
        icon = new (postIconClass())({
            look: { ...look, colour }, className: 'post-marker' + (look.selected ? ' post-marker-selected' : ''),
            iconSize: look.selected ? [18, 18] : [14, 14],
        });
        icons.set(key, icon);
    }
    return icon;
}

let PostIcon;
function postIconClass() {
    PostIcon ??= window.L.DivIcon.extend({
        createIcon(oldIcon) {
            const div = oldIcon && oldIcon.tagName === 'DIV' ? oldIcon : document.createElement('div');
            div.replaceChildren(postDot(this.options.look));
            this._setIconStyles(div, 'icon');
            return div;
        },
    });
    return PostIcon;
}

function postDot(look) {
    const dot = document.createElement('span');
    dot.className = 'post-dot';
    dot.style.background = look.colour;
    if (look.corrected) {
        dot.classList.add('post-dot-corrected');
    } else if (look.area) {
        // Not an exact place: a hollow, dashed dot (its area is drawn as a circle).
        dot.classList.add('post-dot-area');
        dot.style.border = '2px dashed #333';
        dot.style.opacity = '0.75';
    }
    if (look.status) {
        dot.dataset.claimStatus = look.status;
        if (claimRings[look.status]) dot.style.boxShadow = '0 0 0 3px ' + claimRings[look.status];
        if (look.status === 'debunked') dot.style.opacity = '0.55';
    }
    if (look.selected) {
        dot.classList.add('post-dot-selected');
        dot.style.boxShadow = '0 0 0 3px #fff, 0 0 0 6px #d32f2f';
    }
    return dot;
}

function restyle(m, change) {
    m.setIcon(iconFor({ ...m.options.icon.options.look, ...change }));
}

// Popups are bound on first use; their content is built from the marker's current post each time.
function bindPostPopup(el, m) {
    m.bindPopup(() => popupContent(el, m._post));
}

function popupContent(el, p) {
    const box = document.createElement('div');
    box.className = 'post-popup';
    const head = document.createElement('div');
    head.className = 'post-popup-head';
    const cat = document.createElement('strong');
    cat.textContent = p.category;
    const meta = document.createElement('span');
    meta.textContent = ' ' + p.time + ' · ' + p.grade;
    head.append(cat, meta);
    const text = document.createElement('p');
    text.className = 'post-popup-text';
    text.textContent = p.text;
    box.append(head, text);
    return box;
}

// Adds markers and resolves once they are on the map. `live` marks posts that just arrived
// (their ingest-to-visible latency is recorded), as opposed to a reload from the store.
export function addPosts(el, posts, live) {
    const st = el._state;
    if (!st) return 0;
    const started = performance.now();
    const L = window.L;
    const layers = [];
    for (const p of posts) {
        if (st.markers.has(p.id)) continue;
        const m = L.marker([p.lat, p.lon], { icon: iconFor({ colour: p.colour, area: p.precisionM > 0 }), title: p.category });
        if (p.precisionM > 0) m._areaKey = addArea(st, p);
        m._createdMs = p.createdMs;
        m._ingestedMs = p.ingestedMs;
        m._post = p;
        st.markers.set(p.id, m);
        layers.push(m);
    }
    const created = performance.now();
    st.cluster.addLayers(layers);
    if (live && st.profile?.updates?.length) Object.assign(st.profile.updates.at(-1), { create: created - started, cluster: performance.now() - created });
    // Browser time per live update, read by the latency benchmark with the latencies.
    if (live) (st.updateMs ??= []).push(performance.now() - started);
    return new Promise(resolve => setTimeout(() => {
        const now = Date.now();
        if (live) for (const m of layers) st.latencies.push(now - m._ingestedMs);
        // The latency benchmark's timeline (off unless it sets st.timeline): when each marker showed.
        if (live && st.timeline) for (const m of layers) st.timeline.push(m._ingestedMs, now);
        if (st.latencies.length > 100000) st.latencies.splice(0, st.latencies.length - 100000);
        updateCount(el);
        resolve(st.markers.size);
    }, 0));
}

// One live update in one call (LiveMap.razor MapUpdate): markers that left, new markers, claim
// restyles, in that order; then playback (MapLayerPanel) hides new posts later than its time.
// Resolves, like addPosts, once the new markers are on the map.
export function applyLiveUpdate(el, update) {
    const st = el._state;
    if (!st) return 0;
    // The latency benchmark's attribution (off unless it sets st.profile): each part's time.
    const lap = st.profile ? profiler(st.profile, update) : () => { };
    if (update.remove.length) removePosts(el, update.remove);
    lap('remove');
    // Not for an update that only restyles or removes: markercluster's addLayers walks the shown
    // clusters (bounds, icons, children) even for an empty list.
    const drawn = update.add.length ? addPosts(el, update.add, true) : st.markers.size;
    lap('add');
    if (update.claims.length) updateClaimStatuses(el, update.claims);
    lap('claims');
    if (update.add.length) st.afterLiveAdd?.();
    lap('playback');
    return drawn;
}

function profiler(profile, update) {
    const row = { at: Date.now(), add: update.add.length, remove: update.remove.length, claims: update.claims.length };
    (profile.updates ??= []).push(row);
    let t = performance.now();
    return part => { const n = performance.now(); row[part] = n - t; t = n; };
}

// Location precision: one shared, non-interactive circle per distinct (point, radius) — posts
// placed at the same municipality share it — removed with its last post.
function addArea(st, p) {
    const key = p.lat + ',' + p.lon + ',' + p.precisionM;
    let a = st.areas.get(key);
    if (!a) {
        // One shared canvas for all precision circles: thousands of dashed SVG circles made every zoom step slow.
        st.areaRenderer ??= window.L.canvas({ padding: 0.3 });
        const circle = window.L.circle([p.lat, p.lon], {
            radius: p.precisionM, color: '#37474f', weight: 1, dashArray: '4 4', fillOpacity: 0.04, interactive: false, renderer: st.areaRenderer,
        }).addTo(st.map);
        a = { circle, count: 0 };
        st.areas.set(key, a);
    }
    a.count++;
    st.map.getContainer().dataset.areaCount = String(st.areas.size);
    return key;
}

function removeArea(st, key) {
    const a = key && st.areas.get(key);
    if (!a || --a.count > 0) return;
    a.circle.remove();
    st.areas.delete(key);
    st.map.getContainer().dataset.areaCount = String(st.areas.size);
}

function removePosts(el, ids) {
    const st = el._state;
    if (!st) return;
    const layers = [];
    for (const id of ids) {
        const m = st.markers.get(id);
        if (m) { layers.push(m); st.markers.delete(id); removeArea(st, m._areaKey); }
    }
    st.cluster.removeLayers(layers);
    updateCount(el);
}

export function clearPosts(el) {
    const st = el._state;
    if (!st) return;
    st.cluster.clearLayers();
    st.markers.clear();
    for (const a of st.areas.values()) a.circle.remove();
    st.areas.clear();
    updateCount(el);
}

export function openPopup(el, id) {
    const st = el._state;
    const m = st?.markers.get(id);
    if (!m) return;
    showMarker(st, m, () => {
        if (!m.getPopup()) bindPostPopup(el, m);
        m.openPopup();
    });
}

// Zooms or spiderfies until the marker itself is on the map, then calls `then`. Without cluster
// animation zoomToShowLayer may spiderfy the marker's cluster inside the map's zoomend, and
// markercluster's own zoomend handler that runs next closes the spider again (the marker, and
// a selection mark on it, vanished): so look again once that dispatch is over.
function showMarker(st, m, then) {
    st.cluster.zoomToShowLayer(m, () => setTimeout(() => {
        if (st.map.hasLayer(m) || !m.__parent?._icon) { then(); return; }
        st.cluster.once('spiderfied', () => then());
        m.__parent.spiderfy();
    }, 0));
}

function updateCount(el) {
    el.dataset.markerCount = String(el._state ? el._state.markers.size : 0);
}

export function dispose(el) {
    const st = el._state;
    if (!st) return;
    st.map.remove();
    delete el._state;
}

// Issue 5: a claim's status changed after its posts were drawn (a denial arrived, an operator
// marked a rumour). Each update {id, grade, status} redraws that marker with the status's ring
// and refreshes the grade in its popup (also when the popup is open).
export function updateClaimStatuses(el, updates) {
    const st = el._state;
    if (!st) return 0;
    let n = 0;
    for (const u of updates) {
        const m = st.markers.get(u.id);
        if (!m || !m._post) continue;
        m._post = { ...m._post, grade: u.grade, claimStatus: u.status };
        restyle(m, { status: u.status });
        if (m.isPopupOpen()) m.getPopup().update();
        n++;
    }
    return n;
}

// ---- Location correction by clicking the map (analysts). ----
// startPointPick puts the map in a "click where it really is" mode: crosshair cursor, Escape
// cancels. The clicked point is shown as a temporary marker and sent to .NET, which asks the
// analyst to confirm before anything is stored.
export function startPointPick(el) {
    const st = el._state;
    if (!st) return;
    stopPointPick(el);
    const container = st.map.getContainer();
    container.classList.add('picking-point');
    container.dataset.picking = 'true';
    const onClick = e => {
        const lat = Math.round(e.latlng.lat * 1e6) / 1e6, lon = Math.round(e.latlng.lng * 1e6) / 1e6;
        showPickPreview(st, lat, lon);
        st.dotnet.invokeMethodAsync('OnMapPointPicked', lat, lon).catch(() => { });
    };
    const onKey = e => {
        if (e.key !== 'Escape') return;
        stopPointPick(el);
        st.dotnet.invokeMethodAsync('OnMapPointPickCancelled').catch(() => { });
    };
    st.map.on('click', onClick);
    document.addEventListener('keydown', onKey);
    st.pick = { onClick, onKey };
}

function showPickPreview(st, lat, lon) {
    const dot = document.createElement('span');
    dot.className = 'pick-preview';
    const icon = window.L.divIcon({ html: dot, className: 'pick-preview-marker', iconSize: [18, 18] });
    if (st.pickPreview) st.pickPreview.setLatLng([lat, lon]);
    else st.pickPreview = window.L.marker([lat, lon], { icon, interactive: false, zIndexOffset: 1000 }).addTo(st.map);
}

// Leaves the mode; the preview marker stays until the correction is confirmed or cancelled.
export function stopPointPick(el, keepPreview) {
    const st = el._state;
    if (!st) return;
    if (st.pick) {
        st.map.off('click', st.pick.onClick);
        document.removeEventListener('keydown', st.pick.onKey);
        st.pick = null;
    }
    const container = st.map.getContainer();
    container.classList.remove('picking-point');
    delete container.dataset.picking;
    if (!keepPreview && st.pickPreview) { st.pickPreview.remove(); st.pickPreview = null; }
}

// Moves a post's marker to its corrected point: a pin (the analyst gave a point), no area circle.
export function movePost(el, id, lat, lon) {
    const st = el._state;
    const m = st?.markers.get(id);
    stopPointPick(el);
    if (!m) return false;
    st.cluster.removeLayer(m);
    removeArea(st, m._areaKey);
    m._areaKey = null;
    restyle(m, { area: false, corrected: true });
    m.setLatLng([lat, lon]);
    st.cluster.addLayer(m);
    el.dataset.lastMovedPost = String(id);
    return true;
}
// Selection shared with the post list beside the map (issue 6). `pan` (selection made in the
// list) zooms/spiderfies the marker's cluster until the marker itself shows, then centres it;
// a marker clicked on the map is only marked. The mark is part of the marker's icon (setIcon),
// so it survives the cluster re-adding the marker on zoom.
export function selectPost(el, id, pan) {
    const st = el._state;
    if (!st) return false;
    const previous = st.selected && st.markers.get(st.selected);
    if (previous) { restyle(previous, { selected: false }); previous.setZIndexOffset(0); }
    st.selected = null;
    const m = st.markers.get(id);
    if (!m) { delete el.dataset.selectedPost; return false; }
    st.selected = id;
    el.dataset.selectedPost = String(id);
    restyle(m, { selected: true });
    m.setZIndexOffset(10000);
    if (pan) {
        el.dataset.selectionShown = 'pending';
        showMarker(st, m, () => {
            if (st.selected !== id) return;
            st.map.panTo(m.getLatLng());
            el.dataset.selectionShown = String(id);
        });
    }
    return true;
}

// Scrolls the list beside the map to a post's row (selection made on the map).
export function scrollListTo(listId, id) {
    const row = document.getElementById(listId)?.querySelector(`[data-post-id="${Number(id)}"]`);
    if (row) row.scrollIntoView({ block: 'nearest' });
}


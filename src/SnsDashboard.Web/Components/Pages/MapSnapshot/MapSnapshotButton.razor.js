// Collects the live map's current view (centre, zoom, base map, visible layers) from the state
// the map modules keep on the element, adds the window and filter from .NET, and asks the
// server for a snapshot. Returns { ok, png, pdf, takenAt } or { ok: false, error }.
export async function takeSnapshot(el, filter) {
    const st = el._state;
    if (!st) return { ok: false, error: 'map not ready' };
    const c = st.map.getCenter();
    const layers = [];
    for (const [id, entry] of st.overlays ?? []) if (st.map.hasLayer(entry.geo)) layers.push(id);
    const view = {
        lat: c.lat, lon: c.lng, zoom: Math.round(st.map.getZoom()),
        baseMap: st.base?.mode === 'vector' ? 'vector' : (st.base?.activeId ?? ''),
        layers, from: filter.from, to: filter.to, filter: filter.filter, includeProfileOnly: filter.includeProfileOnly,
    };
    try {
        const res = await fetch('api/map/snapshot', {
            method: 'POST', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(view),
        });
        const body = await res.json().catch(() => ({}));
        if (!res.ok) return { ok: false, error: body.detail ?? body.title ?? ('HTTP ' + res.status) };
        return { ok: true, png: body.png, pdf: body.pdf, takenAt: body.takenAt };
    } catch (e) {
        return { ok: false, error: String(e?.message ?? e) };
    }
}

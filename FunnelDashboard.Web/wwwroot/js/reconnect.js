// When Blazor gives up on its circuit (components-reconnect-failed: retries exhausted; -rejected: the server no longer
// knows the circuit, e.g. after a restart), poll the page's own address until the server serves it again, then reload.
// The page itself, not a health endpoint: a proxy's error page or an app that is up but not serving must not be reloaded
// into, since a reloaded error page has no script left to recover.
const overlay = document.getElementById('components-reconnect-modal');
const gone = () => overlay.classList.contains('components-reconnect-failed') || overlay.classList.contains('components-reconnect-rejected');
let polling = false;

async function reloadWhenServed() {
    polling = true;
    for (let delay = 1000; gone(); delay = Math.min(delay * 1.5, 10000)) {
        try {
            const response = await fetch(location.href, { cache: 'no-store' });
            if (response.ok) { location.reload(); return; }
        } catch {
            // Not reachable yet.
        }
        await new Promise(resolve => setTimeout(resolve, delay));
    }
    polling = false;
}

if (overlay) {
    new MutationObserver(() => { if (gone() && !polling) reloadWhenServed(); })
        .observe(overlay, { attributes: true, attributeFilter: ['class'] });
}

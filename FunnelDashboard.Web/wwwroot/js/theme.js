// The light/dark choice, remembered per browser. App.razor applies it before first paint.
const key = 'funnel-dashboard.theme';

export function get() {
    return document.documentElement.getAttribute('data-bs-theme') ?? 'light';
}

export function set(theme) {
    document.documentElement.setAttribute('data-bs-theme', theme);
    localStorage.setItem(key, theme);
}

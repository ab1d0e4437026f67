// The wall's theme applies to the whole document (charts follow the document's theme), without touching the
// visitor's remembered choice (theme.js): a kiosk's look comes from its URL.
export function useTheme(theme) {
    document.documentElement.setAttribute('data-bs-theme', theme);
}

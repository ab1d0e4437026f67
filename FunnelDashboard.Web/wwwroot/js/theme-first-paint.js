// Applies the remembered theme before first paint (loaded in the head, not deferred), so a dark choice never flashes light.
(function () {
    var theme = localStorage.getItem('funnel-dashboard.theme')
        || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    document.documentElement.setAttribute('data-bs-theme', theme);
})();

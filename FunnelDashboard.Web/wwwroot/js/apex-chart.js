// One ApexCharts instance per ApexChart component. The library (the largest script) loads on first use only.
let libraryLoading;

function loadLibrary() {
    if (window.ApexCharts) return Promise.resolve();
    libraryLoading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = 'lib/apexcharts/apexcharts.min.js';
        script.onload = resolve;
        script.onerror = () => { libraryLoading = undefined; reject(new Error('Could not load the chart library.')); };
        document.head.append(script);
    });
    return libraryLoading;
}

// Options come from .NET as JSON, which holds no functions: a formatter is named instead, and resolved here.
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const formatters = {
    count: (value) => value == null ? '' : numberFormat.format(value),
    percent: (value) => value == null ? '' : `${value.toFixed(1)}%`,
    'category-count': (value, context) => `${context.w.globals.labels[context.dataPointIndex]}: ${numberFormat.format(value)}`,
};

function resolveFormatters(value) {
    if (Array.isArray(value)) return value.map(resolveFormatters);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) =>
        [key, key === 'formatter' && typeof inner === 'string' ? formatters[inner] : resolveFormatters(inner)]));
}

const currentTheme = () => document.documentElement.getAttribute('data-bs-theme') === 'dark' ? 'dark' : 'light';

function withDefaults(options, height) {
    const chart = options.chart ?? {};
    return {
        ...resolveFormatters(options),
        chart: {
            ...chart,
            height,
            background: 'transparent',
            fontFamily: 'inherit',
            redrawOnParentResize: true,
            animations: { enabled: !matchMedia('(prefers-reduced-motion: reduce)').matches, ...chart.animations },
            toolbar: { show: true, tools: { download: true, selection: false, zoom: false, zoomin: false, zoomout: false, pan: false, reset: false }, ...chart.toolbar },
        },
        theme: { mode: currentTheme() },
    };
}

export async function create(element, options, series, height) {
    await loadLibrary();
    const chart = new window.ApexCharts(element, { ...withDefaults(options, height), series });
    await chart.render();

    // Follow the light/dark switch without re-creating the chart.
    const themeObserver = new MutationObserver(() => chart.updateOptions({ theme: { mode: currentTheme() } }, false, false));
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-bs-theme'] });

    return {
        updateSeries: (newSeries) => chart.updateSeries(newSeries, true),
        updateOptions: (newOptions, newSeries, newHeight) => chart.updateOptions({ ...withDefaults(newOptions, newHeight), series: newSeries }, true, true),
        dispose: () => { themeObserver.disconnect(); chart.destroy(); },
    };
}

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
    // Conversion rates: under 1 % with two decimals, so 0.25% and 0.30% differ (as the pages write them).
    rate: (value) => value == null ? '' : `${value.toFixed(value < 1 ? 2 : 1)}%`,
    // Data labels over bars: short, yet a bar under 1 % still reads (0.2%).
    'percent-label': (value) => value == null ? '' : `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}%`,
    // A bar's own label with its count, for labels drawn inside the bars (the wall's funnel).
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
            // The component has its own keyboard-operable download buttons (ApexCharts' menu is mouse-only).
            toolbar: { show: false },
        },
        theme: { mode: currentTheme() },
    };
}

// An export is a document for a report: drawn light on white, at twice the size, titled with the chart and the view.
// A hidden copy of the chart is drawn for it, so the chart on the page never changes.
async function exportImage(options, series, height, format, title, subtitle, fileName) {
    const host = Object.assign(document.createElement('div'), { ariaHidden: 'true' });
    host.style.cssText = 'position:fixed;left:-10000px;top:0;width:960px;';
    document.body.append(host);
    const defaults = withDefaults(options, height + 70); // room for the title
    const copy = new window.ApexCharts(host, {
        ...defaults,
        series,
        chart: { ...defaults.chart, width: 960, background: '#ffffff', animations: { enabled: false } },
        theme: { mode: 'light' },
        title: { text: title, style: { fontSize: '18px', fontWeight: 600, color: '#212529' } },
        subtitle: { text: subtitle, style: { fontSize: '13px', color: '#495057' } },
    });
    try {
        await copy.render();
        const url = format === 'png'
            ? (await copy.dataURI({ scale: 2 })).imgURI
            : URL.createObjectURL(new Blob([await copy.getSvgString()], { type: 'image/svg+xml;charset=utf-8' }));
        const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
        document.body.append(link);
        link.click();
        link.remove();
        if (format !== 'png') URL.revokeObjectURL(url);
    } finally {
        copy.destroy();
        host.remove();
    }
}

// A chart draws when it comes near the screen: charts not yet scrolled to cost nothing, and the library loads only
// when the first one is seen (a phone's first screen is often numbers only). Until then updates only change what it
// will draw; an export needs no drawn chart (it draws its own copy).
export function create(element, options, series, height) {
    let current = { options, series, height };
    let chart, drawing, themeObserver, disposed = false;

    async function draw() {
        await loadLibrary();
        if (disposed) return;
        const drawn = current;
        const instance = new window.ApexCharts(element, { ...withDefaults(drawn.options, drawn.height), series: drawn.series });
        await instance.render();
        if (disposed) { instance.destroy(); return; }
        chart = instance;
        // Follow the light/dark switch without re-creating the chart.
        themeObserver = new MutationObserver(() => chart.updateOptions({ theme: { mode: currentTheme() } }, false, false));
        themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-bs-theme'] });
        if (current !== drawn) await chart.updateOptions({ ...withDefaults(current.options, current.height), series: current.series }, true, true);
    }

    const visibility = new IntersectionObserver(entries => {
        if (!entries.some(entry => entry.isIntersecting) || drawing) return;
        visibility.disconnect();
        drawing = draw();
    }, { rootMargin: '200px' });
    visibility.observe(element);

    return {
        updateSeries: (newSeries) => {
            current = { ...current, series: newSeries };
            return chart?.updateSeries(newSeries, true);
        },
        updateOptions: (newOptions, newSeries, newHeight) => {
            current = { options: newOptions, series: newSeries, height: newHeight };
            return chart?.updateOptions({ ...withDefaults(newOptions, newHeight), series: newSeries }, true, true);
        },
        exportImage: async (format, title, subtitle, fileName) => {
            await loadLibrary();
            return exportImage(current.options, current.series, current.height, format, title, subtitle, fileName);
        },
        dispose: () => {
            disposed = true;
            visibility.disconnect();
            themeObserver?.disconnect();
            chart?.destroy();
        },
    };
}

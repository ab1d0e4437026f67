// Saves an SVG drawn by the server (a FlowDiagram) as a document for a report, like the charts' exports: light, on
// white, 960 px wide (PNG at twice the size), titled with the chart and the view.
const ns = 'http://www.w3.org/2000/svg';

function documentOf(svg, title, subtitle) {
    const box = svg.viewBox.baseVal;
    const width = 960, header = 64, height = header + Math.round(width * box.height / box.width);
    const page = document.createElementNS(ns, 'svg');
    for (const [name, value] of Object.entries({ xmlns: ns, width, height, viewBox: `0 0 ${width} ${height}` })) page.setAttribute(name, value);
    page.setAttribute('font-family', svg.getAttribute('font-family'));
    const background = document.createElementNS(ns, 'rect');
    for (const [name, value] of Object.entries({ width, height, fill: '#ffffff' })) background.setAttribute(name, value);
    page.append(background);
    for (const [text, y, size, weight, color] of [[title, 26, 18, 600, '#212529'], [subtitle, 50, 13, 400, '#495057']]) {
        const line = document.createElementNS(ns, 'text');
        for (const [name, value] of Object.entries({ x: 12, y, 'font-size': size, 'font-weight': weight, fill: color })) line.setAttribute(name, value);
        line.textContent = text;
        page.append(line);
    }
    const drawing = svg.cloneNode(true);
    for (const name of ['role', 'aria-label', 'aria-describedby', 'class']) drawing.removeAttribute(name);
    for (const [name, value] of Object.entries({ x: 0, y: header, width, height: height - header, color: '#212529' })) drawing.setAttribute(name, value);
    page.append(drawing);
    return { page, width, height };
}

function save(url, fileName) {
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
}

export async function exportSvg(svg, format, title, subtitle, fileName) {
    const { page, width, height } = documentOf(svg, title, subtitle);
    const svgUrl = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(page)], { type: 'image/svg+xml;charset=utf-8' }));
    try {
        if (format === 'svg') { save(svgUrl, fileName); return; }
        const image = new Image();
        await new Promise((resolve, reject) => {
            image.onload = resolve;
            image.onerror = () => reject(new Error('The drawing could not be rendered.'));
            image.src = svgUrl;
        });
        const canvas = Object.assign(document.createElement('canvas'), { width: width * 2, height: height * 2 });
        const context = canvas.getContext('2d');
        context.scale(2, 2);
        context.drawImage(image, 0, 0, width, height);
        const png = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
        const pngUrl = URL.createObjectURL(png);
        save(pngUrl, fileName);
        URL.revokeObjectURL(pngUrl);
    } finally {
        URL.revokeObjectURL(svgUrl);
    }
}

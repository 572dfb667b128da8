// The capaian of every IKK as horizontal bars (SVG written here; no chart library), with the 100 %
// line. A bar longer than the scale is cut at it and says so by its label.
import {decimalId, esc} from './format.js';

const SCALE = 200;  // percent at the right edge

function barClass(capaian) {
  if (capaian === null) return 'na';
  if (capaian >= 100) return 'baik';
  if (capaian >= 90) return 'cukup';
  return 'kurang';
}

// indicators: [{code, capaian_available, capaian: {value}}]
export function capaianChart(indicators) {
  // In the SVG's own units; the figure is about 520 px wide beside the table on a 1366 px screen.
  const row = 20, left = 56, width = 380, right = 84;
  const height = indicators.length * row + 30;
  const x = (p) => left + (Math.min(Math.max(p, 0), SCALE) / SCALE) * width;
  const parts = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${left + width + right} ${height}" role="img"
    aria-label="Grafik capaian per IKK">`);
  for (const tick of [0, 50, 100, 150, 200]) {
    parts.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="0" y2="${height - 20}" class="${tick === 100 ? 'target' : 'grid'}"/>`);
    parts.push(`<text x="${x(tick)}" y="${height - 6}" class="tick">${tick}%</text>`);
  }
  indicators.forEach((ind, i) => {
    const y = i * row + 4;
    // For the bar's length only; the label is the exact figure rounded as the report prints it.
    const value = ind.capaian_available ? Number(ind.capaian.value) : null;
    parts.push(`<text x="${left - 6}" y="${y + 14}" class="code">${esc(ind.code)}</text>`);
    if (value === null) {
      parts.push(`<text x="${left + 4}" y="${y + 14}" class="label">NA</text>`);
      return;
    }
    const end = x(value);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(end - left, 1)}" height="${row - 6}"
      class="bar ${barClass(value)}"/>`);
    const label = decimalId(ind.capaian.value, 2) + '%' + (value > SCALE ? ' ▸' : '');
    parts.push(`<text x="${end + 4}" y="${y + 14}" class="label">${esc(label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

// bench/curve.svg: a small hand-written chart of a curve run. Left: time per
// measurement, right: peak memory per process; both against the number of
// environments on log scales, with dotted guides of linear growth.
import type { CurveRun } from './curve';
import {
  MEMORY_STEPS,
  memorySeries,
  timeSeries,
  type Series,
} from './curveSeries';

const COLORS = [
  '#1f77b4',
  '#6baed6',
  '#d62728',
  '#ff9896',
  '#2ca02c',
  '#9467bd',
];
const W = 460;
const H = 300;
const M = { left: 70, right: 34, top: 34, bottom: 46 };

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function label(v: number, unit: string) {
  if (unit === 'MiB') return `${v.toLocaleString('en')} MiB`;
  return v >= 1000 ? `${v / 1000} s` : `${v} ms`;
}

/** One log-log panel at (x0, 0): lines per series, decade grid, legend below. */
function panel(
  x0: number,
  title: string,
  unit: 'ms' | 'MiB',
  sizes: number[],
  series: Array<{ name: string; values: number[] }>,
): string {
  const out: string[] = [];
  const values = series.flatMap(s => s.values).filter(v => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const [sx0, sx1] = [
    Math.log10(sizes[0]),
    Math.log10(sizes[sizes.length - 1]),
  ];
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (size: number) =>
    x0 + M.left + ((Math.log10(size) - sx0) / (sx1 - sx0 || 1)) * pw;
  const y = (v: number) =>
    M.top + ph - ((Math.log10(v) - Math.log10(lo)) / Math.log10(hi / lo)) * ph;
  out.push(
    `<text x="${
      x0 + W / 2
    }" y="20" text-anchor="middle" font-weight="bold">${esc(title)}</text>`,
  );
  for (let v = lo; v <= hi * 1.001; v *= 10) {
    out.push(
      `<line x1="${x0 + M.left}" x2="${x0 + W - M.right}" y1="${y(v)}" y2="${y(
        v,
      )}" stroke="#ddd"/>`,
      `<text x="${x0 + M.left - 6}" y="${y(v) + 4}" text-anchor="end">${label(
        v,
        unit,
      )}</text>`,
    );
  }
  for (const size of sizes) {
    out.push(
      `<line x1="${x(size)}" x2="${x(size)}" y1="${M.top}" y2="${
        M.top + ph
      }" stroke="#ddd"/>`,
      `<text x="${x(size)}" y="${
        M.top + ph + 16
      }" text-anchor="middle">${size.toLocaleString('en')}</text>`,
    );
  }
  out.push(
    `<text x="${x0 + M.left + pw / 2}" y="${
      M.top + ph + 32
    }" text-anchor="middle">environments (log scale)</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const points = sizes
      .map((size, j) => [x(size), s.values[j]] as const)
      .filter(([, v]) => v > 0)
      .map(([px, v]) => `${px.toFixed(1)},${y(v).toFixed(1)}`);
    out.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(
        ' ',
      )}"/>`,
    );
    for (const pt of points) {
      const [px, py] = pt.split(',');
      out.push(`<circle cx="${px}" cy="${py}" r="3" fill="${color}"/>`);
    }
    // a dotted guide of linear growth from the series' first point
    if (unit === 'ms' && s.values[0] > 0) {
      const end = s.values[0] * (sizes[sizes.length - 1] / sizes[0]);
      const clipped = Math.min(end, hi);
      const endSize = sizes[0] * (clipped / s.values[0]);
      out.push(
        `<line x1="${x(sizes[0])}" y1="${y(s.values[0])}" x2="${x(
          endSize,
        )}" y2="${y(
          clipped,
        )}" stroke="${color}" stroke-dasharray="2 3" opacity="0.6"/>`,
      );
    }
  });
  out.push(
    `<rect x="${x0 + M.left}" y="${
      M.top
    }" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`,
  );
  series.forEach((s, i) => {
    const ly = H + 14 + i * 16;
    out.push(
      `<line x1="${x0 + M.left}" x2="${x0 + M.left + 18}" y1="${ly - 4}" y2="${
        ly - 4
      }" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`,
      `<text x="${x0 + M.left + 24}" y="${ly}">${esc(s.name)}</text>`,
    );
  });
  return out.join('\n');
}

export function renderCurveSvg(run: CurveRun): string {
  const time = timeSeries(run).map((s: Series) => ({
    name: s.name,
    values: s.ms,
  }));
  const memory = MEMORY_STEPS.filter(([step]) => step !== 'seed').map(
    ([step, name]) => ({ name, values: memorySeries(run, step) }),
  );
  const legend = Math.max(time.length, memory.length) * 16 + 40;
  const height = H + legend;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${
    2 * W
  }" height="${height}" viewBox="0 0 ${
    2 * W
  } ${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${panel(0, 'Time per measurement (log scale)', 'ms', run.sizes, time)}
${panel(
  W,
  'Peak memory of its process, maxRSS (log scale)',
  'MiB',
  run.sizes,
  memory,
)}
<text x="${W}" y="${
    height - 8
  }" text-anchor="middle" fill="#555">Dotted: linear growth from the 1,000-environment point. Greenroom bench --curve, ${esc(
    run.info.date.slice(0, 10),
  )}</text>
</svg>
`;
}

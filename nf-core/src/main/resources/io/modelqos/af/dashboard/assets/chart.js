// The rate chart of one delivery, drawn with uPlot (loaded from its WebJar as window.uPlot).
import { rate } from './format.js';

const dark = window.matchMedia('(prefers-color-scheme: dark)');

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * Draws (or redraws) the chart of `series` (see series.js) in `container`; answers a handle with update(series)
 * and destroy(). The chart follows the container's width and the colour scheme.
 */
export function rateChart(container, series) {
  let plot = null;
  let current = series;

  const shadePeriods = (u) => {
    const { ctx } = u;
    const { top, height } = u.bbox;
    ctx.save();
    ctx.fillStyle = cssVar('--shade');
    for (const [from, to] of current.shaded) {
      const x0 = u.valToPos(from, 'x', true);
      const x1 = u.valToPos(to, 'x', true);
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
    }
    ctx.restore();
  };

  const options = () => {
    const fg = cssVar('--fg');
    const grid = cssVar('--grid');
    const axis = { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid } };
    return {
      width: Math.max(280, container.clientWidth),
      height: container.clientWidth < 500 ? 240 : 320,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false }, y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        { ...axis, values: (u, values) => values.map((v) => `${Number(v.toFixed(2))} s`) },
        { ...axis, size: 80, values: (u, values) => values.map((v) => rate(v)) },
      ],
      series: [
        { label: 'since the request', value: (u, v) => (v == null ? '–' : `${v.toFixed(2)} s`) },
        { label: 'requested GBR', stroke: cssVar('--chart-requested'), width: 2, dash: [6, 4],
          value: (u, v) => rate(v), points: { show: false } },
        { label: 'granted GBR', stroke: cssVar('--chart-granted'), width: 2,
          paths: window.uPlot.paths.stepped({ align: 1 }), value: (u, v) => rate(v), points: { show: false } },
        { label: 'achieved rate', stroke: cssVar('--chart-achieved'), width: 2, spanGaps: true,
          value: (u, v) => rate(v), points: { show: true, size: 6 } },
      ],
      hooks: { drawClear: [shadePeriods] },
    };
  };

  const data = () => [current.x, current.requested, current.granted, current.achieved];

  const draw = () => {
    if (plot) plot.destroy();
    plot = new window.uPlot(options(), data(), container);
    container.dataset.notGuaranteedPeriods = String(current.shaded.length);
    container.dataset.achievedPoints = String(current.measured);
  };

  const resize = new ResizeObserver(() => {
    if (plot && Math.abs(plot.width - container.clientWidth) > 2) {
      plot.setSize({ width: Math.max(280, container.clientWidth), height: container.clientWidth < 500 ? 240 : 320 });
    }
  });
  resize.observe(container);
  dark.addEventListener('change', draw);
  draw();

  return {
    update(next) {
      current = next;
      plot.setData(data());
      container.dataset.notGuaranteedPeriods = String(current.shaded.length);
      container.dataset.achievedPoints = String(current.measured);
    },
    destroy() {
      resize.disconnect();
      dark.removeEventListener('change', draw);
      if (plot) plot.destroy();
      plot = null;
    },
  };
}

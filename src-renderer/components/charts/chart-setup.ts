/**
 * Chart.js, registered once with only the parts CardPlan draws (tree-shaken), in the window's own
 * font so Chinese labels render, and without animation so a screenshot shows the final chart.
 * Chart.js draws on a canvas and sets sizes through the CSSOM, so it runs under the strict CSP
 * (no `unsafe-eval`, no inline styles in markup).
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineElement, PointElement, ScatterController, Tooltip, type Plugin } from 'chart.js';

Chart.register(ScatterController, BarController, LinearScale, CategoryScale, PointElement, LineElement, BarElement, Tooltip);
Chart.defaults.font.family = "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";
Chart.defaults.color = '#3d4657';
Chart.defaults.animation = false;

export { Chart };

/** Colours and shapes of the two origins, shared by the charts and their HTML legends. */
export const ORIGIN_STYLE = {
  nvidia: { color: '#4f7f00', shape: 'circle' as const },
  domestic: { color: '#c0392b', shape: 'triangle' as const },
};

export const STATUS_COLOR = { fits: '#2e9e6b', tight: '#e0a526', no: '#c0392b' } as const;

/** "Ascend 910B (64GB; 910B1/B2/B3 class; …)" → "Ascend 910B": the name up to its first bracket. */
export function shortCardName(name: string): string {
  const cut = name.search(/\s[(（]/);
  return cut > 0 ? name.slice(0, cut) : name;
}

/** Draws a text label beside every point whose `label` is set (the pinned cards), inside the plot area. */
export const pointLabels: Plugin<'scatter'> = {
  id: 'cardplanPointLabels',
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = `600 12px ${Chart.defaults.font.family}`;
    ctx.fillStyle = '#1d2433';
    chart.data.datasets.forEach((dataset, d) => {
      chart.getDatasetMeta(d).data.forEach((element, i) => {
        const label = (dataset.data[i] as { label?: string } | undefined)?.label;
        if (!label) return;
        const width = ctx.measureText(label).width;
        const right = element.x + 9 + width <= chart.chartArea.right;
        ctx.textAlign = right ? 'left' : 'right';
        ctx.fillText(label, right ? element.x + 9 : element.x - 9, Math.max(chart.chartArea.top + 12, element.y - 9));
      });
    });
    ctx.restore();
  },
};

// The monthly report's chart: events per month by format over twelve months, drawn with
// Vega-Lite (server-side, to SVG) and rasterised to PNG by resvg (binaries from npm).
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Translate } from '../../i18n/index.ts';

export interface MonthCount {
  /** The month's label, e.g. « nov. 26 ». */
  month: string;
  format: string;
  count: number;
}

export const CHART_WIDTH = 1000;

export async function monthlyChartPng(data: MonthCount[], months: string[], t: Translate): Promise<Buffer> {
  const spec: TopLevelSpec = {
    width: 760,
    height: 360,
    background: 'white',
    padding: 16,
    config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif' },
    title: { text: t('report.chartTitle'), fontSize: 16 },
    data: { values: data },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'month',
        type: 'ordinal',
        sort: months,
        scale: { domain: months },
        title: t('report.chartMonth'),
        axis: { labelAngle: -40 },
      },
      y: { field: 'count', type: 'quantitative', title: t('report.chartCount'), aggregate: 'sum' },
      color: {
        field: 'format',
        type: 'nominal',
        title: t('report.chartFormat'),
        scale: { scheme: 'tableau20' },
        legend: { labelLimit: 260 },
      },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return new Resvg(svg, { fitTo: { mode: 'width', value: CHART_WIDTH }, font: { loadSystemFonts: true } }).render().asPng();
}

/** Width and height of a PNG, read from its header. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('ascii') !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

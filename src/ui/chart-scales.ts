// The scales both charts share: time on x (widened when the data span under two months), values on y
// rounded out to a "nice" step so the gridlines fall on round numbers.

const day = 86_400_000;

export function niceStep(range: number, ticks: number): number {
  const rough = range / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * power;
}

export interface ChartScales {
  x: (time: number) => number;
  y: (value: number) => number;
  vMin: number;
  vMax: number;
  step: number;
  tMin: number;
  tMax: number;
  plotW: number;
  plotH: number;
}

export function chartScales(options: {
  times: number[];
  domain: [number, number];
  /** Start the y axis at zero when the values allow (true: whenever the minimum is not negative). */
  zeroBased: (min: number, max: number) => boolean;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}): ChartScales {
  let tMin = Math.min(...options.times);
  let tMax = Math.max(...options.times);
  if (tMax - tMin < 60 * day) {
    tMin -= 45 * day;
    tMax += 45 * day;
  }
  let [vMin, vMax] = options.domain;
  if (options.zeroBased(vMin, vMax)) vMin = 0;
  if (vMax === vMin) vMax = vMin + 1;
  const step = niceStep(vMax - vMin, 5);
  vMin = Math.floor(vMin / step) * step;
  vMax = Math.ceil(vMax / step) * step;
  const { margin } = options;
  const plotW = options.width - margin.left - margin.right;
  const plotH = options.height - margin.top - margin.bottom;
  return {
    x: (t) => margin.left + ((t - tMin) / (tMax - tMin)) * plotW,
    y: (v) => margin.top + plotH - ((v - vMin) / (vMax - vMin)) * plotH,
    vMin,
    vMax,
    step,
    tMin,
    tMax,
    plotW,
    plotH,
  };
}

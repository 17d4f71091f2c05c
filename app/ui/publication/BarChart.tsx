/**
 * A horizontal bar chart as server-rendered SVG: a title and a text
 * description for screen readers, value labels written beside each bar, and a
 * second series told apart by a hatched pattern as well as by colour. The same
 * numbers are always in a data table next to it (the caller renders it).
 */
export interface ChartSeries {
  name: string;
}

export interface ChartBar {
  label: string;
  lang?: string;
  /** One value per series (null: not shown), on the chart's scale 0..max. */
  values: Array<number | null>;
  /** What is written beside each bar ("45%", "fewer than 8"). */
  texts: string[];
}

const WIDTH = 640;
const LABEL_H = 20;
const BAR_H = 18;
const GAP = 12;
const TEXT_W = 130;

export function BarChart({ id, title, description, series, bars, max }: { id: string; title: string; description: string; series: ChartSeries[]; bars: ChartBar[]; max: number }) {
  const legendH = series.length > 1 ? 28 : 0;
  const rowH = LABEL_H + series.length * (BAR_H + 4) + GAP;
  const height = legendH + bars.length * rowH + 4;
  const scale = (v: number) => (max > 0 ? ((WIDTH - TEXT_W) * Math.min(v, max)) / max : 0);
  const fill = (s: number) => (s === 0 ? "#1d70b8" : `url(#${id}-hatch)`);
  return (
    <figure className="app-chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        focusable="false"
        fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#0b0c0c" strokeWidth="3" />
          </pattern>
        </defs>
        {series.length > 1
          ? series.map((s, i) => (
              <g key={s.name} transform={`translate(${i * 260}, 4)`}>
                <rect width="18" height="18" fill={fill(i)} stroke="#0b0c0c" strokeWidth="1" />
                <text x="26" y="14" fontSize="15" fill="#0b0c0c">
                  {s.name}
                </text>
              </g>
            ))
          : null}
        {bars.map((bar, b) => {
          const y0 = legendH + b * rowH;
          return (
            <g key={b}>
              <text x="0" y={y0 + 15} fontSize="15" fontWeight="bold" fill="#0b0c0c" lang={bar.lang}>
                {bar.label}
              </text>
              {series.map((s, i) => {
                const v = bar.values[i];
                const y = y0 + LABEL_H + i * (BAR_H + 4);
                const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, scale(v));
                return (
                  <g key={s.name}>
                    {w > 0 ? <rect x="0" y={y} width={w} height={BAR_H} fill={fill(i)} stroke="#0b0c0c" strokeWidth="1" /> : null}
                    <text x={w + 6} y={y + 14} fontSize="14" fill="#0b0c0c">
                      {series.length > 1 ? `${s.name}: ${bar.texts[i]}` : bar.texts[i]}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

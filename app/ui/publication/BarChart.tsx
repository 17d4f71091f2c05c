/**
 * A horizontal bar chart in HTML and CSS: a title and a description, each bar's label and its
 * value written as text (so at body size at every width, with text zoom, and wrapped rather than
 * clipped), and a second series told apart by a hatched pattern as well as by colour. Bars grow
 * in the writing direction, so a right-to-left page (Urdu) mirrors the chart. The same numbers
 * are always in a data table next to it (the caller renders it).
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

/**
 * A bar's length in whole percent of the track (at least 1 for any value above zero). Widths are
 * classes (`app-w-0` … `app-w-100`, app.scss): the Content Security Policy allows no inline styles.
 */
export function barPercent(value: number | null, max: number): number {
  if (value === null || value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(100, Math.round((100 * value) / max)));
}

export function BarChart({
  id,
  title,
  description,
  series,
  bars,
  max,
}: {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  bars: ChartBar[];
  max: number;
}) {
  return (
    <figure className="app-chart" id={id} aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
      <figcaption>
        <p className="govuk-body app-chart__title" id={`${id}-title`}>
          {title}
        </p>
        <p className="govuk-body app-chart__desc" id={`${id}-desc`}>
          {description}
        </p>
      </figcaption>
      {series.length > 1 ? (
        <ul className="govuk-body app-chart__legend">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className={`app-chart__swatch app-chart__bar--${i}`} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="app-chart__rows">
        {bars.map((bar, b) => (
          <li className="app-chart__row" key={b} data-testid="chart-row">
            <p className="govuk-body app-chart__label" lang={bar.lang} dir={bar.lang ? "auto" : undefined}>
              {bar.label}
            </p>
            {series.map((s, i) => {
              const width = barPercent(bar.values[i], max);
              return (
                <div className="app-chart__series" key={s.name}>
                  <div className="app-chart__track" aria-hidden="true">
                    {width > 0 ? <div className={`app-chart__bar app-chart__bar--${i} app-w-${width}`} data-testid="chart-bar" /> : null}
                  </div>
                  <span className="govuk-body app-chart__value" data-testid="chart-value">
                    {series.length > 1 ? `${s.name}: ${bar.texts[i]}` : bar.texts[i]}
                  </span>
                </div>
              );
            })}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/**
 * A server-rendered SVG bar of how people scored an outcome (1–3, 4–6, 7–9,
 * unable). Needs no JavaScript; the numbers are also in an adjacent table.
 */
export function DistributionBar({ distribution, unable, label }: { distribution: number[]; unable: number; label: string }) {
  const bands = [
    { count: distribution[0] + distribution[1] + distribution[2], colour: "#d4351c" },
    { count: distribution[3] + distribution[4] + distribution[5], colour: "#505a5f" },
    { count: distribution[6] + distribution[7] + distribution[8], colour: "#00703c" },
    { count: unable, colour: "#b1b4b6" },
  ];
  const total = bands.reduce((a, b) => a + b.count, 0) || 1;
  let x = 0;
  return (
    <svg width="160" height="20" viewBox="0 0 160 20" role="img" aria-label={label} focusable="false">
      <title>{label}</title>
      {bands.map((b, i) => {
        const width = (160 * b.count) / total;
        const rect = <rect key={i} x={x} y={2} width={width} height={16} fill={b.colour} />;
        x += width;
        return rect;
      })}
    </svg>
  );
}

/** A number with `digits` decimals, or an en dash when there is none. */
export const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : x.toFixed(digits));

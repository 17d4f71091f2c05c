/**
 * How a rule or a service says no. Every check that can refuse returns a `Decision`: allowed
 * (`{ ok: true }`, with the thing made or found as `value` when there is one), or refused with a
 * reason from a closed list the page translates (`{ ok: false, reason }`). Nothing throws for an
 * expected refusal; a thrown error is a fault.
 */
export type Refusal<R extends string> = { ok: false; reason: R };

export type Decision<R extends string, V = never> = ([V] extends [never] ? { ok: true } : { ok: true; value: V }) | Refusal<R>;

export const allowed = { ok: true } as const;

export function allow<V>(value: V): { ok: true; value: V } {
  return { ok: true, value };
}

export function refuse<R extends string>(reason: R): Refusal<R> {
  return { ok: false, reason };
}

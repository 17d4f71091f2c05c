/** The roles staff hold in a partnership (the schema's `memberships.role`); shown on staff screens, so not server-only. */
export const ROLES = ["administrator", "officer", "commissioner"] as const;
export type Role = (typeof ROLES)[number];

// A member's subject access request: everything held about them, as JSON (officers only, audited).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireGroupMember } from "../auth/advisory-group-access.server";
import { exportMemberData } from "../services/privacy.server";

export async function loader(args: LoaderFunctionArgs) {
  const { member, actor } = await requireGroupMember(args);
  const data = await exportMemberData(args.context.db, { actor, memberId: member.id }, new Date());
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="member-${member.id}-data.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}

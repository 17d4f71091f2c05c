// A member's subject access request: everything held about them, as JSON (officers only, audited).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireGroupOfficer } from "../auth/panel-access.server";
import { findMember } from "../services/panel.server";
import { exportMemberData } from "../services/privacy.server";

export async function loader(args: LoaderFunctionArgs) {
  const access = await requireGroupOfficer(args);
  const db = args.context.db;
  const member = access.memberId == null ? undefined : await findMember(db, access.group.id, access.memberId);
  if (!member) throw new Response("Not Found", { status: 404 });
  const data = await exportMemberData(db, member.id, { actorUserId: access.user.id, partnershipId: access.partnership.id }, new Date());
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="member-${member.id}-data.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { getOptionalUser } from "../auth/guards.server";
import { invalidateSession, invalidateUserSessions, serializeBlankSessionCookie } from "../auth/session.server";
import { getDb } from "../db.server";
import { secureCookies } from "../env.server";
import { appendAudit } from "../repos/audit.server";
import { Button } from "../ui/components";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("signOut.title") };

export function loader(args: LoaderFunctionArgs) {
  if (!getOptionalUser(args)) throw redirect("/");
  return json({});
}

const schema = z.object({ scope: z.enum(["this", "everywhere"]).default("this") });

export async function action(args: ActionFunctionArgs) {
  const user = getOptionalUser(args);
  const form = await args.request.formData();
  const parsed = schema.safeParse({ scope: form.get("scope") ?? undefined });
  if (!parsed.success) return json({ errors: { scope: "errors.badRequest.body" } }, { status: 400 });
  const headers = { "Set-Cookie": serializeBlankSessionCookie(secureCookies()) };
  if (user) {
    const db = getDb();
    if (parsed.data.scope === "everywhere") invalidateUserSessions(db, user.id);
    else invalidateSession(db, user.sessionId);
    appendAudit(db, { at: new Date(), actorUserId: user.id, partnershipId: null, action: `sign-out.${parsed.data.scope}`, entityType: "user", entityId: user.id });
  }
  return redirect("/?signedOut=1", { headers });
}

export default function SignOut() {
  const { t } = useTranslation();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{t("signOut.title")}</h1>
        <Form method="post">
          <div className="govuk-button-group">
            <Button name="scope" value="this">
              {t("signOut.thisDevice")}
            </Button>
            <Button name="scope" value="everywhere" variant="secondary">
              {t("signOut.everywhere")}
            </Button>
          </div>
        </Form>
      </div>
    </div>
  );
}

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

/** Anything but "everywhere" (a missing, unknown or repeated value) signs out this device: sign-out never fails. */
const scopeSchema = z.enum(["this", "everywhere"]).catch("this");

export async function action(args: ActionFunctionArgs) {
  const user = getOptionalUser(args);
  // server.js gives this action an empty form when the body was missing or not a form.
  const form = await args.request.formData();
  const scope = scopeSchema.parse(form.getAll("scope").length === 1 ? form.get("scope") : undefined);
  const headers = { "Set-Cookie": serializeBlankSessionCookie(secureCookies()) };
  if (user) {
    const db = getDb();
    if (scope === "everywhere") invalidateUserSessions(db, user.id);
    else invalidateSession(db, user.sessionId);
    appendAudit(db, { at: new Date(), actorUserId: user.id, partnershipId: null, action: `sign-out.${scope}`, entityType: "user", entityId: user.id });
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

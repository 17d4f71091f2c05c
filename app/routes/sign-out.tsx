import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { getOptionalUser } from "../auth/guards.server";
import { invalidateSession, invalidateUserSessions, serializeBlankSessionCookie, ssoPartnershipOfSession } from "../auth/session.server";
import { auditSignOut } from "../services/auth.server";
import { env, secureCookies } from "../env.server";
import { linkOrigin } from "../auth/consultation-rounds.server";
import { partnershipSlugOf, providerSignOut } from "../services/sso.server";
import { Button } from "../ui/components";
import type { RouteHandle } from "../ui/title";
import { SLUG_PATTERN } from "../domain/consultation/slug";

export const handle: RouteHandle = { title: (t) => t("signOut.title") };

const providerParam = z.string().regex(SLUG_PATTERN);

/**
 * Signed in: the sign-out choices. Just signed out of a session a partnership's identity
 * provider signed in (`?provider=`): the offer to sign out of the provider too (a link: the
 * provider's page is another site).
 */
export async function loader(args: LoaderFunctionArgs) {
  if (await getOptionalUser(args)) return json({ provider: null });
  const url = new URL(args.request.url);
  const slug = providerParam.safeParse(url.searchParams.get("provider"));
  const provider = slug.success ? await providerSignOut(args.context.db, env(), slug.data, `${linkOrigin(args.request)}/?signedOut=1`, new Date()) : null;
  if (!provider) throw redirect("/");
  return json({ provider }, { headers: { "Referrer-Policy": "no-referrer" } });
}

/** Anything but "everywhere" (a missing, unknown or repeated value) signs out this device: sign-out never fails. */
const scopeSchema = z.enum(["this", "everywhere"]).catch("this");

export async function action(args: ActionFunctionArgs) {
  const user = await getOptionalUser(args);
  // server.js gives this action an empty form when the body was missing or not a form.
  const form = await args.request.formData();
  const scope = scopeSchema.parse(form.getAll("scope").length === 1 ? form.get("scope") : undefined);
  const headers = { "Set-Cookie": serializeBlankSessionCookie(secureCookies()) };
  let providerSlug: string | null = null;
  if (user) {
    const db = args.context.db;
    const ssoPartnershipId = await ssoPartnershipOfSession(db, user.sessionId);
    if (ssoPartnershipId !== null) providerSlug = await partnershipSlugOf(db, ssoPartnershipId);
    if (scope === "everywhere") await invalidateUserSessions(db, user.id);
    else await invalidateSession(db, user.sessionId);
    await auditSignOut(db, user.id, scope, new Date());
  }
  return redirect(providerSlug ? `/sign-out?provider=${providerSlug}` : "/?signedOut=1", { headers });
}

export default function SignOut() {
  const { t } = useTranslation();
  const { provider } = useLoaderData<typeof loader>();
  if (provider) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{t("signOut.signedOut")}</h1>
          <p className="govuk-body">{t("signOut.providerStill", { partnership: provider.partnership })}</p>
          <a href={provider.url} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
            {t("signOut.providerToo", { partnership: provider.partnership })}
          </a>
          <p className="govuk-body">
            <a className="govuk-link" href="/?signedOut=1">
              {t("signOut.home")}
            </a>
          </p>
        </div>
      </div>
    );
  }
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

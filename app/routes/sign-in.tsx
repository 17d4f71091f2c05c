import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { getOptionalUser, safeRedirect } from "../auth/guards.server";
import { readDeviceToken, serializeDeviceCookie } from "../auth/devices.server";
import { serializeSessionCookie } from "../auth/session.server";
import { env, secureCookies } from "../env.server";
import { signIn } from "../services/auth.server";
import { ssoPartnerships } from "../services/sso.server";
import { SSO_FAILURES } from "../domain/auth/sso-identity";
import { Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm } from "../utils/forms";
import { clientAddress } from "../utils/client-address.server";

export const handle: RouteHandle = { title: (t) => t("signIn.title") };

const schema = z.object({
  email: z
    .string({ error: "signIn.errors.emailRequired" })
    .trim()
    .min(1, "signIn.errors.emailRequired")
    .max(254, "signIn.errors.emailFormat")
    .pipe(z.email("signIn.errors.emailFormat")),
  password: z.string({ error: "signIn.errors.passwordRequired" }).min(1, "signIn.errors.passwordRequired").max(1000, "signIn.errors.invalid"),
  redirectTo: z.string().max(2000).optional(),
});

/** Passes the action's Retry-After to the document response when rate limited. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/** Why single sign-on could not start or finish (from /sign-in/sso), shown as the page's error. */
const ssoErrorSchema = z.enum(SSO_FAILURES).nullable().catch(null);

export async function loader(args: LoaderFunctionArgs) {
  const user = await getOptionalUser(args);
  const url = new URL(args.request.url);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return json({ providers: await ssoPartnerships(args.context.db), ssoError: ssoErrorSchema.parse(url.searchParams.get("sso")) });
}

export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const formData = await request.formData();
  const parsed = parseForm(formData, schema);
  // only the email is shown again: never the password
  if (!parsed.ok) return fail(parsed.errors, { email: parsed.values.email ?? "" });
  const { email, password, redirectTo } = parsed.data;
  const result = await signIn(args.context.db, env(), { email, password, ip: clientAddress(request), deviceToken: readDeviceToken(request) }, new Date());
  if (!result.ok) {
    if (result.reason === "rate-limited") {
      const limited = fail({ email: "signIn.errors.rateLimited" }, { email }, 429, { retryAfterMinutes: Math.ceil(result.retryAfterSeconds / 60) });
      limited.headers.set("Retry-After", String(result.retryAfterSeconds));
      return limited;
    }
    if (result.reason === "sso-required") return fail({ sso: "signIn.errors.ssoRequired" }, { email }, 403);
    return fail({ email: "signIn.errors.invalid" }, { email });
  }
  const headers = new Headers({ "Set-Cookie": serializeSessionCookie(result.token, result.expiresAt, secureCookies()) });
  if (result.device) headers.append("Set-Cookie", serializeDeviceCookie(result.device.token, result.device.expiresAt, secureCookies()));
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function SignIn() {
  const { t } = useTranslation();
  const { providers, ssoError } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string>; retryAfterMinutes?: number }>();
  const [params] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "common", { minutes: actionData?.retryAfterMinutes });
  if (ssoError && !actionData) errors.sso = t(`signIn.sso.failed.${ssoError}`);
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">{t("signIn.title")}</h1>
        <p className="govuk-body">{t("signIn.intro")}</p>
        {providers.length > 0 ? (
          <>
            <h2 className="govuk-heading-m" id="sso" tabIndex={-1}>
              {t("signIn.sso.heading")}
            </h2>
            {errors.sso ? (
              <p className="govuk-error-message">
                <span className="govuk-visually-hidden">{t("errors.prefix")}</span> {errors.sso}
              </p>
            ) : null}
            <div className="govuk-button-group">
              {providers.map((p) => (
                <a
                  key={p.slug}
                  href={`/sign-in/sso?${new URLSearchParams({ partnership: p.slug, ...(redirectTo ? { redirectTo } : {}) })}`}
                  role="button"
                  draggable="false"
                  className="govuk-button govuk-button--secondary"
                  data-module="govuk-button"
                >
                  {t("signIn.sso.button", { partnership: p.name })}
                </a>
              ))}
            </div>
            <h2 className="govuk-heading-m">{t("signIn.sso.passwordHeading")}</h2>
          </>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput
            name="email"
            type="email"
            label={t("signIn.email")}
            autoComplete="email"
            spellCheck={false}
            defaultValue={actionData?.values?.email}
            error={errors.email}
          />
          <TextInput name="password" type="password" label={t("signIn.password")} autoComplete="current-password" error={errors.password} />
          <Button>{t("signIn.submit")}</Button>
        </Form>
        <p className="govuk-body">{t("signIn.citizenNote")}</p>
      </div>
    </div>
  );
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { parseDomains } from "../domain/auth/sso-identity";
import { env } from "../env.server";
import { useTranslation } from "../i18n/use-translation";
import { linkOrigin } from "../auth/consultation-rounds.server";
import { requirePartnershipAdministrator } from "../auth/advisory-group-access.server";
import { providerSettings, removeProvider, saveProviderSettings, ssoCallbackUrl } from "../services/sso.server";
import { BackLink, Button, SuccessBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios, Textarea, TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm, schemaFields } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("admin.signIn.title", { partnership: (data as { partnership?: { name: string } } | undefined)?.partnership?.name ?? "" }),
};

/** Administrators of the partnership set up its staff's single sign-on (decision 0025). */
export async function loader(args: LoaderFunctionArgs) {
  const { partnership } = await requirePartnershipAdministrator(args);
  const settings = await providerSettings(args.context.db, partnership.id);
  return json({
    partnership,
    settings: settings && { ...settings, updatedAt: settings.updatedAt.toISOString() },
    callbackUrl: ssoCallbackUrl(linkOrigin(args.request)),
  });
}

function schema(allowHttp: boolean) {
  return z.object({
    issuer: z
      .string({ error: "admin.signIn.errors.issuer" })
      .trim()
      .max(500, "admin.signIn.errors.issuer")
      .pipe(z.url({ protocol: allowHttp ? /^https?$/ : /^https$/, error: "admin.signIn.errors.issuer" }))
      .transform((u) => u.replace(/\/+$/, "")),
    clientId: z.string({ error: "admin.signIn.errors.clientId" }).trim().min(1, "admin.signIn.errors.clientId").max(300, "admin.signIn.errors.clientId"),
    clientSecret: z
      .string()
      .max(1000, "admin.signIn.errors.clientSecret")
      .optional()
      .transform((v) => (v && v.trim() ? v.trim() : null)),
    allowedDomains: z
      .string({ error: "admin.signIn.errors.domains" })
      .max(5000, "admin.signIn.errors.domains")
      .transform((v, ctx) => {
        const domains = parseDomains(v);
        if (!domains) ctx.addIssue({ code: "custom", message: "admin.signIn.errors.domains" });
        return domains ?? [];
      }),
    emailClaim: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/, "admin.signIn.errors.emailClaim")
      .optional()
      .transform((v) => v || "email"),
    requireSso: z.enum(["yes", "no"], { error: "admin.signIn.errors.requireSso" }).transform((v) => v === "yes"),
  });
}

/** What was typed, shown again, but never the client secret: it is not sent back to the browser. */
function withoutSecret(values: Record<string, string>): Record<string, string> {
  const { clientSecret: _secret, ...rest } = values;
  return rest;
}

export async function action(args: ActionFunctionArgs) {
  const { partnership, actor } = await requirePartnershipAdministrator(args);
  const form = await args.request.formData();
  const db = args.context.db;
  const now = new Date();
  if (form.get("intent") === "remove") {
    await removeProvider(db, actor, now);
    return redirect(`/partnerships/${partnership.slug}/sign-in?removed=1`);
  }
  const providerSchema = schema(env().SSO_ALLOW_HTTP_ISSUER);
  const parsed = parseForm(form, providerSchema);
  if (!parsed.ok) return fail(parsed.errors, withoutSecret(parsed.values));
  const saved = await saveProviderSettings(db, actor, parsed.data, now);
  if (!saved.ok)
    return fail(
      { clientSecret: "admin.signIn.errors.clientSecret" },
      withoutSecret(Object.fromEntries(schemaFields(providerSchema).map((f) => [f, String(form.get(f) ?? "")]))),
    );
  return redirect(`/partnerships/${partnership.slug}/sign-in?saved=1`);
}

export default function PartnershipSignIn() {
  const { t } = useTranslation();
  const { partnership, settings, callbackUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "common");
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const value = (field: string, stored: string | undefined) => values[field] ?? stored;
  return (
    <>
      <BackLink to="/dashboard">{t("common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {params.get("saved") || params.get("removed") ? <SuccessBanner message={t(params.get("saved") ? "admin.signIn.saved" : "admin.signIn.removed")} /> : null}
      <span className="govuk-caption-l">{partnership.name}</span>
      <h1 className="govuk-heading-l">{t("admin.signIn.heading")}</h1>
      <p className="govuk-body">{t("admin.signIn.intro")}</p>
      <p className="govuk-body">{t("admin.signIn.callback")}</p>
      <p className="govuk-body">
        <code data-testid="callback-url">{callbackUrl}</code>
      </p>
      <Form method="post" noValidate>
        <TextInput
          name="issuer"
          type="url"
          label={t("admin.signIn.fields.issuer")}
          hint={t("admin.signIn.hints.issuer")}
          spellCheck={false}
          defaultValue={value("issuer", settings?.issuer)}
          error={errors.issuer}
        />
        <TextInput
          name="clientId"
          label={t("admin.signIn.fields.clientId")}
          spellCheck={false}
          defaultValue={value("clientId", settings?.clientId)}
          error={errors.clientId}
        />
        <TextInput
          name="clientSecret"
          type="password"
          autoComplete="off"
          label={t("admin.signIn.fields.clientSecret")}
          hint={settings?.hasSecret ? t("admin.signIn.hints.clientSecretKept") : undefined}
          optional={Boolean(settings?.hasSecret)}
          error={errors.clientSecret}
        />
        <Textarea
          name="allowedDomains"
          rows={3}
          label={t("admin.signIn.fields.allowedDomains")}
          hint={t("admin.signIn.hints.allowedDomains")}
          defaultValue={value("allowedDomains", settings?.allowedDomains.join("\n"))}
          error={errors.allowedDomains}
        />
        <TextInput
          name="emailClaim"
          width="20"
          label={t("admin.signIn.fields.emailClaim")}
          hint={t("admin.signIn.hints.emailClaim")}
          spellCheck={false}
          defaultValue={value("emailClaim", settings?.emailClaim ?? "email")}
          error={errors.emailClaim}
        />
        <Radios
          name="requireSso"
          legend={t("admin.signIn.fields.requireSso")}
          hint={t("admin.signIn.hints.requireSso")}
          defaultValue={value("requireSso", settings ? (settings.requireSso ? "yes" : "no") : "no")}
          error={errors.requireSso}
          items={[
            { value: "yes", label: t("admin.signIn.yes") },
            { value: "no", label: t("admin.signIn.no") },
          ]}
        />
        <Button>{t("admin.signIn.save")}</Button>
      </Form>
      {settings ? (
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <Button variant="warning">{t("admin.signIn.remove")}</Button>
        </Form>
      ) : null}
    </>
  );
}

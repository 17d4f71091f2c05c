import { json, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { serializeSessionCookie } from "../auth/session.server";
import { hashTokenHex } from "../auth/tokens.server";
import { env, secureCookies } from "../env.server";
import { findUsableInvitation } from "../services/admin.server";
import { acceptUserInvitation, passwordSchema } from "../services/auth.server";
import { Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("join.title") };

const tokenParam = z.object({ token: z.string().regex(/^[a-z2-7]{20,80}$/) });

async function loadInvitation(db: AppLoadContext["db"], params: unknown) {
  const parsed = tokenParam.safeParse(params);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  const invitation = await findUsableInvitation(db, hashTokenHex(parsed.data.token), new Date());
  if (!invitation) throw new Response("Not Found", { status: 404 });
  return { token: parsed.data.token, invitation };
}

export async function loader(args: LoaderFunctionArgs) {
  const { params } = args;
  const { invitation } = await loadInvitation(args.context.db, params);
  return json({ email: invitation.email, displayName: invitation.displayName, role: invitation.role, partnershipName: invitation.partnershipName });
}

const schema = z
  .object({
    displayName: z.string({ error: "join.errors.nameRequired" }).trim().min(1, "join.errors.nameRequired").max(120, "join.errors.nameTooLong"),
    password: z.string({ error: "password.tooShort" }).pipe(passwordSchema),
    confirmPassword: z.string({ error: "join.errors.confirm" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "join.errors.confirm" });

export async function action(args: ActionFunctionArgs) {
  const { params, request } = args;
  const { token } = await loadInvitation(args.context.db, params);
  const parsed = parseForm(await request.formData(), schema);
  // only the name is shown again: never the passwords
  if (!parsed.ok) return fail(parsed.errors, { displayName: parsed.values.displayName ?? "" });
  const result = await acceptUserInvitation(args.context.db, env(), { token, ...parsed.data }, new Date());
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  return redirect("/dashboard", { headers: { "Set-Cookie": serializeSessionCookie(result.token, result.expiresAt, secureCookies()) } });
}

export default function Join() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  const errors = useTranslatedErrors(actionData?.errors, "common");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">{t("join.heading")}</h1>
        <p className="govuk-body">{t("join.intro", { partnership: data.partnershipName, role: t(`roles.${data.role}`), email: data.email })}</p>
        <Form method="post" noValidate>
          <TextInput
            name="displayName"
            label={t("join.name")}
            autoComplete="name"
            defaultValue={actionData?.values?.displayName ?? data.displayName}
            error={errors.displayName}
          />
          <TextInput
            name="password"
            type="password"
            label={t("join.password")}
            hint={t("join.passwordHint")}
            autoComplete="new-password"
            error={errors.password}
          />
          <TextInput name="confirmPassword" type="password" label={t("join.confirmPassword")} autoComplete="new-password" error={errors.confirmPassword} />
          <Button>{t("join.submit")}</Button>
        </Form>
      </div>
    </div>
  );
}

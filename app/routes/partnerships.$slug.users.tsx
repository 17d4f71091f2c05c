import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { ROLES } from "../domain/auth/roles";
import { requirePartnershipAdministrator } from "../auth/advisory-group-access.server";
import { inviteOrAssign, listPartnershipPeople, listPendingInvitations, removeRole } from "../services/admin.server";
import { BackLink, Button, NotificationBanner, SuccessBanner, Table } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios, TextInput } from "../ui/fields";
import { formatDate } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm, runIntent } from "../utils/forms";
import { pageLocale } from "../i18n/i18n.server";

export const handle: RouteHandle = {
  title: (t, data) => t("admin.users.title", { partnership: (data as { partnership?: { name: string } } | undefined)?.partnership?.name ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { partnership } = await requirePartnershipAdministrator(args);
  const db = args.context.db;
  const people = await listPartnershipPeople(db, partnership.id);
  const locale = pageLocale(args.request);
  const pending = (await listPendingInvitations(db, partnership.id, new Date())).map((i) => ({ ...i, expires: formatDate(i.expiresAt.toISOString(), locale) }));
  return json({ partnership, people, pending });
}

const inviteSchema = z.object({
  displayName: z
    .string({ error: "admin.users.errors.nameRequired" })
    .trim()
    .min(1, "admin.users.errors.nameRequired")
    .max(120, "admin.users.errors.nameTooLong"),
  email: z
    .string({ error: "admin.users.errors.emailRequired" })
    .trim()
    .min(1, "admin.users.errors.emailRequired")
    .max(254, "admin.users.errors.emailFormat")
    .pipe(z.email("admin.users.errors.emailFormat")),
  role: z.enum(ROLES, { error: "admin.users.errors.roleRequired" }),
});
const removeSchema = z.object({ membershipId: z.coerce.number().int().positive() });

export async function action(args: ActionFunctionArgs) {
  const { partnership, actor } = await requirePartnershipAdministrator(args);
  const db = args.context.db;
  return await runIntent(
    await args.request.formData(),
    {
      async invite(form) {
        const parsed = parseForm(form, inviteSchema);
        if (!parsed.ok) return fail(parsed.errors, parsed.values, 400, { invited: null });
        const result = await inviteOrAssign(db, { actor, ...parsed.data }, new Date());
        const invited = !result.ok
          ? { kind: result.reason, link: null }
          : result.value.kind === "invited"
            ? { kind: result.value.kind, link: `${new URL(args.request.url).origin}/join/${result.value.token}` }
            : { kind: result.value.kind, link: null };
        // Done, not refused: the page shows the invitation (or the link to send) and no errors.
        return json({ invited: { link: invited.link, email: parsed.data.email, kind: invited.kind }, errors: {}, values: {} });
      },
      async remove(form) {
        const parsed = removeSchema.safeParse({ membershipId: form.get("membershipId") });
        if (!parsed.success) throw new Response("Bad Request", { status: 400 });
        const result = await removeRole(db, { actor, membershipId: parsed.data.membershipId }, new Date());
        if (!result.ok) {
          const lastAdministrator = result.reason === "last-administrator";
          return fail(
            { people: lastAdministrator ? "admin.users.errors.lastAdministrator" : "admin.users.errors.notFound" },
            {},
            lastAdministrator ? 409 : 404,
            { invited: null },
          );
        }
        return redirect(`/partnerships/${partnership.slug}/users?removed=1`);
      },
    },
    null,
  );
}

export default function PartnershipUsers() {
  const { t } = useTranslation();
  const { partnership, people, pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    errors?: Record<string, string>;
    values?: Record<string, string>;
    invited?: { link: string | null; email: string; kind: "invited" | "role-added" | "already-has-role" } | null;
  }>();
  const [params] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "common");
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  return (
    <>
      <BackLink to="/dashboard">{t("common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {actionData?.invited ? (
        <NotificationBanner title={t("common.success")} success>
          <p className="govuk-notification-banner__heading">
            {actionData.invited.kind === "invited"
              ? t("admin.users.invited", { email: actionData.invited.email })
              : actionData.invited.kind === "role-added"
                ? t("admin.users.roleAdded", { email: actionData.invited.email })
                : t("admin.users.alreadyHasRole", { email: actionData.invited.email })}
          </p>
          {actionData.invited.link ? (
            <>
              <p className="govuk-body">{t("admin.users.inviteLinkIntro")}</p>
              <p className="govuk-body" data-testid="invitation-link">
                <code>{actionData.invited.link}</code>
              </p>
            </>
          ) : null}
        </NotificationBanner>
      ) : null}
      {params.get("removed") ? <SuccessBanner message={t("admin.users.removed")} /> : null}
      <span className="govuk-caption-l">{partnership.name}</span>
      <h1 className="govuk-heading-l">{t("admin.users.heading")}</h1>
      <div id="people" tabIndex={-1}>
        <Table
          caption={t("admin.users.peopleCaption")}
          head={[t("admin.users.table.name"), t("admin.users.table.email"), t("admin.users.table.role"), t("admin.users.table.action")]}
          rows={people.map((p) => [
            p.displayName,
            p.email,
            t(`roles.${p.role}`),
            <Form method="post" key="f" className="app-inline-form">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="membershipId" value={p.membershipId} />
              <button type="submit" className="app-link-button">
                {t("admin.users.removeRole")}
                <span className="govuk-visually-hidden"> {t("admin.users.removeRoleHidden", { role: t(`roles.${p.role}`), name: p.displayName })}</span>
              </button>
            </Form>,
          ])}
        />
      </div>
      {pending.length > 0 ? (
        <Table
          caption={t("admin.users.pendingCaption")}
          head={[t("admin.users.table.name"), t("admin.users.table.email"), t("admin.users.table.role"), t("admin.users.table.expires")]}
          rows={pending.map((i) => [i.displayName, i.email, t(`roles.${i.role}`), i.expires])}
        />
      ) : null}
      <h2 className="govuk-heading-m">{t("admin.users.inviteHeading")}</h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">{t("admin.users.inviteIntro")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextInput
              name="displayName"
              label={t("admin.users.fields.name")}
              autoComplete="off"
              defaultValue={values.displayName}
              error={errors.displayName}
            />
            <TextInput
              name="email"
              type="email"
              label={t("admin.users.fields.email")}
              spellCheck={false}
              autoComplete="off"
              defaultValue={values.email}
              error={errors.email}
            />
            <Radios
              name="role"
              legend={t("admin.users.fields.role")}
              defaultValue={values.role}
              error={errors.role}
              items={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`), hint: t(`roleHints.${r}`) }))}
            />
            <Button>{t("admin.users.inviteSubmit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

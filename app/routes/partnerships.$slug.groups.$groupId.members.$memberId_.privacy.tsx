import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireGroupOfficer } from "../auth/panel-access.server";
import { findMember } from "../services/panel.server";
import { eraseMember } from "../services/privacy.server";
import { BackLink, Button, NotificationBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { parseForm } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("privacy:member.title") };

async function loadMember(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireGroupOfficer(args);
  const member = access.memberId == null ? undefined : await findMember(args.context.db, access.group.id, access.memberId);
  if (!member) throw new Response("Not Found", { status: 404 });
  return { ...access, member };
}

export async function loader(args: LoaderFunctionArgs) {
  const { partnership, group, member } = await loadMember(args);
  const base = `/partnerships/${partnership.slug}/groups/${group.id}`;
  return json({
    groupPath: base,
    memberPath: `${base}/members/${member.id}`,
    name: member.displayName,
    erased: member.email == null && member.displayName.startsWith("Erased member"),
    left: member.leftAt != null,
  });
}

const eraseSchema = z.object({ confirm: z.literal("yes", { error: "member.errors.confirm" }) });

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const { partnership, group, member, user } = await loadMember(args);
  if (form.get("intent") !== "erase") return json({ errors: { confirm: "member.errors.confirm" } }, { status: 400 });
  const parsed = parseForm(form, eraseSchema, ["confirm"]);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  await eraseMember(args.context.db, member.id, partnership.id, new Date(), user.id);
  return redirect(`/partnerships/${partnership.slug}/groups/${group.id}/members/${member.id}/privacy?erased=1`);
}

export default function MemberPrivacy() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation("privacy");
  const [params] = useSearchParams();
  const errors = a?.errors ? { confirm: t(a.errors.confirm) } : undefined;
  return (
    <>
      <BackLink to={d.left ? d.groupPath : d.memberPath}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {params.get("erased") ? (
            <NotificationBanner title={t("member.doneTitle")} success>
              <p className="govuk-notification-banner__heading">{t("member.erasedBanner")}</p>
            </NotificationBanner>
          ) : null}
          <span className="govuk-caption-l">{d.name}</span>
          <h1 className="govuk-heading-l">{t("member.title")}</h1>
          <h2 className="govuk-heading-m">{t("member.accessHeading")}</h2>
          <p className="govuk-body">{t("member.accessText")}</p>
          <p className="govuk-body">
            <a className="govuk-link" href={`${d.memberPath}/data.json`} download>
              {t("member.download")}
            </a>
          </p>
          <h2 className="govuk-heading-m">{t("member.eraseHeading")}</h2>
          {d.erased ? (
            <p className="govuk-body">{t("member.alreadyErased")}</p>
          ) : (
            <>
              <p className="govuk-body">{t("member.eraseText")}</p>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="erase" />
                <Checkboxes name="confirm" legend={t("member.confirmLegend")} items={[{ value: "yes", label: t("member.confirmLabel") }]} error={errors?.confirm} small />
                <Button variant="warning">{t("member.eraseButton")}</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}

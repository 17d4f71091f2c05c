import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireGroupOfficer } from "../auth/advisory-group-access.server";
import { addMember } from "../services/advisory-groups.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { MemberFields } from "../ui/participation";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";
import { memberEmailTaken, memberFromForm } from "../utils/member-form";

export const handle: RouteHandle = { title: (t) => t("participation:members.new.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { partnership, group } = await requireGroupOfficer(args);
  return json({ partnership: { slug: partnership.slug }, group: { id: group.id, name: group.name } });
}

export async function action(args: ActionFunctionArgs) {
  const { partnership, group, actor } = await requireGroupOfficer(args);
  const parsed = memberFromForm(await args.request.formData());
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  const added = await addMember(args.context.db, { actor, groupId: group.id, member: parsed.member }, new Date());
  if (!added.ok) return memberEmailTaken(parsed.member);
  return redirect(`/partnerships/${partnership.slug}/groups/${group.id}?added=1`);
}

export default function NewMember() {
  const { t } = useTranslation("participation");
  const { partnership, group } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors, "participation");
  return (
    <>
      <BackLink to={`/partnerships/${partnership.slug}/groups/${group.id}`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{group.name}</span>
          <h1 className="govuk-heading-l">{t("members.new.heading")}</h1>
          <Form method="post" noValidate>
            <MemberFields values={actionData?.values ?? {}} errors={errors} />
            <Button>{t("members.new.submit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

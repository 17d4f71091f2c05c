import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireGroupMember } from "../auth/advisory-group-access.server";
import { editMember, removeMember } from "../services/advisory-groups.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { MemberFields } from "../ui/participation";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, runIntent } from "../utils/forms";
import { memberEmailTaken, memberFromForm } from "../utils/member-form";

export const handle: RouteHandle = {
  title: (t, data) => t("participation:members.edit.title", { name: (data as { member?: { displayName: string } } | undefined)?.member?.displayName ?? "" }),
};

const loadMember = (args: LoaderFunctionArgs | ActionFunctionArgs) => requireGroupMember(args, { current: true });

export async function loader(args: LoaderFunctionArgs) {
  const { partnership, group, member } = await loadMember(args);
  return json({
    partnership: { slug: partnership.slug },
    group: { id: group.id, name: group.name },
    member: {
      id: member.id,
      displayName: member.displayName,
      values: {
        displayName: member.displayName,
        email: member.email ?? "",
        stakeholderGroup: member.stakeholderGroup,
        preferredLocale: member.preferredLocale,
        profileConsent: member.profileConsentAt ? "yes" : "no",
        ageBand: member.ageBand ?? "",
        sex: member.sex ?? "",
        locality: member.locality ?? "",
        ethnicity: member.ethnicity ?? "",
      } as Record<string, string>,
    },
  });
}

export async function action(args: ActionFunctionArgs) {
  const { partnership, group, member, actor } = await loadMember(args);
  const target = { actor, groupId: group.id, memberId: member.id };
  const back = `/partnerships/${partnership.slug}/groups/${group.id}`;
  return await runIntent(
    await args.request.formData(),
    {
      async remove() {
        await removeMember(args.context.db, target, new Date());
        return redirect(`${back}?removed=1`);
      },
      async save(form) {
        const parsed = memberFromForm(form);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        const edited = await editMember(args.context.db, { ...target, member: parsed.member }, new Date());
        if (!edited.ok && edited.reason === "missing") throw new Response("Not Found", { status: 404 });
        if (!edited.ok) return memberEmailTaken(parsed.member);
        return redirect(`${back}?saved=1`);
      },
    },
    null,
  );
}

export default function EditMember() {
  const { t } = useTranslation("participation");
  const { partnership, group, member } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors, "participation");
  return (
    <>
      <BackLink to={`/partnerships/${partnership.slug}/groups/${group.id}`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{group.name}</span>
          <h1 className="govuk-heading-l">{t("members.edit.heading", { name: member.displayName })}</h1>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            <MemberFields values={actionData?.values ?? member.values} errors={errors} />
            <Button>{t("members.edit.submit")}</Button>
          </Form>
          <p className="govuk-body">
            <a className="govuk-link" href={`/partnerships/${partnership.slug}/groups/${group.id}/members/${member.id}/privacy`}>
              {t("privacy:links.member")}
            </a>
          </p>
          <h2 className="govuk-heading-m">{t("members.remove.heading")}</h2>
          <p className="govuk-body">{t("members.remove.intro")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="remove" />
            <Button variant="warning">
              {t("members.remove.submit")}
              <span className="govuk-visually-hidden"> {member.displayName}</span>
            </Button>
          </Form>
        </div>
      </div>
    </>
  );
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireGroupOfficer } from "../auth/advisory-group-access.server";
import { CsvError, parseCsv } from "../domain/csv";
import { validateMemberImport, type ImportProblem } from "../domain/advisory-groups/members";
import { countMembersWhoLeft, currentMemberEmails, importMembers, listMembers } from "../services/advisory-groups.server";
import type { DB } from "../db.server";
import type { Actor } from "../domain/actor";
import { BackLink, Button, SuccessBanner, Table, Tag } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { FileUpload } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { ImportReport } from "../ui/ImportReport";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, runIntent } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("participation:members.title", { group: (data as { group?: { name: string } } | undefined)?.group?.name ?? "" }),
};

const MAX_BYTES = 1_000_000;

export async function loader(args: LoaderFunctionArgs) {
  const { partnership, group } = await requireGroupOfficer(args);
  const db = args.context.db;
  return json({
    partnership,
    group: { id: group.id, name: group.name, description: group.description },
    members: (await listMembers(db, group.id)).map((m) => ({
      id: m.id,
      displayName: m.displayName,
      email: m.email,
      stakeholderGroup: m.stakeholderGroup,
      locality: m.locality,
      preferredLocale: m.preferredLocale,
      consented: m.profileConsentAt != null,
    })),
    left: await countMembersWhoLeft(db, group.id),
  });
}

/** A refused file: the error beside the file field, and the problems found in it (line, column, what), reported in a table. */
const refuseFile = (error: string, problems: ImportProblem[] = [], status = 400) =>
  fail({ file: `participation:members.import.errors.${error}` }, {}, status, { problems });

export async function action(args: ActionFunctionArgs) {
  const { partnership, group, actor } = await requireGroupOfficer(args);
  return await runIntent(await args.request.formData(), { import: (form) => importFile(args.context.db, form, { partnership, group, actor }) }, null);
}

async function importFile(db: DB, form: FormData, { partnership, group, actor }: { partnership: { slug: string }; group: { id: number }; actor: Actor }) {
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return refuseFile("file");
  if (file.size > MAX_BYTES) return refuseFile("fileTooBig", [], 413);
  let problems: ImportProblem[];
  let rows;
  try {
    ({ rows, problems } = validateMemberImport(parseCsv(await file.text()), await currentMemberEmails(db, group.id)));
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    problems = [{ line: e.line, column: e.column, key: "csv", params: { message: e.message } }];
  }
  if (problems.length > 0 || !rows) return refuseFile("report", problems);
  const result = await importMembers(db, { actor, groupId: group.id, rows }, new Date());
  // Someone added the same person while the file was checked.
  if ("duplicate" in result) return refuseFile("report", [{ line: 1, column: 1, key: "emailDuplicateExisting", params: { email: result.duplicate } }], 409);
  return redirect(`/partnerships/${partnership.slug}/groups/${group.id}?imported=${result.created}`);
}

export default function GroupMembers() {
  const { t } = useTranslation("participation");
  const { partnership, group, members, left } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; problems?: ImportProblem[] }>();
  const [search] = useSearchParams();
  const problems = actionData?.problems ?? [];
  const errors = useTranslatedErrors(actionData?.errors, "participation", { count: problems.length });
  const notice = search.get("imported")
    ? t("members.imported", { count: Number(search.get("imported")) })
    : search.get("added")
      ? t("members.added")
      : search.get("removed")
        ? t("members.removed")
        : search.get("saved")
          ? t("members.saved")
          : search.get("created")
            ? t("groups.created")
            : null;
  const base = `/partnerships/${partnership.slug}/groups/${group.id}`;
  return (
    <>
      <BackLink to={`/partnerships/${partnership.slug}/groups`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice ? <SuccessBanner message={notice} /> : null}
      <span className="govuk-caption-l">{partnership.name}</span>
      <h1 className="govuk-heading-l">{group.name}</h1>
      {group.description ? <p className="govuk-body">{group.description}</p> : null}
      <div className="govuk-button-group">
        <Link className="govuk-button" to={`${base}/members/new`}>
          {t("members.add")}
        </Link>
        <a className="govuk-link" href={`${base}/members.csv`} download>
          {t("members.export")}
        </a>
      </div>
      <ImportReport
        problems={problems}
        caption={t("members.import.reportCaption", { count: problems.length })}
        head={[t("members.import.line"), t("members.import.column"), t("members.import.problem")]}
        describe={(p) => t(`members.errors.${p.key}`, p.params ?? {})}
      />
      {members.length === 0 ? (
        <p className="govuk-body" data-testid="no-members">
          {t("members.none")}
        </p>
      ) : (
        <Table
          caption={t("members.caption", { count: members.length })}
          head={[
            t("members.col.name"),
            t("members.col.email"),
            t("members.col.stakeholderGroup"),
            t("members.col.locality"),
            t("members.col.consent"),
            t("members.col.action"),
          ]}
          rows={members.map((m) => [
            m.displayName,
            m.email ?? "–",
            t(`stakeholderGroup.${m.stakeholderGroup}`),
            m.locality ?? "–",
            <Tag key="c" colour={m.consented ? "green" : "grey"}>
              {m.consented ? t("members.consent.given") : t("members.consent.notGiven")}
            </Tag>,
            <Link key="e" className="govuk-link" to={`${base}/members/${m.id}`}>
              {t("members.change")}
              <span className="govuk-visually-hidden"> {m.displayName}</span>
            </Link>,
          ])}
        />
      )}
      {left > 0 ? <p className="govuk-body-s">{t("members.leftCount", { count: left })}</p> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">{t("members.import.heading")}</h2>
          <p className="govuk-body">{t("members.import.intro")}</p>
          <p className="govuk-body">
            <code>name,email,stakeholder_group,preferred_language,profile_consent,age_band,sex,locality,ethnicity</code>
          </p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="import" />
            <FileUpload name="file" label={t("members.import.file")} hint={t("members.import.fileHint")} error={errors.file} accept=".csv,text/csv" />
            <Button>{t("members.import.submit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

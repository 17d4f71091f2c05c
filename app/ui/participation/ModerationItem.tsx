import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { BackLink, Button, SuccessBanner, SummaryList, Tag } from "../components";
import { ErrorSummary } from "../ErrorSummary";
import { Checkboxes, Radios, Textarea, TextInput } from "../fields";

export interface ModerationItemData {
  kind: string;
  text: string;
  questionText: string | null;
  roundNumber: number;
  group: string | null;
  decision: string | null;
  outcomeCode: string | null;
  outcomeStatement: string | null;
  reason: string | null;
  quote: string | null;
  themeIds: number[];
}

interface Theme {
  id: number;
  name: string;
  description: string;
}

/** Values typed in the form named by `intent` (empty for the page's other forms). */
type Mine = (intent: string) => Record<string, string | undefined>;

export interface ModerationItemProps {
  consultation: { slug: string; title: string };
  canDecide: boolean;
  item: ModerationItemData;
  themes: Theme[];
  domains: Array<{ id: number; name: string }>;
  outcomes: Array<{ code: string; statement: string; domain: string }>;
  errors: Record<string, string>;
  mine: Mine;
  notice: string | null;
}

/** One answer awaiting moderation: what it says, its status, and (for officers) the decisions open to it. */
export function ModerationItemView({ consultation, canDecide, item, themes, domains, outcomes, errors, mine, notice }: ModerationItemProps) {
  const { t } = useTranslation("participation");
  const undecided = !item.decision;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/moderation`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ decision: "decision-status" }} />
      {notice ? <SuccessBanner message={notice} /> : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t(`moderation.item.heading.${item.kind}`)}</h1>
      <ItemSummary item={item} />
      <p className="govuk-body-s">{t("moderation.item.anonymous")}</p>
      {canDecide ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {item.kind === "propose-outcome" && undecided ? (
              <ProposalForms item={item} domains={domains} outcomes={outcomes} errors={errors} mine={mine} />
            ) : null}
            {item.kind === "free-text" ? <QuoteForms item={item} errors={errors} mine={mine} /> : null}
            <TagForm item={item} themes={themes} />
          </div>
        </div>
      ) : null}
    </>
  );
}

function ItemSummary({ item }: { item: ModerationItemData }) {
  const { t } = useTranslation("participation");
  return (
    <SummaryList
      rows={[
        { key: t("moderation.item.question"), value: item.questionText || "–" },
        {
          key: t("moderation.item.answer"),
          value: (
            <span className="app-mail-text govuk-!-display-block" data-testid="answer-text">
              {item.text}
            </span>
          ),
        },
        { key: t("moderation.col.round"), value: String(item.roundNumber) },
        { key: t("moderation.col.group"), value: t(`stakeholderGroup.${item.group}`, { defaultValue: t("participation.notRecorded") }) },
        {
          key: t("moderation.col.status"),
          value: (
            <span id="decision-status" tabIndex={-1}>
              <Tag colour={item.decision === "rejected" ? "red" : item.decision ? "green" : "yellow"}>
                {t(`moderation.status.${item.decision ?? "pending"}`)}
              </Tag>
              {item.outcomeCode ? ` ${item.outcomeCode}: ${item.outcomeStatement ?? ""}` : null}
              {item.reason ? ` ${t("moderation.item.reasonWas", { reason: item.reason })}` : null}
            </span>
          ),
        },
        ...(item.quote ? [{ key: t("moderation.item.approvedQuote"), value: item.quote }] : []),
      ]}
    />
  );
}

/** A proposed outcome: accept it as a new candidate, merge it into an existing one, or reject it. */
function ProposalForms({ item, domains, outcomes, errors, mine }: Pick<ModerationItemProps, "item" | "domains" | "outcomes" | "errors" | "mine">) {
  const { t } = useTranslation("participation");
  return (
    <>
      <h2 className="govuk-heading-m">{t("moderation.accept.heading")}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="accept" />
        <Textarea
          name="statement"
          label={t("moderation.accept.statement")}
          hint={t("moderation.accept.statementHint")}
          defaultValue={mine("accept").statement ?? item.text.slice(0, 300)}
          error={errors.statement}
          rows={3}
        />
        <Textarea
          name="description"
          label={t("moderation.accept.description")}
          optional
          defaultValue={mine("accept").description}
          error={errors.description}
          rows={3}
        />
        <Radios
          name="domain"
          legend={t("moderation.accept.domain")}
          items={[...domains.map((d) => ({ value: String(d.id), label: d.name })), { value: "new", label: t("moderation.accept.newDomainOption") }]}
          defaultValue={mine("accept").domain}
          error={errors.domain}
        />
        <TextInput
          name="newDomain"
          label={t("moderation.accept.newDomain")}
          hint={t("moderation.accept.newDomainHint")}
          optional
          defaultValue={mine("accept").newDomain}
          error={errors.newDomain}
        />
        <Button>{t("moderation.accept.submit")}</Button>
      </Form>
      <h2 className="govuk-heading-m">{t("moderation.merge.heading")}</h2>
      {outcomes.length === 0 ? (
        <p className="govuk-body">{t("moderation.merge.none")}</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="merge" />
          <Radios
            name="outcome"
            legend={t("moderation.merge.legend")}
            items={outcomes.map((o) => ({ value: o.code, label: `${o.code}: ${o.statement}`, hint: o.domain }))}
            defaultValue={mine("merge").outcome}
            error={errors.outcome}
            small
          />
          <Button variant="secondary">{t("moderation.merge.submit")}</Button>
        </Form>
      )}
      <h2 className="govuk-heading-m">{t("moderation.reject.heading")}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="reject" />
        <Textarea
          name="reason"
          label={t("moderation.reject.reason")}
          hint={t("moderation.reject.reasonHint")}
          defaultValue={mine("reject").reason}
          error={errors.reason}
          rows={3}
        />
        <Button variant="warning">{t("moderation.reject.submit")}</Button>
      </Form>
    </>
  );
}

/** A free-text answer: approve (or reword) it as a quote, withdraw the quote, or mark it reviewed. */
function QuoteForms({ item, errors, mine }: Pick<ModerationItemProps, "item" | "errors" | "mine">) {
  const { t } = useTranslation("participation");
  return (
    <>
      <h2 className="govuk-heading-m">{t("moderation.quote.heading")}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="quote" />
        <Textarea
          name="quote"
          label={t("moderation.quote.label")}
          hint={t("moderation.quote.hint")}
          defaultValue={mine("quote").quote ?? item.quote ?? item.text}
          error={errors.quote}
          rows={4}
        />
        <Button>{item.quote ? t("moderation.quote.update") : t("moderation.quote.submit")}</Button>
      </Form>
      {item.quote ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="withdraw-quote" />
          <Button variant="warning">{t("moderation.quote.withdraw")}</Button>
        </Form>
      ) : null}
      {!item.decision ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reviewed" />
          <Button variant="secondary">{t("moderation.reviewed.submit")}</Button>
        </Form>
      ) : null}
    </>
  );
}

function TagForm({ item, themes }: { item: ModerationItemData; themes: Theme[] }) {
  const { t } = useTranslation("participation");
  return (
    <>
      <h2 className="govuk-heading-m">{t("moderation.tag.heading")}</h2>
      {themes.length === 0 ? (
        <p className="govuk-body">{t("moderation.tag.none")}</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="tag" />
          <Checkboxes
            name="themes"
            legend={t("moderation.tag.legend")}
            items={themes.map((th) => ({ value: String(th.id), label: th.name, hint: th.description || undefined }))}
            defaultValues={item.themeIds.map(String)}
            small
          />
          <Button variant="secondary">{t("moderation.tag.submit")}</Button>
        </Form>
      )}
    </>
  );
}

import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { Table } from "../components";

export interface RoundRow {
  number: number;
  status: string;
  questionCount: number;
  responseCount: number;
}

/**
 * A consultation's rounds: each links to its builder page, with its status and counts; `extra`
 * adds columns after them (the survey page shows each round's feedback and whether it takes
 * new participants).
 */
export function RoundsTable<R extends RoundRow>({
  rounds,
  base,
  extra = [],
}: {
  rounds: R[];
  base: string;
  extra?: Array<{ head: string; cell: (r: R) => ReactNode }>;
}) {
  const { t } = useTranslation("officer");
  return (
    <Table
      caption={t("overview.roundsCaption")}
      head={[t("overview.col.round"), t("overview.col.status"), t("overview.col.questionCount"), t("overview.col.responses"), ...extra.map((c) => c.head)]}
      numericColumns={[2, 3]}
      rows={rounds.map((r) => [
        <Link key="r" className="govuk-link" to={`${base}/rounds/${r.number}`}>
          {t("overview.roundN", { number: r.number })}
        </Link>,
        t(`roundStatus.${r.status}`),
        String(r.questionCount),
        String(r.responseCount),
        ...extra.map((c) => c.cell(r)),
      ])}
    />
  );
}

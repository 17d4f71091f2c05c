import { useTranslation } from "../../i18n/use-translation";

/** A theme run as the page shows it (services/themes.server.ts's RunView, serialised). */
export interface RunInfo {
  id: number;
  status: "queued" | "running" | "done" | "failed";
  phase: string;
  processed: number;
  total: number;
  finishedAt: string | null;
  result: Record<string, unknown> | null;
}

export function isActive(run: RunInfo | null) {
  return run?.status === "queued" || run?.status === "running";
}

/** A run's progress while it works, or that it failed; nothing once it is done. */
export function RunStatus({ run, kind }: { run: RunInfo | null; kind: "suggest" | "assign" }) {
  const { t, i18n } = useTranslation("themes");
  const num = new Intl.NumberFormat(i18n.language);
  if (!run) return null;
  if (run.status === "failed")
    return (
      <p className="govuk-body govuk-error-message" data-testid={`${kind}-failed`}>
        {t(`runs.failed.${kind}`)}
      </p>
    );
  if (run.status === "done") return null;
  const phase = run.status === "queued" ? t("runs.queued") : t(`runs.phase.${run.phase}`, { defaultValue: t("runs.phase.working") });
  return (
    <p className="govuk-body" data-testid={`${kind}-progress`}>
      {t(`runs.progress.${kind}`, { phase, processed: num.format(run.processed), total: num.format(run.total) })}
    </p>
  );
}

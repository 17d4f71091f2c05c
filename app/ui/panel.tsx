import { useTranslation } from "react-i18next";
import type { EmailStatus } from "../../db/schema";
import { Tag } from "./components";

const EMAIL_COLOURS: Record<EmailStatus, "grey" | "blue" | "green" | "red" | "yellow"> = {
  queued: "grey",
  sending: "blue",
  sent: "green",
  failed: "red",
  bounced: "yellow",
};

export function EmailStatusTag({ status }: { status: EmailStatus }) {
  const { t } = useTranslation("panel");
  return <Tag colour={EMAIL_COLOURS[status]}>{t(`emailStatus.${status}`)}</Tag>;
}

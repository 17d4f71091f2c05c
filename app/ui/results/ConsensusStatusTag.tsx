import { useTranslation } from "../../i18n/use-translation";
import { Tag } from "../components";

/** Consensus in, out or none, as a coloured tag. */
export function ConsensusStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag colour={status === "in" ? "green" : status === "out" ? "red" : "grey"}>{t(`results.consensus.${status}`)}</Tag>;
}

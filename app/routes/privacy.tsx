import { ProsePage } from "../ui/ProsePage";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("privacy.title") };

export default function Page() {
  return <ProsePage textKey="privacy" />;
}

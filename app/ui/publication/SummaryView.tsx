/**
 * The published summary ("you said, we did"). Rendered both as the public,
 * cached page (PublicDocument) and inside the officer's preview, so it uses
 * plain links only. Numbers arrive disclosure-controlled; in the preview each
 * also carries its exact figure, shown marked.
 */
import type { PublishedSummary } from "../../domain/publication/summary";
import { SummaryHeader, WhatWeAsked } from "./summary/SummaryHeader";
import type { SummaryMeta } from "./summary/text";
import { ContactAndVersions, NumbersAndData, WhatWeDid } from "./summary/WhatWeDid";
import { FromYourWords, Themes, WhatYouSaid } from "./summary/WhatYouSaid";
import { WhoTookPart } from "./summary/WhoTookPart";

export type { SummaryMeta } from "./summary/text";

export function SummaryView({ summary: s, locale, meta }: { summary: PublishedSummary; locale: string; meta: SummaryMeta | null }) {
  return (
    <div className="app-summary">
      <SummaryHeader s={s} locale={locale} meta={meta} />
      <WhatWeAsked s={s} locale={locale} />
      <WhoTookPart s={s} locale={locale} />
      <WhatYouSaid s={s} locale={locale} />
      <FromYourWords s={s} locale={locale} />
      <Themes s={s} locale={locale} />
      <WhatWeDid s={s} locale={locale} />
      <NumbersAndData s={s} locale={locale} meta={meta} />
      <ContactAndVersions s={s} locale={locale} meta={meta} />
    </div>
  );
}

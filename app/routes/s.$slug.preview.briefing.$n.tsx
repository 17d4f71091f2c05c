// The staff preview (/s/:slug/preview/...): the same page as the citizen journey; answers are kept in memory only.
export { default, headers, loader, handle } from "./s.$slug.briefing.$n";

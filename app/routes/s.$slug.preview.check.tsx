// The staff preview (/s/:slug/preview/...): the same page as the citizen journey; answers are kept in memory only.
export { default, headers, loader, action, handle } from "./s.$slug.check";

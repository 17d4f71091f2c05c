// The staff preview (/s/:slug/preview/...): the same page as the citizen journey; answers live in preview_sessions (never drafts or responses, never counted), dropped after 6 hours.
export { default, headers, loader, action, handle } from "./s.$slug.q.$qid";

// The staff preview (/s/:slug/preview/...): the same page as the citizen journey; answers live in preview_sessions (never drafts or responses, never counted), dropped after 6 hours.
export { loader } from "./s.$slug.download.$format";

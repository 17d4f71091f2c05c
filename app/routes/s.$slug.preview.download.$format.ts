// The staff preview (/s/:slug/preview/...): the same page as the citizen journey; answers are kept in memory only.
export { loader } from "./s.$slug.download.$format";

/**
 * The error page for requests refused before Remix reads them (server.js: a Host that cannot
 * make a URL, a body too large, too slow, compressed, or not a form): the root error boundary
 * renders it in the visitor's language with the status given.
 */
const STATUSES = new Set([400, 408, 413, 415]);

export function loader({ params }: { params: { status?: string } }) {
  const status = Number(params.status);
  throw new Response(null, { status: STATUSES.has(status) ? status : 404 });
}

export default function RequestError() {
  return null;
}

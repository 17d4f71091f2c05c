/** A small browser-like HTTP client: keeps cookies, sends Origin on posts, never follows redirects. */
export class Client {
  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
    /** The cookie jar; pass another client's (`jar`) to be the same browser on another server. */
    private readonly cookies = new Map<string, string>(),
  ) {}

  /** This browser's cookies, to share with a client of another server. */
  get jar(): Map<string, string> {
    return this.cookies;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  async request(pathname: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...(init.headers as Record<string, string> | undefined) });
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    let body = init.body;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const item of [v].flat()) params.append(k, item);
      body = params;
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      if (!headers.has("Origin")) headers.set("Origin", this.base);
    }
    const res = await fetch(new URL(pathname, this.base), { ...init, body, headers, redirect: "manual", method: init.method ?? (init.form ? "POST" : "GET") });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(pathname: string, headers?: Record<string, string>) {
    return this.request(pathname, { headers });
  }
  post(pathname: string, form: Record<string, string | string[]>, headers?: Record<string, string>) {
    return this.request(pathname, { form, headers });
  }

  async signIn(email: string, password: string): Promise<Response> {
    return this.post("/sign-in", { email, password, redirectTo: "" });
  }
}

export const DEMO = {
  admin: { email: "admin@south-notts.example", password: "demo-administrator-2026" },
  officer: { email: "officer@south-notts.example", password: "demo-officer-2026" },
  commissioner: { email: "commissioner@south-notts.example", password: "demo-commissioner-2026" },
  otherOfficer: { email: "officer@mid-notts.example", password: "demo-officer-2026" },
} as const;

/**
 * One signed-in client per actor of the authorisation matrix and the fuzzer: signed out, an
 * anonymous citizen (the cookie the public journey's start page gives), an officer of
 * partnership A and of partnership B, a commissioner and an administrator.
 */
export async function actorClients(url: string): Promise<Record<"signedOut" | "citizen" | "officerA" | "officerB" | "commissioner" | "admin", Client>> {
  const signedIn = async (account: { email: string; password: string }) => {
    const c = new Client(url);
    const res = await c.signIn(account.email, account.password);
    if (res.status !== 302) throw new Error(`sign in ${account.email}: ${res.status}`);
    return c;
  };
  const citizen = new Client(url);
  await citizen.get("/s/joined-up-care");
  return {
    signedOut: new Client(url),
    citizen,
    officerA: await signedIn(DEMO.officer),
    officerB: await signedIn(DEMO.otherOfficer),
    commissioner: await signedIn(DEMO.commissioner),
    admin: await signedIn(DEMO.admin),
  };
}

/** A client signed in as `account` (the sign-in must succeed). */
export async function signedInClient(base: string, account: { email: string; password: string }): Promise<Client> {
  const c = new Client(base);
  const res = await c.signIn(account.email, account.password);
  if (res.status !== 302) throw new Error(`sign-in as ${account.email} answered ${res.status}`);
  return c;
}

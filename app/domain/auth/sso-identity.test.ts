import { describe, expect, it } from "vitest";
import { emailFromClaims, parseDomains } from "./sso-identity";

const provider = { emailClaim: "email", allowedDomains: ["nottscc.gov.uk", "nhs.net"] };

describe("the email an ID token vouches for", () => {
  it("takes a verified address in an allowed domain, lower-cased", () => {
    expect(emailFromClaims({ email: "Ann.Officer@NottsCC.gov.uk", email_verified: true }, provider)).toEqual({ ok: true, email: "ann.officer@nottscc.gov.uk" });
  });
  it("refuses an unverified address, a missing one, and one outside the allowed domains (sub-domains too)", () => {
    expect(emailFromClaims({ email: "a@nhs.net", email_verified: false }, provider)).toEqual({ ok: false, reason: "unverified-email" });
    expect(emailFromClaims({ email: "a@nhs.net", email_verified: "true" }, provider)).toEqual({ ok: false, reason: "unverified-email" });
    expect(emailFromClaims({ email_verified: true }, provider)).toEqual({ ok: false, reason: "no-email" });
    expect(emailFromClaims({ email: "not an address", email_verified: true }, provider)).toEqual({ ok: false, reason: "no-email" });
    expect(emailFromClaims({ email: "a@evil.example", email_verified: true }, provider)).toEqual({ ok: false, reason: "domain-not-allowed" });
    expect(emailFromClaims({ email: "a@x.nhs.net", email_verified: true }, provider)).toEqual({ ok: false, reason: "domain-not-allowed" });
    expect(emailFromClaims({ email: "a@nhs.net.evil.example", email_verified: true }, provider)).toEqual({ ok: false, reason: "domain-not-allowed" });
  });
  it("reads another claim when configured (e.g. Entra ID's upn), which the tenant controls", () => {
    expect(emailFromClaims({ upn: "b@nhs.net" }, { ...provider, emailClaim: "upn" })).toEqual({ ok: true, email: "b@nhs.net" });
  });
});

describe("allowed domains", () => {
  it("reads lines or commas, drops @ and duplicates, refuses what is not a domain", () => {
    expect(parseDomains("NHS.net\n@nottscc.gov.uk, nhs.net")).toEqual(["nhs.net", "nottscc.gov.uk"]);
    expect(parseDomains("")).toBeNull();
    expect(parseDomains("nhs.net, not a domain")).toBeNull();
    expect(parseDomains("localhost")).toBeNull();
  });
});

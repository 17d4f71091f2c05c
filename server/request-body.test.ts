import { expect, it } from "vitest";
import { unsupportedBody, validHost } from "./request-body.js";

it("accepts host names, IPv4 and bracketed IPv6 with a port in range; refuses what cannot make a URL", () => {
  for (const host of ["localhost", "localhost:3000", "consult.example.org", "127.0.0.1:65535", "[::1]", "[::1]:3000", "my_host"])
    expect(validHost(host), host).toBe(true);
  for (const host of ["x:99999", "a b", "[::1", "::1", "a/b", "a@b", "a?b", "a#b", "", "x:", ":80", "a:b", "x".repeat(256), undefined])
    expect(validHost(host), String(host)).toBe(false);
});

it("refuses compressed bodies and bodies that are not forms, whatever the case or parameters", () => {
  expect(unsupportedBody({ "content-type": "application/x-www-form-urlencoded;charset=UTF-8" })).toBeNull();
  expect(unsupportedBody({ "content-type": "Multipart/Form-Data; boundary=x" })).toBeNull();
  expect(unsupportedBody({ "content-type": "application/x-www-form-urlencoded", "content-encoding": "identity" })).toBeNull();
  expect(unsupportedBody({ "content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip" })).toMatch(/Content-Encoding/);
  expect(unsupportedBody({ "content-type": "application/json" })).toMatch(/Content-Type/);
  expect(unsupportedBody({})).toMatch(/Content-Type: \(none\)/);
});

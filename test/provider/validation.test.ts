import { z } from "zod";
import { canonicalIPv6, isHostname, normalizeRecordValue, recordValueProblem, relativeNameProblem } from "../../provider/dns";
import { formatDuration, parseDuration } from "../../provider/duration";
import { flag, idString, numberish, optionalNumber } from "../../provider/lenient";
import { decodeBase32, totpCode } from "../../provider/totp";

describe("recordValueProblem", () => {
  test.each([
    ["A", "192.0.2.1", true],
    ["A", "256.1.1.1", false],
    ["A", "2001:db8::1", false],
    ["AAAA", "2001:db8::1", true],
    ["AAAA", "192.0.2.1", false],
    ["CNAME", "target.example.no.", true],
    ["CNAME", "not a host", false],
    ["MX", "mail.example.no", true],
    ["MX", "-bad.example.no", false],
    ["SRV", "5 5060 sip.example.no", true],
    ["SRV", "5 70000 sip.example.no", false],
    ["SRV", "sip.example.no", false],
    ["CAA", '0 issue "letsencrypt.org"', true],
    ["CAA", "issue letsencrypt.org", false],
    ["TLSA", "3 1 1 abcdef0123", true],
    ["TLSA", "4 1 1 abcdef", false],
    ["SSHFP", "4 2 abcdef0123", true],
    ["SSHFP", "5 2 abcdef", false],
    ["TXT", "v=spf1 -all", true],
    ["TXT", "x".repeat(4097), false],
  ])("%s %p valid: %s", (type, value, valid) => {
    expect(recordValueProblem(type, value) === undefined).toBe(valid);
  });
});

describe("relativeNameProblem", () => {
  test.each([
    ["@", true],
    ["www", true],
    ["_dmarc", true],
    ["*.dev", true],
    ["a.b.c", true],
    ["www.example.no.", false],
    ["bad name", false],
    ["-x", false],
    ["a..b", false],
    ["x.*", false],
  ])("%p valid: %s", (name, valid) => {
    expect(relativeNameProblem(name) === undefined).toBe(valid);
  });
});

test.each([
  ["mail.example.no", true],
  ["mail.example.no.", true],
  ["a".repeat(64) + ".no", false],
  ["", false],
])("isHostname(%p) = %s", (name, expected) => {
  expect(isHostname(name)).toBe(expected);
});

describe("normalizeRecordValue", () => {
  test.each([
    ["CNAME", "Target.Example.NO.", "target.example.no"],
    ["MX", "mail.example.no.", "mail.example.no"],
    ["SRV", "05 5060 SIP.example.no.", "5 5060 sip.example.no"],
    ["AAAA", "2001:DB8:0:0::1", "2001:db8::1"],
    ["TXT", "Keep  As Is", "Keep  As Is"],
    ["TLSA", "3  1 1 ABCDEF", "3 1 1 abcdef"],
  ])("%s %p → %p", (type, value, expected) => {
    expect(normalizeRecordValue(type, value)).toBe(expected);
  });
});

test.each([
  ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
  ["2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329"],
  ["::1", "::1"],
  ["fe80::", "fe80::"],
  ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"],
])("canonicalIPv6(%p) = %p", (address, expected) => {
  expect(canonicalIPv6(address)).toBe(expected);
});

describe("durations", () => {
  test.each([
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["1.5m", 90_000],
    ["5", undefined],
    ["five minutes", undefined],
    ["0s", undefined],
  ])("parseDuration(%p) = %p", (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
  test.each([
    [250, "250ms"],
    [90_000, "1m30s"],
    [3_600_000, "1h"],
  ])("formatDuration(%p) = %p", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("lenient wire types", () => {
  test.each([
    [42, 42],
    ["42", 42],
    [" 7 ", 7],
    ["-1.5", -1.5],
  ])("numberish(%p) = %p", (input, expected) => {
    expect(numberish.parse(input)).toBe(expected);
  });
  test.each([[""], [null], ["abc"], [undefined]])("numberish rejects %p", (input) => {
    expect(numberish.safeParse(input).success).toBe(false);
  });
  test.each([
    [true, true],
    [0, false],
    ["1", true],
    ["0", false],
    ["false", false],
  ])("flag(%p) = %p", (input, expected) => {
    expect(flag.parse(input)).toBe(expected);
  });
  test("idString and optionalNumber", () => {
    expect(idString.parse(123)).toBe("123");
    expect(idString.parse("abc")).toBe("abc");
    expect(optionalNumber.parse(null)).toBeNull();
    expect(optionalNumber.parse("")).toBeNull();
    expect(optionalNumber.parse("10")).toBe(10);
    // "may be missing": an absent key in an object parses to null
    expect(z.object({ count: optionalNumber }).parse({})).toEqual({ count: null });
  });
});

describe("TOTP (RFC 6238 appendix B, SHA-1)", () => {
  // The RFC's key is the ASCII "12345678901234567890"; these are its 8-digit vectors.
  const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  test("base32 decodes the RFC key", () => {
    expect(decodeBase32(secret).toString()).toBe("12345678901234567890");
  });
  test.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
  ])("at %s s → %s", (seconds, code) => {
    expect(totpCode(secret, seconds * 1000, 30, 8)).toBe(code);
  });
});

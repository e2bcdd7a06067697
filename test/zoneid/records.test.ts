import { validateInputs } from "../../provider/inputs";
import { zoneidFieldErrors, zoneidMessage } from "../../provider/zoneid/wire";
import { dnsRecordArgs, recordFromWire, recordToWire } from "../../resources/zoneid/dnsRecord";
import { normalizeRecordName } from "../../resources/zoneid/names";

const check = (raw: Record<string, unknown>) => validateInputs(dnsRecordArgs, { zone: "example.com", ...raw });

describe("valid records of every type normalize", () => {
  test.each([
    [{ type: "A", name: "www", destination: " 192.0.2.1 " }, { type: "a", name: "www", destination: "192.0.2.1" }],
    [{ type: "aaaa", name: "@", destination: "2001:DB8:0:0::1" }, { type: "aaaa", name: "@", destination: "2001:db8::1" }],
    [{ type: "ns", name: "sub", destination: "NS1.Example.net." }, { destination: "ns1.example.net" }],
    [{ type: "mx", destination: "mail.example.com", priority: 10 }, { name: "@", priority: 10 }],
    [{ type: "cname", name: "www.example.com.", destination: "lb.example.net" }, { name: "www" }],
    [{ type: "txt", name: "_dmarc.example.com", destination: "v=DMARC1; p=none" }, { name: "_dmarc" }],
    [{ type: "caa", destination: "letsencrypt.org", tag: "issue" }, { flag: 0, tag: "issue" }],
    [{ type: "sshfp", name: "host", destination: "ABCDEF01", algorithm: 4, fingerprintType: 2 }, { destination: "abcdef01" }],
    [{ type: "srv", name: "_sip._tcp", destination: "sip.example.com", priority: 10, weight: 5, port: 5060 }, { port: 5060 }],
    [{ type: "url", name: "go", destination: "https://www.example.com/x" }, { redirectType: 301 }],
    [{ type: "tlsa", name: "_443._tcp", destination: "20DE66", certificateUsage: 3, selector: 1, matchingType: 1 }, { destination: "20de66" }],
    [{ type: "a", name: "example.com", destination: "192.0.2.1" }, { name: "@" }],
  ])("%j", (raw, expected) => {
    const { inputs, failures } = check(raw);
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject(expected);
  });
});

describe("invalid input of each type is rejected with the property named", () => {
  test.each([
    [{ type: "a", destination: "999.1.1.1" }, "destination"],
    [{ type: "a", destination: "192.0.2.1", priority: 10 }, "priority"],
    [{ type: "aaaa", destination: "192.0.2.1" }, "destination"],
    [{ type: "ns", destination: "not a host" }, "destination"],
    [{ type: "mx", destination: "mail.example.com" }, "priority"],
    [{ type: "mx", destination: "mail.example.com", priority: 70000 }, "priority"],
    [{ type: "cname", name: "@", destination: "lb.example.net" }, "name"],
    [{ type: "cname", name: "www", destination: "lb.example.net", weight: 1 }, "weight"],
    [{ type: "txt", destination: "" }, "destination"],
    [{ type: "caa", destination: "letsencrypt.org", tag: "issues" }, "tag"],
    [{ type: "caa", destination: "letsencrypt.org", tag: "issue", flag: 256 }, "flag"],
    [{ type: "sshfp", destination: "abcd", algorithm: 5, fingerprintType: 1 }, "algorithm"],
    [{ type: "sshfp", destination: "abcd", algorithm: 1, fingerprintType: 3 }, "fingerprintType"],
    [{ type: "sshfp", destination: "xyz", algorithm: 1, fingerprintType: 1 }, "destination"],
    [{ type: "srv", destination: "sip.example.com", priority: 1, weight: 1 }, "port"],
    [{ type: "srv", destination: "sip.example.com", priority: 1, weight: -1, port: 5060 }, "weight"],
    [{ type: "url", destination: "ftp://x", redirectType: 301 }, "destination"],
    [{ type: "url", destination: "https://x.example", redirectType: 307 }, "redirectType"],
    [{ type: "tlsa", destination: "ab", certificateUsage: 4, selector: 0, matchingType: 0 }, "certificateUsage"],
    [{ type: "tlsa", destination: "ab", certificateUsage: 0, selector: 2, matchingType: 0 }, "selector"],
    [{ type: "tlsa", destination: "ab", certificateUsage: 0, selector: 0, matchingType: 3 }, "matchingType"],
    [{ type: "a", name: "www.other.org.", destination: "192.0.2.1" }, "name"],
    [{ type: "ptr", destination: "x.example.com" }, "type"],
    [{ type: "a", destination: "192.0.2.1", ttl: 60 }, "ttl"],
    [{ type: "a", destination: "192.0.2.1", zone: "nodot" }, "zone"],
  ])("%j → %s", (raw, property) => {
    const { failures } = check(raw);
    expect(failures.map((failure) => failure.property)).toContain(property);
  });
});

test("names: relative, apex, fully qualified with and without the dot", () => {
  expect(normalizeRecordName("www", "example.com")).toEqual({ relative: "www", fqdn: "www.example.com" });
  expect(normalizeRecordName("@", "example.com")).toEqual({ relative: "@", fqdn: "example.com" });
  expect(normalizeRecordName("A.B.Example.com.", "example.com")).toEqual({ relative: "a.b", fqdn: "a.b.example.com" });
  expect(normalizeRecordName("www.dev", "example.com")).toEqual({ relative: "www.dev", fqdn: "www.dev.example.com" });
  expect(normalizeRecordName("www.example.org.", "example.com")).toHaveProperty("problem");
});

test("mappers: type-specific fields travel under their wire names and back", () => {
  const { inputs } = check({ type: "sshfp", name: "h", destination: "ab", algorithm: 1, fingerprintType: 2 });
  const { adopt: _a, ...content } = inputs as never as Record<string, unknown>;
  expect(recordToWire(content as never)).toEqual({ name: "h.example.com", destination: "ab", algorithm: 1, type: 2 });
  const back = recordFromWire("example.com", "sshfp", {
    id: "7", name: "h.example.com", destination: "AB", algorithm: 1, type: 2, delete: true, modify: true,
    resource_url: null, priority: null, weight: null, port: null, flag: null, tag: null, certificate_usage: null, selector: null, matching_type: null,
  });
  expect(back).toEqual({ zone: "example.com", type: "sshfp", name: "h", destination: "ab", algorithm: 1, fingerprintType: 2, recordId: "7", fqdn: "h.example.com", system: false });
});

test("error text: X-Status-Message, and 422 field errors shaped like the resource", () => {
  const body = [{ destination: ["Invalid IPv4 address"], name: "Name is required" }];
  expect(zoneidMessage(body, { "x-status-message": "Validation failed" }, 422)).toBe("Validation failed");
  expect(zoneidFieldErrors(body)).toEqual([
    { field: "destination", message: "Invalid IPv4 address" },
    { field: "name", message: "Name is required" },
  ]);
  expect(zoneidMessage([], {}, 402)).toMatch(/package must be upgraded/);
  expect(zoneidMessage({ messages: ["one", "two"] }, {}, 422)).toBe("one; two");
  expect(zoneidFieldErrors({ messages: ["one", "two"] })).toEqual([]);
});

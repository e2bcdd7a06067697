import { validateInputs } from "../../provider/inputs";
import { deleteMatchValue, dnsRecordArgs, findRecord, recordFromWire, recordToWire, sameContent } from "../../resources/gigahost/dnsRecord";
import { dnsZoneArgs, zoneFromWire } from "../../resources/gigahost/dnsZone";

const base = { zoneId: "100", name: "www", type: "A", value: "192.0.2.1" };

describe("DnsRecord check", () => {
  test.each([
    ["a valid A record with defaults", base, []],
    ["lower-case type and upper-case name are normalized", { ...base, type: "a", name: "WWW" }, []],
    ["A with an IPv6 value", { ...base, value: "2001:db8::1" }, ["value"]],
    ["AAAA with an IPv4 value", { ...base, type: "AAAA" }, ["value"]],
    ["MX without priority", { ...base, type: "MX", value: "mail.example.no" }, ["priority"]],
    ["priority on an A record", { ...base, priority: 10 }, ["priority"]],
    ["TTL below the minimum", { ...base, ttl: 10 }, ["ttl"]],
    ["TTL above the maximum", { ...base, ttl: 10_000_000 }, ["ttl"]],
    ["TTL not a whole number", { ...base, ttl: 61.5 }, ["ttl"]],
    ["TTL as a string", { ...base, ttl: "3600" }, ["ttl"]],
    ["fully qualified name", { ...base, name: "www.example.no." }, ["name"]],
    ["name with a space", { ...base, name: "my host" }, ["name"]],
    ["unknown type", { ...base, type: "SPF" }, ["type"]],
    ["zone id that is not numeric", { ...base, zoneId: "example.no" }, ["zoneId"]],
    ["CNAME at the apex", { ...base, type: "CNAME", name: "@", value: "x.example.no" }, ["name"]],
    ["SRV without weight/port/target", { ...base, type: "SRV", value: "sip.example.no", priority: 10 }, ["value"]],
    ["missing value", { zoneId: "100", type: "TXT" }, ["value"]],
    ["unknown property", { ...base, zone: "x" }, ["zone"]],
  ])("%s", (_label, raw, properties) => {
    const { failures } = validateInputs(dnsRecordArgs, raw as Record<string, unknown>);
    expect(failures.map((failure) => failure.property).sort()).toEqual([...properties].sort());
  });

  test("defaults and normalization", () => {
    const { inputs } = validateInputs(dnsRecordArgs, { zoneId: "100", type: "mx", value: "Mail.Example.NO.", priority: 10 });
    expect(inputs).toEqual({ zoneId: "100", name: "@", type: "MX", value: "mail.example.no", ttl: 3600, priority: 10, adopt: false });
  });
});

describe("DnsZone check", () => {
  test.each([
    [{ name: "example.no" }, []],
    [{ name: "Example.NO." }, []],
    [{ name: "localhost" }, ["name"]],
    [{ name: "bad_zone!.no" }, ["name"]],
    [{ name: "example.no", type: "PRIMARY" }, ["type"]],
    [{ name: "example.no", zoneFile: "x".repeat(2 * 1024 * 1024 + 1) }, ["zoneFile"]],
    [{ name: "example.no", createDefaultRecords: "yes" }, ["createDefaultRecords"]],
  ])("%p → failures on %p", (raw, properties) => {
    expect(validateInputs(dnsZoneArgs, raw).failures.map((failure) => failure.property)).toEqual(properties);
  });

  test("zone facts decode from strings", () => {
    const zone = zoneFromWire({
      zone_id: "123",
      zone_name: "Example.no",
      zone_type: "NATIVE",
      zone_active: true,
      zone_protected: true,
      zone_is_registered: true,
      domain_registrar: "norid",
      domain_status: "active",
      domain_expiry_date: "2027-12-31 23:59:59",
      domain_auto_renew: true,
      external_dns: false,
      record_count: 5,
    });
    expect(zone).toEqual({
      zoneId: "123",
      name: "example.no",
      type: "NATIVE",
      active: true,
      protected: true,
      registered: true,
      externalDns: false,
      recordCount: 5,
      autoRenew: true,
      registrar: "norid",
      domainStatus: "active",
      domainExpiryDate: "2027-12-31 23:59:59",
    });
  });
});

describe("record identity", () => {
  const wire = (id: string, name: string, type: string, value: string, priority: number | null = null, ttl = 3600) => ({
    record_id: id,
    record_name: name,
    record_type: type,
    record_value: value,
    record_ttl: ttl,
    record_priority: priority,
  });
  const records = [
    recordFromWire("1", wire("h1", "www", "A", "192.0.2.1")),
    recordFromWire("1", wire("h2", "www", "A", "192.0.2.2", 0)),
    recordFromWire("1", wire("h3", "@", "MX", "mail.example.no.", 10, 600)),
  ];

  test("wire records map to state; priority is kept only for MX and SRV", () => {
    expect(records[1]).toEqual({ recordId: "h2", zoneId: "1", name: "www", type: "A", value: "192.0.2.2", ttl: 3600, priority: undefined });
    expect(records[2]).toMatchObject({ value: "mail.example.no", priority: 10, ttl: 600 });
  });

  test("found by id first, then by content (ids are content hashes)", () => {
    expect(findRecord(records, "h2", { name: "www", type: "A", value: "192.0.2.1" })?.recordId).toBe("h2");
    expect(findRecord(records, "stale", { name: "www", type: "A", value: "192.0.2.1" })?.recordId).toBe("h1");
    expect(findRecord(records, "stale", { name: "www", type: "A", value: "192.0.2.9" })).toBeUndefined();
  });

  test("content ignores TTL but not priority", () => {
    expect(sameContent(records[2], { name: "@", type: "MX", value: "mail.example.no", priority: 10 })).toBe(true);
    expect(sameContent(records[2], { name: "@", type: "MX", value: "mail.example.no", priority: 20 })).toBe(false);
  });

  test("the delete value narrows to one record; MX is written '<priority> <host>.'", () => {
    expect(deleteMatchValue(records[0])).toBe("192.0.2.1");
    expect(deleteMatchValue(records[2])).toBe("10 mail.example.no.");
  });

  test("toWire sends priority only when there is one", () => {
    expect(recordToWire({ name: "www", type: "A", value: "192.0.2.1", ttl: 300 })).toEqual({ record_name: "www", record_type: "A", record_value: "192.0.2.1", record_ttl: 300 });
    expect(recordToWire({ name: "@", type: "MX", value: "m.example.no", ttl: 300, priority: 5 }).record_priority).toBe(5);
  });
});

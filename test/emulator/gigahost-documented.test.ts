// The Gigahost emulator held to its documents (docs/vendor-documents.md,
// "Gigahost and Terrahost"): undocumented request fields and values are
// refused the way a strict API would, and the documented answers and
// refusals are produced where the documents describe them.
import { DEFAULT_GIGAHOST_API_KEY } from "../../emulator/gigahost";
import { GigahostClient } from "../../provider/gigahost/client";
import { vendorSettings } from "../../provider/settings";
import { type GigahostHarness, startGigahost } from "./harness";

const badRequest = (message: string) => ({ meta: { status: 400, status_message: "400 Bad Request", message } });

describe("Gigahost emulator: request fields held to the documents", () => {
  let h: GigahostHarness;
  let zoneId: string;
  let serverId: string;
  beforeEach(async () => {
    h = await startGigahost();
    zoneId = h.emulator.addZone({ name: "example.no" }).zone_id;
    serverId = h.emulator.servers.addServer({ type: "dedicated" }).id;
  });
  afterEach(() => h.server.close());

  it.each([
    ["POST", "/authenticate", { username: "a@example.no", password: "x", remember: true }, "Unknown parameter: remember"],
    ["POST", "/dns/zones", { zone_name: "ny.no", zone_kind: "NATIVE" }, "Unknown parameter: zone_kind"],
    ["POST", "/dns/zones", { zone_name: "ny.no", zone_type: "native" }, 'Invalid value for zone_type: must be one of "NATIVE", "MASTER", "SLAVE".'],
    ["POST", "/dns/zones/:zone/records", { record_value: "192.0.2.1", record_weight: 5 }, "Unknown parameter: record_weight"],
    ["PUT", "/dns/zones/:zone/records/abc", { record_value: "192.0.2.1", ttl: 60 }, "Unknown parameter: ttl"],
    ["POST", "/dns/zones/ptr", { prefix: "192.0.2.0/24", ip_version: "4", zone_name: "2.0.192.in-addr.arpa" }, 'Invalid value for ip_version: must be one of "ipv4", "ipv6".'],
    ["POST", "/dns/zones/:zone/redirect", { source: "www", target_url: "https://example.net", code: 301 }, "Unknown parameter: code"],
    ["PUT", "/dns/zones/:zone/auto-renew", { auto_renew: true }, "Invalid value for auto_renew: must be one of 0, 1."],
    ["PUT", "/dns/zones/:zone/dnssec", { enable: 2 }, "Invalid value for enable: must be one of 0, 1."],
    ["PUT", "/dns/zones/:zone/registrant-email", { email: "a@example.no", protection: 1 }, "Unknown parameter: protection"],
    ["POST", "/dns/domains/register", { domain_name: "ny.no", use_gigahost_ns: 1 }, "Invalid value for use_gigahost_ns: must be one of true, false."],
    ["POST", "/dns/domains/register", { domain_name: "ny.no", registrant_type: "company" }, 'Invalid value for registrant_type: must be one of "organization", "person".'],
    ["POST", "/bgp/asn", { asn: "212345", name: "x" }, "Unknown parameter: name"],
    ["POST", "/bgp/1/session", { redundant: 2, defaultroute: 0, ip_id_v4: 1 }, "Invalid value for redundant: must be one of 0, 1."],
    ["PUT", "/servers/:server/name", { name: "web", label: "web" }, "Unknown parameter: label"],
    ["POST", "/servers/:server/snapshot", { name: "a", description: "b" }, "Unknown parameter: description"],
    ["PUT", "/servers/:server/reverse", { ip_id: 1, dns: "a.example.no", ttl: 60 }, "Unknown parameter: ttl"],
    ["POST", "/servers/:server/reinstall", { os_id: 72, language: "en_US", keyboard: "no", timezone: "Europe/Oslo", hostname: "a.example.no", ssh_key: "k" }, "Unknown parameter: ssh_key"],
    ["POST", "/deploy/servers", { pid: 1, coupon: "FREE" }, "Unknown parameter: coupon"],
  ])("%s %s refuses %j with 400 naming the field", async (method, path, body, message) => {
    const answer = await h.call(method, path.replace(":zone", zoneId).replace(":server", serverId), body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(badRequest(message));
  });

  it("DELETE of a record takes name, type and the live-verified value, nothing else", async () => {
    h.emulator.addRecord(zoneId, { name: "www", type: "A", value: "192.0.2.1" });
    const refused = await h.call("DELETE", `/dns/zones/${zoneId}/records/x?name=www&type=A&ttl=3600`);
    expect(refused.body).toEqual(badRequest("Unknown parameter: ttl"));
    expect(h.emulator.records(zoneId)).toHaveLength(1);
    expect((await h.call("DELETE", `/dns/zones/${zoneId}/records/x?name=www&type=A&value=192.0.2.1`)).status).toBe(200);
    expect(h.emulator.records(zoneId)).toEqual([]);
  });

  it("external DS records: the documented item fields only", async () => {
    const zone = h.emulator.addZone({ name: "sikker.no", registered: true });
    await h.call("PUT", `/dns/zones/${zone.zone_id}/nameservers`, { nameservers: ["ns1.example.net", "ns2.example.net"] });
    const item = { keyTag: 1, alg: 8, digestType: 2, digest: "b".repeat(64) };
    const path = `/dns/zones/${zone.zone_id}/ds-records/external`;
    expect((await h.call("POST", path, { ds_records: [{ ...item, key_tag: 1 }] })).body).toEqual(badRequest("Unknown parameter: ds_records[].key_tag"));
    expect((await h.call("POST", path, { ds_records: [{ ...item, alg: 9 }] })).body).toEqual(badRequest("Invalid value for alg: must be one of 5, 7, 8, 10, 13, 14, 15, 16."));
    expect((await h.call("POST", path, { ds_records: [{ ...item, digestType: 3 }] })).body).toEqual(badRequest("Invalid value for digestType: must be one of 1, 2, 4."));
    expect((await h.call("POST", path, { ds_records: [item] })).status).toBe(200);
  });

  it("register takes use_gigahost_ns as the documented boolean", async () => {
    const body = {
      domain_name: "ny.no",
      registrant_type: "organization",
      org_number: "123456789",
      company_name: "Eksempel AS",
      email: "post@example.no",
      applicant_name: "Kari Nordmann",
      zip_code: "0123",
      city: "Oslo",
    };
    // "1" is not the documented boolean: refused, and nothing is registered.
    expect((await h.call("POST", "/dns/domains/register", { ...body, use_gigahost_ns: "1" })).body).toEqual(
      badRequest("Invalid value for use_gigahost_ns: must be one of true, false."),
    );
    expect(h.emulator.zoneByName("ny.no")).toBeUndefined();
    const refused = await h.call("POST", "/dns/domains/register", { ...body, use_gigahost_ns: false });
    expect(refused.body).toEqual(badRequest("At least 2 nameservers are required when not using Gigahost nameservers."));
    const registered = await h.call("POST", "/dns/domains/register", { ...body, use_gigahost_ns: true });
    expect(registered.status).toBe(200);
    expect(registered.body.data.zone_id).toBe(h.emulator.zoneByName("ny.no")!.zone_id);
  });
});

describe("Gigahost emulator: documented answers and refusals", () => {
  it("POST /dns/zones answers the live `data: []` by default and the documented `data.zone_id` when asked", async () => {
    const live = await startGigahost();
    const documented = await startGigahost({ quirks: { zoneCreateAnswer: "documented" } });
    try {
      expect((await live.call("POST", "/dns/zones", { zone_name: "a.no" })).body.data).toEqual([]);
      const answer = await documented.call("POST", "/dns/zones", { zone_name: "a.no" });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        meta: { status: 201, status_message: "201 Created", message: "Zone created successfully." },
        data: { zone_id: documented.emulator.zoneByName("a.no")!.zone_id },
      });
    } finally {
      await live.server.close();
      await documented.server.close();
    }
  });

  it("the client takes the zone id from the documented answer, and none from the live one", async () => {
    for (const [zoneCreateAnswer, expectId] of [["documented", true], ["live", false]] as const) {
      const h = await startGigahost({ quirks: { zoneCreateAnswer } });
      try {
        const settings = vendorSettings("gigahost", (key) => ({ "gigahost:apiUrl": h.base, "gigahost:apiKey": DEFAULT_GIGAHOST_API_KEY })[key], {});
        const client = new GigahostClient("gigahost", settings);
        const zoneId = await client.createZone({ zone_name: "a.no", zone_type: "NATIVE", create_default_records: false });
        expect(zoneId).toBe(expectId ? h.emulator.zoneByName("a.no")!.zone_id : undefined);
      } finally {
        await h.server.close();
      }
    }
  });

  it('BGP sessions: "Unable to find available BGP routers." when the server\'s datacenter has none to spare', async () => {
    const h = await startGigahost();
    try {
      const dc1 = h.emulator.servers.addServer({ location: "DC1", ipv4Count: 2 });
      h.emulator.bgp.submitAsn("212345");
      const asnId = h.emulator.bgp.asnByNumber(212345)!.id;
      h.emulator.bgp.setAsnStatus(asnId, "active");
      h.emulator.bgp.setAvailableRouters("DC1", ["7"]);
      const noRouters = badRequest("Unable to find available BGP routers.");
      // A redundant set needs two routers; DC1 has one.
      const redundant = await h.call("POST", `/bgp/${asnId}/session`, { redundant: 1, defaultroute: 0, ip_id_v4: dc1.ips[0].id });
      expect(redundant.body).toEqual(noRouters);
      const single = await h.call("POST", `/bgp/${asnId}/session`, { redundant: 0, defaultroute: 0, ip_id_v4: dc1.ips[0].id });
      expect(single.status).toBe(200);
      expect(h.emulator.bgp.sessionsOf(asnId).map((session) => session.routerId)).toEqual(["7"]);
      h.emulator.bgp.setAvailableRouters("DC1", []);
      expect((await h.call("POST", `/bgp/${asnId}/session`, { redundant: 0, defaultroute: 0, ip_id_v4: dc1.ips[1].id })).body).toEqual(noRouters);
      expect(h.emulator.bgp.sessionsOf(asnId)).toHaveLength(1);
    } finally {
      await h.server.close();
    }
  });

  it('powerstate is answered "if supported": 405 where it is not', async () => {
    const h = await startGigahost();
    try {
      const server = h.emulator.servers.addServer({ powerStateReadable: false });
      const answer = await h.call("GET", `/servers/${server.id}/powerstate`);
      expect(answer.status).toBe(405);
      expect(answer.body.meta.message).toBe("Powerstate is not supported for this server.");
    } finally {
      await h.server.close();
    }
  });
});

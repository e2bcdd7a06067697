import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_GIGAHOST_API_KEY } from "../../emulator/gigahost";
import { type GigahostHarness, callJson, startGigahost, gigahostForEachTest } from "./harness";

const BUSY = { meta: { status: 500, status_message: "500 Internal Server Error", message: "Internal server error" } };

describe("Gigahost emulator DNS zones", () => {
  const h = gigahostForEachTest();

  it("answers zone creation with 201 and an empty data array, like the live API", async () => {
    const created = await h.call("POST", "/dns/zones", { zone_name: "Example.NO" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ meta: { status: 201, status_message: "201 Created", message: "Zone created successfully." }, data: [] });

    const listed = await h.call("GET", "/dns/zones");
    expect(listed.body.data).toEqual([
      {
        zone_id: expect.stringMatching(/^\d+$/),
        cust_id: "10001",
        zone_name: "example.no",
        zone_name_display: "example.no",
        zone_type: "NATIVE",
        zone_active: "1",
        zone_protected: "0",
        zone_is_registered: "0",
        domain_registrar: null,
        domain_status: null,
        domain_expiry_date: null,
        domain_auto_renew: "0",
        external_dns: "0",
        record_count: 0,
        zone_updated: expect.any(Number),
      },
    ]);
  });

  it("gives zones increasing numeric ids", async () => {
    await h.call("POST", "/dns/zones", { zone_name: "a.no" });
    await h.call("POST", "/dns/zones", { zone_name: "b.no" });
    const [a, b] = (await h.call("GET", "/dns/zones")).body.data;
    expect(Number(b.zone_id)).toBeGreaterThan(Number(a.zone_id));
  });

  it.each([
    [{ zone_name: "not a domain" }, "Invalid zone name."],
    [{ zone_name: "" }, "Invalid zone name."],
    [{}, "Invalid zone name."],
    [{ zone_name: "nodot" }, "Invalid zone name."],
    [{ zone_name: "ok.no", zone_type: "PRIMARY" }, 'Invalid value for zone_type: must be one of "NATIVE", "MASTER", "SLAVE".'],
    // The documented values are upper case; a strict API does not guess.
    [{ zone_name: "ok.no", zone_type: "master" }, 'Invalid value for zone_type: must be one of "NATIVE", "MASTER", "SLAVE".'],
    [{ zone_name: "ok.no", zone_kind: "NATIVE" }, "Unknown parameter: zone_kind"],
    [{ zone_name: "ok.no", transfer_domain: true }, "Auth code is required for domain transfers."],
  ])("refuses %j with 400", async (body, message) => {
    const answer = await h.call("POST", "/dns/zones", body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ meta: { status: 400, status_message: "400 Bad Request", message } });
    expect(h.emulator.zones()).toEqual([]);
  });

  it("refuses a duplicate zone", async () => {
    await h.call("POST", "/dns/zones", { zone_name: "example.no" });
    const again = await h.call("POST", "/dns/zones", { zone_name: "EXAMPLE.no." });
    expect(again.status).toBe(400);
    expect(again.body.meta.message).toBe("Zone already exists.");
  });

  it("adds Gigahost's name servers when create_default_records is set", async () => {
    await h.call("POST", "/dns/zones", { zone_name: "example.no", create_default_records: true, zone_type: "MASTER" });
    const zone = h.emulator.zoneByName("example.no")!;
    expect(zone.zone_type).toBe("MASTER");
    expect(zone.record_count).toBe(2);
    expect(h.emulator.records(zone.zone_id).map((r) => [r.record_name, r.record_type, r.record_value, Number(r.record_ttl)])).toEqual([
      ["@", "NS", "ns1.gigahost.no", 86400],
      ["@", "NS", "ns2.gigahost.no", 86400],
    ]);
  });

  it("lists registered zones with registrar details", () => {
    const zone = h.emulator.addZone({ name: "registered.no", registered: true });
    expect(zone).toMatchObject({
      zone_protected: "1",
      zone_is_registered: "1",
      domain_registrar: "norid",
      domain_status: "active",
      domain_expiry_date: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      domain_auto_renew: "1",
    });
  });

  it("refuses to delete a protected zone and keeps it", async () => {
    const zone = h.emulator.addZone({ name: "registered.no", registered: true });
    const answer = await h.call("DELETE", `/dns/zones/${zone.zone_id}`);
    expect(answer.status).toBe(403);
    expect(answer.body.meta.message).toBe("Protected zones (registered domains) cannot be deleted.");
    expect(h.emulator.zoneByName("registered.no")).toBeDefined();
  });

  it("deletes an unprotected zone with its records, then answers 404", async () => {
    const zone = h.emulator.addZone({ name: "example.no" });
    h.emulator.addRecord(zone.zone_id, { name: "www", type: "A", value: "192.0.2.1" });
    const deleted = await h.call("DELETE", `/dns/zones/${zone.zone_id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.meta.message).toBe("Zone deleted successfully.");
    expect(h.emulator.zones()).toEqual([]);

    const again = await h.call("DELETE", `/dns/zones/${zone.zone_id}`);
    expect(again.status).toBe(404);
    expect(again.body.meta.message).toBe("Zone not found.");
    expect((await h.call("GET", `/dns/zones/${zone.zone_id}/records`)).status).toBe(404);
  });
});

describe("Gigahost emulator DNS records", () => {
  let h: GigahostHarness;
  let zoneId: string;
  const records = () => h.call("GET", `/dns/zones/${zoneId}/records`).then((a) => a.body.data as Record<string, unknown>[]);
  const create = (body: unknown) => h.call("POST", `/dns/zones/${zoneId}/records`, body);

  beforeEach(async () => {
    h = await startGigahost();
    zoneId = h.emulator.addZone({ name: "example.no" }).zone_id;
  });
  afterEach(() => h.server.close());

  it("creates a record with 201 and no data, so the id must be found by listing", async () => {
    const answer = await create({ record_name: "WWW", record_type: "A", record_value: "192.0.2.10", record_ttl: "300" });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ meta: { status: 201, status_message: "201 Created", message: "Record created successfully." } });

    const [record] = await records();
    expect(record).toEqual({
      record_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      record_name: "www",
      record_type: "A",
      record_value: "192.0.2.10",
      record_ttl: expect.anything(),
      record_priority: null,
    });
    expect(Number(record.record_ttl)).toBe(300);
    expect(h.emulator.zoneByName("example.no")!.record_count).toBe(1);
  });

  it("applies the documented defaults: name @, type A, TTL 3600", async () => {
    await create({ record_value: "192.0.2.1" });
    const [record] = await records();
    expect(record).toMatchObject({ record_name: "@", record_type: "A", record_value: "192.0.2.1", record_priority: null });
    expect(Number(record.record_ttl)).toBe(3600);
  });

  it("lists record_ttl as a number for some records and a string for others", async () => {
    for (let i = 1; i <= 12; i++) await create({ record_name: `host${i}`, record_value: `192.0.2.${i}` });
    const ttlTypes = new Set((await records()).map((r) => typeof r.record_ttl));
    expect(ttlTypes).toEqual(new Set(["number", "string"]));
  });

  it.each([
    [{ record_type: "A", record_value: "300.1.1.1" }, "Invalid IPv4 address."],
    [{ record_type: "AAAA", record_value: "192.0.2.1" }, "Invalid IPv6 address."],
    [{ record_type: "MX", record_value: "mail.example.no" }, "Priority is required for MX records."],
    [{ record_type: "A" }, "Record value is required."],
    [{ record_type: "BOGUS", record_value: "x" }, "Invalid record type."],
    [{ record_type: "A", record_value: "192.0.2.1", record_ttl: "soon" }, "Invalid TTL."],
    [{ record_name: "bad name", record_value: "192.0.2.1" }, "Invalid record name."],
  ])("refuses %j with 400", async (body, message) => {
    const answer = await create(body);
    expect(answer.status).toBe(400);
    expect(answer.body.meta).toEqual({ status: 400, status_message: "400 Bad Request", message });
    expect(await records()).toEqual([]);
  });

  it("refuses an exact duplicate but accepts a sibling in the same RRset", async () => {
    const record = { record_name: "www", record_type: "A", record_value: "192.0.2.1" };
    expect((await create(record)).status).toBe(201);
    const duplicate = await create({ ...record, record_ttl: 60 });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.meta.message).toBe("Record already exists.");
    expect((await create({ ...record, record_value: "192.0.2.2" })).status).toBe(201);
    expect(await records()).toHaveLength(2);
  });

  it("accepts MX priority sent as a string and stores it as a number", async () => {
    await create({ record_type: "MX", record_value: "mail.example.no", record_priority: "10" });
    expect((await records())[0]).toMatchObject({ record_type: "MX", record_value: "mail.example.no", record_priority: 10 });
  });

  it("gives a record a new id when it is updated (ids are content hashes)", async () => {
    await create({ record_name: "www", record_value: "192.0.2.1" });
    const [before] = await records();
    const updated = await h.call("PUT", `/dns/zones/${zoneId}/records/${before.record_id}`, {
      record_name: "www",
      record_type: "A",
      record_value: "192.0.2.99",
      record_ttl: 3600,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ meta: { status: 200, status_message: "200 OK", message: "Record updated successfully." } });

    const [after] = await records();
    expect(after.record_value).toBe("192.0.2.99");
    expect(after.record_id).not.toBe(before.record_id);

    const stale = await h.call("PUT", `/dns/zones/${zoneId}/records/${before.record_id}`, { record_name: "www", record_value: "192.0.2.5" });
    expect(stale.status).toBe(404);
    expect(stale.body.meta.message).toBe("Record not found.");
  });

  it("validates updates like creations and changes nothing on failure", async () => {
    await create({ record_name: "www", record_value: "192.0.2.1" });
    const [before] = await records();
    const answer = await h.call("PUT", `/dns/zones/${zoneId}/records/${before.record_id}`, { record_name: "www", record_type: "AAAA", record_value: "192.0.2.1" });
    expect(answer.status).toBe(400);
    expect(answer.body.meta.message).toBe("Invalid IPv6 address.");
    expect(await records()).toEqual([before]);
  });

  it("applies the documented PUT defaults to omitted fields instead of keeping current values", async () => {
    await create({ record_name: "www", record_type: "A", record_value: "192.0.2.1", record_ttl: 300 });
    const [before] = await records();
    await h.call("PUT", `/dns/zones/${zoneId}/records/${before.record_id}`, { record_value: "192.0.2.2" });
    const [after] = await records();
    expect(after).toMatchObject({ record_name: "@", record_type: "A", record_value: "192.0.2.2" });
    expect(Number(after.record_ttl)).toBe(3600);
  });

  describe("DELETE (the record id is ignored)", () => {
    beforeEach(async () => {
      await create({ record_name: "www", record_type: "A", record_value: "192.0.2.1" });
      await create({ record_name: "www", record_type: "A", record_value: "192.0.2.2" });
      await create({ record_name: "www", record_type: "AAAA", record_value: "2001:db8::1" });
      await create({ record_name: "@", record_type: "MX", record_value: "mail.example.no", record_priority: 10 });
      await create({ record_name: "@", record_type: "MX", record_value: "backup.example.no", record_priority: 20 });
    });
    const remove = (query: string, id = "ignored-id") => h.call("DELETE", `/dns/zones/${zoneId}/records/${id}?${query}`);
    const remaining = async () => (await records()).map((r) => `${r.record_name} ${r.record_type} ${r.record_value}`);

    it("removes the whole RRset of a name and type, whatever id is given", async () => {
      const answer = await remove("name=www&type=A");
      expect(answer.status).toBe(200);
      expect(answer.body.meta.message).toBe("Record deleted successfully.");
      expect(await remaining()).toEqual(["www AAAA 2001:db8::1", "@ MX mail.example.no", "@ MX backup.example.no"]);
    });

    it("removes only the matching record when value is given", async () => {
      expect((await remove("name=www&type=A&value=192.0.2.2")).status).toBe(200);
      expect(await remaining()).toEqual(["www A 192.0.2.1", "www AAAA 2001:db8::1", "@ MX mail.example.no", "@ MX backup.example.no"]);
    });

    it('matches MX values only in the "<priority> <host>." form', async () => {
      const plain = await remove(`name=@&type=MX&value=${encodeURIComponent("mail.example.no")}`);
      expect(plain.status).toBe(404);
      expect(plain.body.meta.message).toBe("Record not found.");
      expect((await remove(`name=@&type=MX&value=${encodeURIComponent("10 mail.example.no")}`)).status).toBe(404);

      expect((await remove(`name=@&type=MX&value=${encodeURIComponent("10 mail.example.no.")}`)).status).toBe(200);
      expect(await remaining()).toEqual(["www A 192.0.2.1", "www A 192.0.2.2", "www AAAA 2001:db8::1", "@ MX backup.example.no"]);
    });

    it("answers 404 when nothing matches and 400 without name and type", async () => {
      expect((await remove("name=nothing&type=A")).status).toBe(404);
      expect((await remove("name=www&type=A&value=203.0.113.1")).status).toBe(404);
      expect((await remove("name=www")).status).toBe(400);
      expect(await remaining()).toHaveLength(5);
    });
  });

  it("removes the whole RRset despite value with the deleteIgnoresValue quirk", async () => {
    const quirky = await startGigahost({ quirks: { deleteIgnoresValue: true } });
    try {
      const id = quirky.emulator.addZone({ name: "example.no" }).zone_id;
      quirky.emulator.addRecord(id, { name: "www", type: "A", value: "192.0.2.1" });
      quirky.emulator.addRecord(id, { name: "www", type: "A", value: "192.0.2.2" });
      const answer = await quirky.call("DELETE", `/dns/zones/${id}/records/x?name=www&type=A&value=192.0.2.2`);
      expect(answer.status).toBe(200);
      expect(quirky.emulator.records(id)).toEqual([]);
    } finally {
      await quirky.server.close();
    }
  });
});

describe("Gigahost emulator concurrent zone writes", () => {
  it("refuses a second write to a busy zone with 500 and applies only the first", async () => {
    const h = await startGigahost({ zoneWriteMs: 50 });
    try {
      const zoneId = h.emulator.addZone({ name: "example.no" }).zone_id;
      const [first, second, read] = await Promise.all([
        h.call("POST", `/dns/zones/${zoneId}/records`, { record_name: "a", record_value: "192.0.2.1" }),
        h.call("POST", `/dns/zones/${zoneId}/records`, { record_name: "b", record_value: "192.0.2.2" }),
        new Promise((resolve) => setTimeout(resolve, 20)).then(() => h.call("GET", `/dns/zones/${zoneId}/records`)),
      ]);
      expect([first.status, second.status].sort()).toEqual([201, 500]);
      expect([first, second].find((a) => a.status === 500)!.body).toEqual(BUSY);
      expect(read.status).toBe(200);
      expect(h.emulator.records(zoneId)).toHaveLength(1);

      // Writes to another zone are independent, and sequential writes always succeed.
      const otherId = h.emulator.addZone({ name: "other.no" }).zone_id;
      const [mine, other] = await Promise.all([
        h.call("POST", `/dns/zones/${zoneId}/records`, { record_name: "c", record_value: "192.0.2.3" }),
        h.call("POST", `/dns/zones/${otherId}/records`, { record_name: "c", record_value: "192.0.2.3" }),
      ]);
      expect([mine.status, other.status]).toEqual([201, 201]);
    } finally {
      await h.server.close();
    }
  });

  it("holds a newly created zone busy too", async () => {
    const h = await startGigahost({ zoneWriteMs: 80 });
    try {
      const creating = h.call("POST", "/dns/zones", { zone_name: "fresh.no" });
      let zone = h.emulator.zoneByName("fresh.no");
      while (!zone) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        zone = h.emulator.zoneByName("fresh.no");
      }
      const write = await h.call("POST", `/dns/zones/${zone.zone_id}/records`, { record_value: "192.0.2.1" });
      expect(write.status).toBe(500);
      expect((await creating).status).toBe(201);
    } finally {
      await h.server.close();
    }
  });
});

describe("Gigahost emulator zone file import", () => {
  const h = gigahostForEachTest();

  const upload = (zoneName: string, zoneFile: string) => {
    const form = new FormData();
    form.append("zone_name", zoneName);
    form.append("zone_file", new Blob([zoneFile], { type: "text/plain" }), "example.no.zone");
    return fetch(`${h.base}/dns/zones`, { method: "POST", headers: { authorization: `Bearer ${DEFAULT_GIGAHOST_API_KEY}` }, body: form });
  };

  it("imports a BIND zone file sent as multipart/form-data", async () => {
    const zoneFile = [
      "$ORIGIN example.no.",
      "$TTL 1h",
      "@  IN SOA ns1.gigahost.no. hostmaster.example.no. (",
      "      2024010101 ; serial",
      "      3600 900 604800 300 )",
      "@        IN  NS   ns1.gigahost.no.",
      "@    300 IN  A    192.0.2.1",
      "www          CNAME @",
      "mail.example.no. IN A 192.0.2.25",
      "         IN  AAAA 2001:db8::25 ; same owner as the line above",
      "@        IN  MX   10 mail",
      "@        IN  TXT  \"v=spf1 mx -all\"",
      "_sip._tcp 600 IN SRV 10 60 5060 sip.example.no.",
      "",
    ].join("\n");
    const response = await upload("example.no", zoneFile);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ meta: { status: 201, status_message: "201 Created", message: "Zone created successfully." }, data: [] });

    const zone = h.emulator.zoneByName("example.no")!;
    const listed = h.emulator.records(zone.zone_id).map((r) => [r.record_name, r.record_type, r.record_value, Number(r.record_ttl), r.record_priority]);
    expect(listed).toEqual([
      ["@", "NS", "ns1.gigahost.no", 3600, null],
      ["@", "A", "192.0.2.1", 300, null],
      ["www", "CNAME", "example.no", 3600, null],
      ["mail", "A", "192.0.2.25", 3600, null],
      ["mail", "AAAA", "2001:db8::25", 3600, null],
      ["@", "MX", "mail.example.no", 3600, 10],
      ["@", "TXT", "v=spf1 mx -all", 3600, null],
      ["_sip._tcp", "SRV", "60 5060 sip.example.no", 600, 10],
    ]);
  });

  it.each([
    ["an invalid address", "@ IN A 999.0.0.1\n"],
    ["an unknown type", "@ IN BOGUS data\n"],
    ["a name outside the zone", "www.other.no. IN A 192.0.2.1\n"],
    ["unbalanced parentheses", "@ IN SOA a. b. ( 1 2 3 4 5\n"],
    ["an $INCLUDE", "$INCLUDE other.zone\n"],
  ])("refuses a zone file with %s and creates no zone", async (_case, zoneFile) => {
    const response = await upload("example.no", zoneFile);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { meta: { message: string } }).meta.message).toBe("Invalid zone file.");
    expect(h.emulator.zones()).toEqual([]);
  });
});

describe("Gigahost emulator admin routes", () => {
  const h = gigahostForEachTest();
  const admin = (method: string, path: string, body?: unknown) => callJson(`${h.server.url}/_admin/gigahost${path}`, method, body);

  it("seeds, inspects and changes zones and records out of band, unlogged", async () => {
    const zone = await admin("POST", "/zones", { name: "example.no", registered: true });
    expect(zone.status).toBe(201);
    expect(zone.body).toMatchObject({ zone_name: "example.no", zone_protected: "1" });
    const zoneId = zone.body.zone_id;

    const created = await admin("POST", `/zones/${zoneId}/records`, { name: "www", type: "A", value: "192.0.2.1" });
    expect(created.status).toBe(201);
    const updated = await admin("PUT", `/zones/${zoneId}/records/${created.body.record_id}`, { value: "192.0.2.2" });
    expect(updated.body).toMatchObject({ record_name: "www", record_value: "192.0.2.2" });
    expect(updated.body.record_id).not.toBe(created.body.record_id);
    expect((await admin("GET", `/zones/${zoneId}/records`)).body).toEqual([updated.body]);

    expect((await admin("DELETE", `/zones/${zoneId}/records/${created.body.record_id}`)).status).toBe(404);
    expect((await admin("DELETE", `/zones/${zoneId}/records/${updated.body.record_id}`)).status).toBe(200);
    expect(h.emulator.records(zoneId)).toEqual([]);

    expect((await admin("GET", "/zones")).body).toHaveLength(1);
    // Out-of-band removal ignores protection (e.g. a domain that expired).
    expect((await admin("DELETE", `/zones/${zoneId}`)).status).toBe(200);
    expect(h.emulator.zones()).toEqual([]);
    expect(h.server.requests).toEqual([]);
  });

  it("reports invalid admin input with the API's message", async () => {
    const zoneId = h.emulator.addZone({ name: "example.no" }).zone_id;
    const answer = await admin("POST", `/zones/${zoneId}/records`, { name: "www", type: "A", value: "nope" });
    expect(answer).toMatchObject({ status: 400, body: { error: "Invalid IPv4 address." } });
    expect((await admin("POST", "/zones", { name: "example.no" })).body).toEqual({ error: "Zone already exists." });
    expect((await admin("POST", "/zones")).status).toBe(400);
  });

  it("expires tokens and advances the clock", async () => {
    const login = await h.call("POST", "/authenticate", { username: "demo@example.no", password: "emulator-password" }, null);
    const auth = `Bearer ${login.body.data.token}`;
    expect((await admin("POST", "/tokens/expire")).status).toBe(200);
    expect((await h.call("GET", "/dns/zones", undefined, auth)).status).toBe(401);

    const before = h.emulator.clock.now();
    const advanced = await admin("POST", "/clock/advance", { ms: 7_200_000 });
    expect(advanced.body.now).toBeGreaterThanOrEqual(before + 7_200_000);
  });
});


describe("Gigahost emulator persistence", () => {
  it("restores zones, records (same ids) and session tokens from the state file", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "gigahost-state-"));
    const statePath = path.join(directory, "state.json");
    try {
      const first = await startGigahost({}, { statePath });
      await first.call("POST", "/dns/zones", { zone_name: "example.no", create_default_records: true });
      const zoneId = first.emulator.zoneByName("example.no")!.zone_id;
      await first.call("POST", `/dns/zones/${zoneId}/records`, { record_type: "MX", record_value: "mail.example.no", record_priority: 10 });
      const login = await first.call("POST", "/authenticate", { username: "demo@example.no", password: "emulator-password" }, null);
      const zonesBefore = first.emulator.zones();
      const recordsBefore = first.emulator.records(zoneId);
      await first.server.close();

      const second = await startGigahost({}, { statePath });
      try {
        expect(second.emulator.zones()).toEqual(zonesBefore);
        expect(second.emulator.records(zoneId)).toEqual(recordsBefore);
        expect((await second.call("GET", "/dns/zones", undefined, `Bearer ${login.body.data.token}`)).status).toBe(200);
        // Zone ids keep increasing after a restart.
        second.emulator.addZone({ name: "next.no" });
        expect(Number(second.emulator.zoneByName("next.no")!.zone_id)).toBeGreaterThan(Number(zoneId));
      } finally {
        await second.server.close();
      }
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

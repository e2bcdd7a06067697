import { createEmulatorClock } from "../../emulator/core";
import { gigahostForEachTest } from "./harness";

describe("Gigahost emulator: deploy orders", () => {
  const clock = createEmulatorClock();
  const h = gigahostForEachTest({ clock, timings: { deployQueueMs: 30_000, deployProvisionMs: 30_000, deployInstallMs: 60_000 } });

  const order = { pid: 2058, price_id: 311, region_id: 1, os_id: 101, billing_period: "monthly", quantity: 1, hostnames: ["a.example.no"], ssh_keys: [], backups: 0 };

  it("advances waiting → deploying (server id) → installing (password), then vanishes; the server stays", async () => {
    const placed = await h.call("POST", "/deploy/servers", order);
    expect(placed.status).toBe(200);
    const [id] = placed.body.data.order_ids;
    expect(typeof id).toBe("number");
    const status = async () => (await h.call("GET", `/deploy/status?ids=${id}`)).body.data;
    expect(await status()).toEqual([{ order_id: id, status: "waiting", srv_id: null, ip: null, ipv6: null, password: null }]);
    clock.advance(30_000);
    const deploying = (await status())[0];
    expect(deploying).toMatchObject({ status: "deploying", srv_id: expect.any(Number), password: null });
    clock.advance(30_000);
    expect((await status())[0]).toMatchObject({ status: "installing", srv_id: deploying.srv_id, password: expect.any(String), ip: expect.any(String) });
    clock.advance(60_000);
    expect(await status()).toEqual([]);
    const listed = (await h.call("GET", "/servers")).body.data;
    expect(listed).toEqual([expect.objectContaining({ srv_id: String(deploying.srv_id), srv_hostname: "a.example.no", srv_status_install: false })]);
    // cancel terminates; a second cancel answers 404
    expect((await h.call("POST", `/servers/${deploying.srv_id}/cancel`)).status).toBe(200);
    expect((await h.call("POST", `/servers/${deploying.srv_id}/cancel`)).status).toBe(404);
  });

  it("a failed order vanishes without a failure status; its dead server answers 400 to cancel", async () => {
    h.emulator.deploy.failNextOrder(45_000);
    const [id] = (await h.call("POST", "/deploy/servers", order)).body.data.order_ids;
    clock.advance(30_000);
    const serverId = (await h.call("GET", `/deploy/status?ids=${id}`)).body.data[0].srv_id;
    clock.advance(15_000);
    expect((await h.call("GET", `/deploy/status?ids=${id}`)).body.data).toEqual([]);
    expect((await h.call("GET", "/servers")).body.data).toEqual([]);
    const cancel = await h.call("POST", `/servers/${serverId}/cancel`);
    expect(cancel.status).toBe(400);
    expect(cancel.body.meta.message).toBe("Server could not be cancelled.");
  });

  it.each([
    [{ pid: 999 }, "Invalid product."],
    [{ price_id: 312 }, "Invalid price for this product."],
    [{ pid: 3101, price_id: 401, region_id: 1, billing_period: "hourly" }, "Hourly billing is not available for this product."],
    [{ iso_id: 3 }, "Exactly one of os_id, iso_id or rescue is required."],
    [{ hostnames: [] }, "One hostname per server is required."],
    [{ billing_period: "weekly" }, 'Invalid value for billing_period: must be one of "hourly", "monthly", "quarterly", "annual".'],
    [{ coupon: "FREE" }, "Unknown parameter: coupon"],
  ])("refuses %j", async (change, message) => {
    const answer = await h.call("POST", "/deploy/servers", { ...order, ...change });
    expect(answer.status).toBe(400);
    expect(answer.body.meta.message).toBe(message);
  });
});

describe("Gigahost emulator: registered domains", () => {
  const h = gigahostForEachTest();

  it("registers an available .no domain and refuses a taken one", async () => {
    const body = {
      domain_name: "ny.no",
      registrant_type: "person",
      pid: "N.PRI.1234",
      first_name: "Kari",
      last_name: "Nordmann",
      email: "kari@example.no",
      applicant_name: "Kari Nordmann",
      zip_code: "0123",
      city: "Oslo",
    };
    const registered = await h.call("POST", "/dns/domains/register", body);
    expect(registered.body.data).toEqual({ zone_id: expect.any(String), domain_name: "ny.no", expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), status: "active" });
    expect((await h.call("GET", "/dns/domains/check/ny.no")).body.data).toEqual({ domain: "ny.no", available: false, reason: "Domain is already registered." });
    const again = await h.call("POST", "/dns/domains/register", body);
    expect(again.status).toBe(400);
    expect(again.body.meta.message).toBe("Domain is not available: Domain is already registered.");
    expect((await h.call("POST", "/dns/domains/register", { ...body, domain_name: "x.no", pid: "12345" })).body.meta.message).toMatch(/Invalid person identifier/);
  });

  it("DS records answer 400 while DNSSEC is off; external DS records need external name servers; unregistered zones are refused", async () => {
    const zone = h.emulator.addZone({ name: "sikker.no", registered: true });
    expect((await h.call("GET", `/dns/zones/${zone.zone_id}/ds-records`)).status).toBe(400);
    await h.call("PUT", `/dns/zones/${zone.zone_id}/dnssec`, { enable: 1 });
    expect((await h.call("GET", `/dns/zones/${zone.zone_id}/ds-records`)).body.data).toEqual([
      { key_tag: expect.any(Number), algorithm: 13, digest_type: 2, digest: expect.stringMatching(/^[0-9A-F]{64}$/) },
    ]);
    const ds = { ds_records: [{ keyTag: 1, alg: 8, digestType: 2, digest: "b".repeat(64) }] };
    expect((await h.call("POST", `/dns/zones/${zone.zone_id}/ds-records/external`, ds)).status).toBe(400);
    await h.call("PUT", `/dns/zones/${zone.zone_id}/nameservers`, { nameservers: ["ns1.example.net", "ns2.example.net"] });
    expect((await h.call("GET", "/dns/zones")).body.data[0].external_dns).toBe("1");
    expect((await h.call("POST", `/dns/zones/${zone.zone_id}/ds-records/external`, ds)).status).toBe(200);
    expect((await h.call("GET", `/dns/zones/${zone.zone_id}/ds-records/external`)).body.data).toEqual([{ keyTag: 1, alg: 8, digestType: 2, digest: "B".repeat(64) }]);

    const plain = h.emulator.addZone({ name: "vanlig.example" });
    expect((await h.call("PUT", `/dns/zones/${plain.zone_id}/dnssec`, { enable: 1 })).status).toBe(403);
    expect((await h.call("PUT", `/dns/zones/${plain.zone_id}/auto-renew`, { auto_renew: 1 })).status).toBe(400);
    expect((await h.call("PUT", `/dns/zones/${plain.zone_id}/nameservers`, { nameservers: ["a.example", "b.example"] })).status).toBe(403);
  });

  it("state survives snapshot and restore", async () => {
    const zone = h.emulator.addZone({ name: "lagret.no", registered: true });
    await h.call("PUT", `/dns/zones/${zone.zone_id}/dnssec`, { enable: 1 });
    await h.call("POST", `/dns/zones/${zone.zone_id}/redirect`, { source: "www", target_url: "https://example.no/" });
    const saved = JSON.parse(JSON.stringify(h.emulator.snapshot()));
    await h.call("PUT", `/dns/zones/${zone.zone_id}/dnssec`, { enable: 0 });
    await h.call("DELETE", `/dns/zones/${zone.zone_id}/redirect?source=www`);
    h.emulator.restore(saved);
    expect((await h.call("GET", `/dns/zones/${zone.zone_id}/ds-records`)).status).toBe(200);
    expect((await h.call("GET", `/dns/zones/${zone.zone_id}/redirect`)).body.data).toEqual([{ source: "www", target_url: "https://example.no/" }]);
  });
});

import { BgpAsn, BgpSession } from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

// Session deletion takes 2 minutes of vendor time: 0.5 s at 240x.
const fixture = fixtureForFile(() => startGigahostPlatform({ timings: { sessionDeletionMs: 2 * 60_000 } }));

const bgp = () => fixture.brands.gigahost.bgp;
const asnResource = (name: string, args: ConstructorParameters<typeof BgpAsn>[1]) => programResource(() => new BgpAsn(name, args));
const sessionResource = (name: string, args: ConstructorParameters<typeof BgpSession>[1]) => programResource(() => new BgpSession(name, args));

describe("gigahost:BgpAsn", () => {
  test("lifecycle: submit (normalized), no drift, status drift on verification, replace, removal elsewhere, delete only leaves the stack", async () => {
    const { engine, host } = fixture;
    const v1 = await asnResource("asn", { asn: "as212345" });
    const created = await engine.up(v1);
    const stored = bgp().asnByNumber(212345)!;
    expect(created.entry.id).toBe(stored.id);
    expect(created.entry.outputs).toMatchObject({ asnId: stored.id, asn: 212345, status: "pending", rejectedReason: null });
    expect(fixture.server.requests.some((r) => r.method === "POST" && r.path.endsWith("/bgp/asn"))).toBe(true);

    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");
    // the same number written differently is no change
    expect((await engine.preview(await asnResource("asn", { asn: 212345 }))).changes).toBe("none");

    // verification happens at the vendor: refresh picks it up
    bgp().setAsnStatus(stored.id, "active");
    expect((await engine.refresh(v1.urn))?.outputs.status).toBe("active");
    bgp().setAsnStatus(stored.id, "rejected", "LOA signature missing");
    expect((await engine.refresh(v1.urn))?.outputs).toMatchObject({ status: "rejected", rejectedReason: "LOA signature missing" });

    // another number replaces; the old one stays at the vendor, with a warning
    const v2 = await asnResource("asn", { asn: 212346 });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["asn"] });
    expect((await engine.up(v2)).operation).toBe("replace");
    expect(bgp().asnByNumber(212345)).toBeDefined();

    // removed by support: refresh reports it gone
    const last = engine.entry(v2.urn);
    bgp().removeAsn(last.id);
    expect(await engine.refresh(v2.urn)).toBeUndefined();
    await fixture.host.delete(last.id, v2.urn, last.outputs);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
    bgp().removeAsn(bgp().asnByNumber(212345)!.id);
    // checked last: the provider's stderr arrives alongside, not before, its answers
    expect(host.stderr).toContain("Gigahost has no API to delete an ASN");
  });

  test("the vendor's refusals surface verbatim: already in the account, three-ASN limit", async () => {
    const { engine } = fixture;
    for (const asn of [196601, 196602, 196603]) bgp().submitAsn(String(asn));
    await expect(engine.up(await asnResource("fourth", { asn: 196604 }))).rejects.toThrow(
      "Only three ASNs can be configured at a time. Contact support to remove an ASN first.",
    );
    await expect(engine.up(await asnResource("dup", { asn: 196601 }))).rejects.toThrow(/already in the account .*Set `adopt: true`/);
    const adopted = await engine.up(await asnResource("dup", { asn: "AS196601", adopt: true }));
    expect(adopted.entry.outputs).toMatchObject({ asn: 196601, status: "pending" });
    for (const asn of [196601, 196602, 196603]) bgp().removeAsn(bgp().asnByNumber(asn)!.id);
  });

  test("a `pulumi up` killed just after the ASN was submitted, then run again: submitted once; the rerun names it and adopt takes it", async () => {
    const resource = await asnResource("crashy", { asn: 196650 });
    fixture.server.resetRequests();
    const failure = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/bgp/asn")).catch((error) => error);
    expect(String(failure.message)).toMatch(/AS196650 is already in the account \(id \d+\)\. Set `adopt: true`.*interrupted/);
    const adopted = await fixture.engine.up(await asnResource("crashy", { asn: 196650, adopt: true }));
    expect(adopted.entry.id).toBe(bgp().asnByNumber(196650)!.id);
    expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/bgp/asn"))).toHaveLength(1);
    bgp().removeAsn(adopted.entry.id);
  });

  test("bad input is caught at check with zero API calls", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ asn: "ASX" }, "asn"],
      [{ asn: 0 }, "asn"],
      [{ asn: 64512 }, "asn"],
      [{ asn: "AS4200000001" }, "asn"],
      [{ asn: 23456 }, "asn"],
      [{ asn: 64500 }, "asn"],
      [{ asn: 212345, adopt: "yes" }, "adopt"],
    ];
    await expectRefusedByCheck(fixture, cases, (args) => asnResource("bad", args as never));
  });
});

describe("gigahost:BgpSession", () => {
  let asnId: string;
  beforeAll(() => {
    bgp().submitAsn("AS213000");
    asnId = bgp().asnByNumber(213000)!.id;
    bgp().setAsnStatus(asnId, "active");
  });

  test('no router to spare in the server\'s datacenter: the documented "Unable to find available BGP routers." is explained, nothing is created', async () => {
    const { engine } = fixture;
    const server = fixture.brands.gigahost.servers.addServer({ location: "DC9", ipv4Count: 1 });
    bgp().setAvailableRouters("DC9", ["5"]);
    const redundant = await sessionResource("no-router", { asnId, ipIdV4: server.ips[0].id, redundant: true });
    const failure = engine.up(redundant);
    await expect(failure).rejects.toThrow(/gigahost:BgpSession: Gigahost has no BGP router available in the datacenter/);
    await expect(failure).rejects.toThrow('"Unable to find available BGP routers."');
    await expect(failure).rejects.toThrow("Set `redundant: false`");
    expect(bgp().sessionsOf(asnId).filter((session) => session.ipId === server.ips[0].id)).toEqual([]);
    // One router is enough for a session set without redundancy.
    const single = await sessionResource("no-router", { asnId, ipIdV4: server.ips[0].id });
    const created = await engine.up(single);
    expect(created.entry.outputs.sessions).toEqual([expect.objectContaining({ routerId: "5" })]);
    await engine.destroy(single.urn);
  });

  test("lifecycle: sessions found without ids, no drift, replace, out-of-band delete, delete waits until gone", async () => {
    const { engine } = fixture;
    const server = fixture.brands.gigahost.servers.addServer({ ipv4Count: 1, ipv6AddressCount: 1 });
    const [v4, v6] = server.ips;
    const v1 = await sessionResource("bgp", { asnId, ipIdV4: v4.id, ipIdV6: v6.id, redundant: true, defaultRoute: true });
    const created = await engine.up(v1);
    const live = bgp().sessionsOf(asnId);
    expect(live).toHaveLength(4);
    expect(created.entry.outputs.sessionIds).toEqual(live.map((s) => s.id));
    expect(created.entry.id).toBe(live.map((s) => s.id).join(","));
    expect((created.entry.outputs.sessions as { ipType: string; routerAsn: number; neighborIpv4: string; serverId: string }[])[0]).toMatchObject({
      ipType: "ipv4",
      routerAsn: 39029,
      neighborIpv4: "185.125.168.1",
      serverId: server.id,
      status: "active",
    });

    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    // any change replaces, deleting first (the vendor refuses a second session on an address)
    const v2 = await sessionResource("bgp", { asnId, ipIdV4: v4.id, redundant: false });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", deleteBeforeReplace: true });
    expect((await engine.up(v2)).operation).toBe("replace");
    expect(bgp().sessionsOf(asnId).map((s) => [s.ipType, s.routerId])).toEqual([["ipv4", "1"]]);

    // deleted elsewhere: refresh reports it gone, up creates it again
    bgp().removeSession(bgp().sessionsOf(asnId)[0].id);
    expect(await engine.refresh(v2.urn)).toBeUndefined();
    expect((await engine.up(v2)).operation).toBe("create");

    const last = engine.entry(v2.urn);
    await engine.destroy(v2.urn);
    expect(bgp().sessionsOf(asnId)).toHaveLength(0);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
  });

  test("a `pulumi up` killed just after the sessions were created, then run again: the same sessions, in state, none added", async () => {
    const server = fixture.brands.gigahost.servers.addServer({ ipv4Count: 1 });
    const resource = await sessionResource("crashy", { asnId, ipIdV4: server.ips[0].id, redundant: true });
    fixture.server.resetRequests();
    const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith(`/bgp/${asnId}/session`));
    const mine = bgp().sessionsOf(asnId).filter((s) => s.ipId === server.ips[0].id);
    expect(mine).toHaveLength(2);
    expect(entry.id).toBe(mine.map((s) => s.id).join(","));
    expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/bgp/${asnId}/session`))).toHaveLength(1);
    await fixture.engine.destroy(resource.urn);
    expect(bgp().sessionsOf(asnId).filter((s) => s.ipId === server.ips[0].id)).toHaveLength(0);
  });

  test("sessions on the address that differ from the inputs are refused, naming them; nothing is created", async () => {
    const server = fixture.brands.gigahost.servers.addServer({ ipv4Count: 1 });
    bgp().createSessions(asnId, { ip_id_v4: server.ips[0].id, defaultroute: 1 });
    const existing = bgp().sessionsOf(asnId).filter((s) => s.ipId === server.ips[0].id);
    const resource = await sessionResource("taken", { asnId, ipIdV4: server.ips[0].id });
    await expect(fixture.engine.up(resource)).rejects.toThrow(new RegExp(`already have BGP session\\(s\\) ${existing[0].id} \\(ASN id ${asnId}, default route on\\)`));
    expect(bgp().sessionsOf(asnId).filter((s) => s.ipId === server.ips[0].id)).toHaveLength(1);
    bgp().removeSession(existing[0].id);
  });

  test("two resources of one program on one address: the second fails naming the address", async () => {
    const server = fixture.brands.gigahost.servers.addServer({ ipv4Count: 1 });
    const first = await sessionResource("first", { asnId, ipIdV4: server.ips[0].id });
    await fixture.engine.up(first);
    await expect(fixture.engine.up(await sessionResource("second", { asnId, ipIdV4: server.ips[0].id }))).rejects.toThrow(
      `gigahost:BgpSession on address id ${server.ips[0].id} is already managed by another resource of this program`,
    );
    await fixture.engine.destroy(first.urn);
  });

  test("an ASN that is not active is refused with a clear error, before any session call", async () => {
    bgp().submitAsn("AS213001");
    const pending = bgp().asnByNumber(213001)!.id;
    const server = fixture.brands.gigahost.servers.addServer();
    fixture.server.resetRequests();
    const resource = await sessionResource("inactive", { asnId: pending, ipIdV4: server.ips[0].id });
    await expect(fixture.engine.up(resource)).rejects.toThrow(/AS213001 \(id \d+\) is pending; Gigahost only creates sessions for an active ASN/);
    expect(fixture.server.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    bgp().removeAsn(pending);
  });

  test("delete past its deadline fails with the sessions still pending deletion", async () => {
    const { engine } = fixture;
    const server = fixture.brands.gigahost.servers.addServer();
    const resource = await sessionResource("slow", { asnId, ipIdV4: server.ips[0].id, timeouts: { delete: "30s" } });
    await engine.up(resource);
    await expect(engine.destroy(resource.urn)).rejects.toThrow(/Timed out after [0-9ms]+ waiting for BGP session\(s\) \d+ to be deleted; last state: \d+ deleting/);
    // the sessions are marked; a later delete (with the default deadline) finishes
    const entry = engine.entry(resource.urn);
    const { timeouts, ...withDefaultDeadline } = entry.outputs;
    expect(timeouts).toEqual({ delete: "30s" });
    await fixture.host.delete(entry.id, resource.urn, withDefaultDeadline);
    expect(bgp().sessionsOf(asnId).filter((s) => s.ipId === server.ips[0].id)).toHaveLength(0);
  });

  test("bad input is caught at check with zero API calls", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ asnId: "1" }, "ipIdV4"],
      [{ asnId: "AS212345", ipIdV4: "1" }, "asnId"],
      [{ asnId: "1", ipIdV4: "x" }, "ipIdV4"],
      [{ asnId: "1", ipIdV6: "2001:db8::1" }, "ipIdV6"],
      [{ asnId: "1", ipIdV4: "1", redundant: "yes" }, "redundant"],
      [{ asnId: "1", ipIdV4: "1", defaultRoute: 1 }, "defaultRoute"],
    ];
    await expectRefusedByCheck(fixture, cases, (args) => sessionResource("bad", args as never));
  });
});

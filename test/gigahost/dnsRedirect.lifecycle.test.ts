import * as gigahost from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform());

type Args = ConstructorParameters<typeof gigahost.DnsRedirect>[1];
const redirect = (name: string, args: Args) => programResource(() => new gigahost.DnsRedirect(name, args));
const api = () => fixture.brands.gigahost;

test("full lifecycle: create adds the A record, no drift, retarget in place, replace on source, drift, out-of-band delete, destroy", async () => {
  const { engine } = fixture;
  const zone = api().addZone({ name: "redirect.no", registered: true });
  const aRecords = () => api().records(zone.zone_id).filter((r) => r.record_type === "A").map((r) => r.record_name);

  const v1 = await redirect("apex", { zoneId: zone.zone_id, source: "@", targetUrl: "https://www.example.no/" });
  const created = await engine.up(v1);
  expect(created.entry.id).toBe(`${zone.zone_id}/@`);
  expect(created.entry.outputs).toMatchObject({ zoneId: zone.zone_id, source: "@", targetUrl: "https://www.example.no/" });
  expect(api().redirects.list(zone.zone_id)).toEqual([{ source: "@", target_url: "https://www.example.no/" }]);
  expect(aRecords()).toEqual(["@"]);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  const v2 = await redirect("apex", { zoneId: zone.zone_id, source: "@", targetUrl: "https://shop.example.no/start" });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(api().redirects.list(zone.zone_id)[0].target_url).toBe("https://shop.example.no/start");

  api().redirects.setTarget(zone.zone_id, "@", "https://elsewhere.example.com/");
  await fixture.newCommand();
  expect((await engine.refresh(v2.urn))?.outputs.targetUrl).toBe("https://elsewhere.example.com/");
  await engine.up(v2);
  expect(api().redirects.list(zone.zone_id)[0].target_url).toBe("https://shop.example.no/start");

  // a new source replaces: the old redirect and its A record go first
  const v3 = await redirect("apex", { zoneId: zone.zone_id, source: "WWW", targetUrl: "https://shop.example.no/start" });
  expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: ["source"] });
  expect((await engine.up(v3)).operation).toBe("replace");
  expect(api().redirects.list(zone.zone_id)).toEqual([{ source: "www", target_url: "https://shop.example.no/start" }]);
  expect(aRecords()).toEqual(["www"]);

  api().redirects.remove(zone.zone_id, "www");
  await fixture.newCommand();
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  await engine.up(v3);

  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(api().redirects.list(zone.zone_id)).toEqual([]);
  expect(aRecords()).toEqual([]);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
});

test("a source with address records is refused with the vendor's words", async () => {
  const zone = api().addZone({ name: "busy-redirect.no" });
  api().addRecord(zone.zone_id, { name: "www", type: "A", value: "192.0.2.10" });
  const resource = await redirect("busy", { zoneId: zone.zone_id, source: "www", targetUrl: "https://example.no/" });
  await expect(fixture.engine.up(resource)).rejects.toThrow(/Conflicting records exist for this source/);
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ zoneId: "x1", source: "@", targetUrl: "https://example.no/" }, "zoneId"],
    [{ zoneId: "1", source: "bad name!", targetUrl: "https://example.no/" }, "source"],
    [{ zoneId: "1", source: "-www", targetUrl: "https://example.no/" }, "source"],
    [{ zoneId: "1", source: "@", targetUrl: "ftp://example.no/" }, "targetUrl"],
    [{ zoneId: "1", source: "@", targetUrl: "example.no" }, "targetUrl"],
    [{ zoneId: "1", source: "@", targetUrl: "https://localhost/" }, "targetUrl"],
    [{ zoneId: "1", source: "@", targetUrl: "https://example.no/", code: 301 }, ""],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => redirect("bad", args as never));
});

test("a `pulumi up` killed just after the redirect was created, then run again: one redirect, in state; another target is refused", async () => {
  const zone = api().addZone({ name: "crashy-redirect.no", registered: true });
  const resource = await redirect("crashy", { zoneId: zone.zone_id, source: "go", targetUrl: "https://www.example.no/go" });
  fixture.server.resetRequests();
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith(`/dns/zones/${zone.zone_id}/redirect`));
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/redirect"))).toHaveLength(1);
  expect(entry.id).toBe(`${zone.zone_id}/go`);
  expect(api().redirects.list(zone.zone_id)).toEqual([{ source: "go", target_url: "https://www.example.no/go" }]);
  // a redirect of the source to another target is somebody else's
  await fixture.newCommand();
  await expect(fixture.engine.up(await redirect("other", { zoneId: zone.zone_id, source: "go", targetUrl: "https://other.example.no/" }))).rejects.toThrow(
    /already has a redirect for "go" \(to https:\/\/www\.example\.no\/go\)/,
  );
  await fixture.engine.destroy(resource.urn);
  expect(api().redirects.list(zone.zone_id)).toEqual([]);
});

test("a source given as the full name inside the zone is refused naming the relative form; an IDN source is sent in xn-- form", async () => {
  const { engine } = fixture;
  const zone = api().addZone({ name: "names-redirect.no", registered: true });
  // Gigahost takes the source relative to the zone: this became shop.names-redirect.no.names-redirect.no.
  const full = await redirect("full", { zoneId: zone.zone_id, source: "Shop.Names-Redirect.No", targetUrl: "https://www.example.no/" });
  await expect(engine.up(full)).rejects.toThrow(
    `gigahost:DnsRedirect: source "shop.names-redirect.no" is the full name of shop.names-redirect.no in zone names-redirect.no (id ${zone.zone_id}); write it relative to the zone: source: "shop"`,
  );
  expect(api().redirects.list(zone.zone_id)).toEqual([]);

  const books = await redirect("idn", { zoneId: zone.zone_id, source: "Bücher", targetUrl: "https://www.example.no/" });
  const created = await engine.up(books);
  expect(created.entry.outputs).toMatchObject({ source: "xn--bcher-kva" });
  expect(api().redirects.list(zone.zone_id)).toEqual([{ source: "xn--bcher-kva", target_url: "https://www.example.no/" }]);
  expect((await engine.preview(books)).changes).toBe("none");
});

import { RENEWAL_MS } from "../../emulator/zoneid/extras-state";
import { DomainRenewal, DomainRenewalArgs } from "../../resources/zoneid";
import { programResource } from "../harness/engine";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { upKilledDuringCreate } from "../support/crash";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";
import { startZoneid } from "../support/zoneidFixture";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));

const RENEW = (request: { method: string; path: string }) => request.method === "POST" && request.path.endsWith("/order/domain/renew");
const program = (name: string, args: DomainRenewalArgs) => programResource(() => new DomainRenewal(name, args));
/** The registry applies the pending renewals (the emulator settles them before the next request). */
const applyRenewals = () => {
  fixture.zoneid.clock.advance(RENEWAL_MS);
  fixture.zoneid.extras.settle();
};

test("check refuses bad inputs, naming the property, before any request", async () => {
  await expectRefusedByCheck(
    fixture,
    [
      [{ domain: "renew.ee", period: 1 }, "expires"],
      [{ domain: "renew.ee", period: 1, expires: "30.06.2027" }, "expires"],
      [{ domain: "renew.ee", period: 1, expires: "2027-02-30" }, "expires"],
      [{ domain: "renew.ee", period: 0, expires: "2027-06-30" }, "period"],
      [{ domain: "renew.ee", period: 1.5, expires: "2027-06-30" }, "period"],
      [{ domain: "no dot", period: 1, expires: "2027-06-30" }, "domain"],
      [{ domain: "renew.ee", period: 1, expires: "2027-06-30", autorenew: true }, "autorenew"],
    ] as [Record<string, unknown>, string][],
    (args) => programResource(() => new DomainRenewal("bad", args as never)),
  );
});

test("lifecycle: ordered once, applied by the registry (refresh shows it), the next renewal by its expiry, a pending one cancelled on delete", async () => {
  const { engine, zoneid, server } = fixture;
  zoneid.domains.addDomain("renew.ee", { expires: "2027-06-30T00:00:00+03:00" });
  server.resetRequests();
  const v1 = await program("renewal", { domain: "Renew.ee.", period: 1, expires: "2027-06-30" });
  const created = await engine.up(v1);
  expect(created.entry.id).toBe("renew.ee/2027-06-30");
  const orderId = created.entry.outputs.orderId as string;
  expect(created.entry.outputs).toMatchObject({ domain: "renew.ee", period: 1, expires: "2027-06-30", orderId: expect.any(String), pending: true });
  expect(zoneid.domains.get("renew.ee")).toMatchObject({ renew_order: orderId });
  expect(server.requests.filter(RENEW)).toHaveLength(1);
  expect((await engine.preview(v1)).changes).toBe("none");

  // The registry applies the order (outside Pulumi): refresh shows it, and the program is unchanged.
  applyRenewals();
  await fixture.newCommand();
  expect((await engine.refresh(v1.urn))?.outputs).toMatchObject({ orderId, pending: false, expiresNow: "2028-06-30T00:00:00+03:00" });
  expect((await engine.preview(v1)).changes).toBe("none");

  // No input changes in place: another period is another renewal, and the one for 2027-06-30 is done: nothing is ordered.
  const v2 = await program("renewal", { domain: "renew.ee", period: 2, expires: "2027-06-30" });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["period"] });
  server.resetRequests();
  const replaced = await engine.up(v2);
  expect(replaced.operation).toBe("replace");
  expect(replaced.entry.outputs).toMatchObject({ orderId: null, pending: false });
  expect(server.requests.filter(RENEW)).toHaveLength(0);
  expect(zoneid.domains.get("renew.ee")).toMatchObject({ expires: "2028-06-30T00:00:00+03:00" });

  // An expiry after the domain's is a mistake (the domain does not expire then), named; nothing is ordered.
  await expect(engine.up(await program("later", { domain: "renew.ee", period: 1, expires: "2029-06-30" }))).rejects.toThrow(
    "expires: the domain renew.ee expires 2028-06-30, not 2029-06-30",
  );
  expect(server.requests.filter(RENEW)).toHaveLength(0);

  // The next renewal: the new expiry. Deleting it while pending cancels the order; a read then reports it gone.
  const v3 = await program("renewal", { domain: "renew.ee", period: 2, expires: "2028-06-30" });
  const next = await engine.up(v3);
  expect(next.entry.outputs).toMatchObject({ pending: true, orderId: expect.any(String) });
  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(zoneid.domains.get("renew.ee").renew_order).toBeUndefined();
  expect(zoneid.extras.listDomainOrders().map((order) => order.identificator)).not.toContain(next.entry.outputs.orderId);
  applyRenewals();
  expect(zoneid.domains.get("renew.ee")).toMatchObject({ expires: "2028-06-30T00:00:00+03:00" });
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
});

test("a replacement while the order is pending (another period): the old order is cancelled first, the new resource holds a pending order of the new period", async () => {
  const { engine, zoneid, server } = fixture;
  zoneid.domains.addDomain("replace-renew.ee", { expires: "2027-05-31T00:00:00+03:00" });
  const v1 = await program("replaced", { domain: "replace-renew.ee", period: 1, expires: "2027-05-31" });
  const first = await engine.up(v1);
  const oldOrder = first.entry.outputs.orderId as string;
  expect(first.entry.outputs).toMatchObject({ pending: true, orderId: expect.any(String) });

  server.resetRequests();
  const v2 = await program("replaced", { domain: "replace-renew.ee", period: 2, expires: "2027-05-31" });
  const replaced = await engine.up(v2);
  expect(replaced.operation).toBe("replace");
  const newOrder = replaced.entry.outputs.orderId as string;
  expect(server.requests.filter(RENEW)).toHaveLength(1);
  expect(newOrder).not.toBe(oldOrder);
  expect(replaced.entry.outputs).toMatchObject({ period: 2, pending: true });
  const orders = zoneid.extras.listDomainOrders().map((order) => order.identificator);
  expect(orders).not.toContain(oldOrder);
  expect(orders).toContain(newOrder);
  expect(zoneid.domains.get("replace-renew.ee")).toMatchObject({ renew_order: newOrder });
  await fixture.newCommand();
  expect((await engine.refresh(v2.urn))?.outputs).toMatchObject({ orderId: newOrder, pending: true });

  // The registry applies the new order: the expiry moves by the new period.
  applyRenewals();
  expect(zoneid.domains.get("replace-renew.ee")).toMatchObject({ expires: "2029-05-31T00:00:00+03:00" });
});

test("an order ZoneID answers with failed rows (`errors`) fails naming the domain and period, and is not recorded as ordered", async () => {
  const { engine, zoneid, server } = fixture;
  zoneid.domains.addDomain("failed-renew.ee", { expires: "2027-07-31T00:00:00+03:00" });
  const resource = await program("failed", { domain: "failed-renew.ee", period: 2, expires: "2027-07-31" });
  zoneid.extras.failNextRenewalRows();
  server.resetRequests();
  const failure = engine.up(resource);
  await expect(failure).rejects.toThrow("did not renew domain failed-renew.ee for period 2 year(s)");
  await expect(failure).rejects.toThrow("1 failed row(s)");
  expect(server.requests.filter(RENEW)).toHaveLength(1);
  expect(() => engine.entry(resource.urn)).toThrow("no state");
  expect(zoneid.domains.get("failed-renew.ee").renew_order).toBeUndefined();

  // The next up orders again (nothing was renewed) and records that order.
  const { entry } = await engine.up(resource);
  expect(server.requests.filter(RENEW)).toHaveLength(2);
  expect(entry.outputs).toMatchObject({ orderId: zoneid.domains.get("failed-renew.ee").renew_order, pending: true });
});

describe("a `pulumi up` killed the moment ZoneID took the renewal order, then run again: renewed once", () => {
  test("the order still pending: found as the domain's renew_order", async () => {
    const { zoneid, server } = fixture;
    zoneid.domains.addDomain("crash-renew.ee", { expires: "2027-03-31T00:00:00+03:00" });
    server.resetRequests();
    const resource = await program("crashy", { domain: "crash-renew.ee", period: 1, expires: "2027-03-31" });
    const { entry } = await upKilledDuringCreate(fixture, resource, RENEW);
    expect(server.requests.filter(RENEW)).toHaveLength(1);
    expect(entry.outputs).toMatchObject({ orderId: zoneid.domains.get("crash-renew.ee").renew_order, pending: true });
    applyRenewals();
    expect(zoneid.domains.get("crash-renew.ee")).toMatchObject({ expires: "2028-03-31T00:00:00+03:00" });
  });

  test("the order applied before the next up: the moved expiry says it is done, nothing is ordered again", async () => {
    const { zoneid, server } = fixture;
    zoneid.domains.addDomain("crash-applied.ee", { expires: "2027-04-30T00:00:00+03:00" });
    server.resetRequests();
    const resource = await program("applied", { domain: "crash-applied.ee", period: 1, expires: "2027-04-30" });
    let killed = false;
    fixture.server.onApplied((request) => {
      if (!killed && RENEW(request)) {
        killed = true;
        fixture.host.killNow();
      }
    });
    await fixture.engine.up(resource).catch(() => undefined);
    fixture.server.onApplied(undefined);
    expect(killed).toBe(true);
    applyRenewals();
    await fixture.newCommand();
    const { entry } = await fixture.engine.up(resource);
    expect(server.requests.filter(RENEW)).toHaveLength(1);
    expect(entry.outputs).toMatchObject({ orderId: null, pending: false, expiresNow: "2028-04-30T00:00:00+03:00" });
    expect(zoneid.domains.get("crash-applied.ee")).toMatchObject({ expires: "2028-04-30T00:00:00+03:00" });
  });
});

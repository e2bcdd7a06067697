import { SimpleHostingInstance } from "../../resources/gandi";
import { CheckFailedError, programResource } from "../harness/engine";
import { ProviderCallError } from "../harness/providerHost";
import { startGandi } from "../support/gandiFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGandi());

type Args = ConstructorParameters<typeof SimpleHostingInstance>[1];
const owner = { country: "fr", email: "owner@example.org", family: "Martin", given: "Claire", streetaddr: "1 rue de la Paix", type: "individual" as const };
const base: Args = { name: "shop-1", location: "FR", size: "starter", database: "mysql", language: "php" };
const instance = (args: Partial<Args> = {}, name = "shop") => programResource(() => new SimpleHostingInstance(name, { ...base, ...args } as Args));

test("the free domain is registered with the order; adding or changing it later is refused at check, removing it sends nothing", async () => {
  const { engine, gandi, server } = fixture;
  const freeDomain = { fqdn: "shop-example.fr", owner: { ...owner, city: "Paris", zip: "75002", dataObfuscated: true }, tech: { ...owner, given: "Luc" } };
  const v1 = await instance({ freeDomain });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  // sent in the dry run and the order, as Gandi's `domain` with its contacts in Gandi's field names
  expect(gandi.instance(created.entry.id)?.freeDomain).toEqual({
    fqdn: "shop-example.fr",
    owner: { country: "FR", email: "owner@example.org", family: "Martin", given: "Claire", streetaddr: "1 rue de la Paix", type: "individual", city: "Paris", zip: "75002", data_obfuscated: true },
    tech: { country: "FR", email: "owner@example.org", family: "Martin", given: "Luc", streetaddr: "1 rue de la Paix", type: "individual" },
  });
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // a change of the domain would register nothing: refused at check, naming freeDomain, nothing sent
  server.resetRequests();
  const changed = await engine.up(await instance({ freeDomain: { ...freeDomain, fqdn: "other-example.fr" } })).catch((error) => error);
  expect(changed).toBeInstanceOf(CheckFailedError);
  expect((changed as CheckFailedError).failures).toEqual([expect.objectContaining({ property: "freeDomain", reason: expect.stringContaining("cannot change: shop-example.fr was registered with the order") })]);
  // a replacement would order the same domain again: refused too
  const replaced = await engine.up(await instance({ freeDomain, location: "LU" })).catch((error) => error);
  expect((replaced as CheckFailedError).failures).toEqual([expect.objectContaining({ property: "freeDomain", reason: expect.stringContaining("must be removed before location replaces") })]);
  expect(server.requests).toHaveLength(0);

  // removing it from the program is accepted: no diff, no request, the domain stays registered
  const v2 = await instance({});
  expect((await engine.preview(v2)).changes).toBe("none");
  await engine.up(v2);
  expect(server.requests.filter((request) => request.method !== "GET")).toHaveLength(0);

  // in-place updates still work beside it
  const v3 = await instance({ snapshotEnabled: true });
  expect((await engine.up(v3)).operation).toBe("update");
  expect(gandi.instance(created.entry.id)?.snapshotEnabled).toBe(true);

  // adding a free domain to an existing instance is refused at check
  const added = await engine.up(await instance({ snapshotEnabled: true, freeDomain: { fqdn: "late-example.fr", owner } })).catch((error) => error);
  expect((added as CheckFailedError).failures).toEqual([expect.objectContaining({ property: "freeDomain", reason: expect.stringContaining("can only be given when the instance is ordered") })]);

  await engine.destroy(v3.urn);
  expect(gandi.instance(created.entry.id)).toBeUndefined();

  // the domain outlived the instance: a new order of the same free domain is refused in the dry run, naming the input
  gandi.createAttempts.length = 0;
  const again = await engine.up(await instance({ name: "shop-2", freeDomain }, "shop-again")).catch((error) => error);
  expect(again).toBeInstanceOf(ProviderCallError);
  expect(String(again.message)).toContain("dry run, so nothing was ordered: freeDomain.fqdn: shop-example.fr is not available");
  expect(gandi.createAttempts.map((attempt) => attempt.dryRun)).toEqual([true]);
});

test("adopting an existing instance with a free domain is refused: adopting orders nothing", async () => {
  const { engine, gandi } = fixture;
  gandi.addInstance({ name: "adopt-free-1" });
  const failure = await engine.up(await instance({ name: "adopt-free-1", adopt: true, freeDomain: { fqdn: "adopt-example.fr", owner } }, "adopt-free")).catch((error) => error);
  expect(String(failure.message)).toContain("cannot be adopted with freeDomain");
});

test("bad free-domain input is caught at check, naming the property, with zero API calls", async () => {
  const { engine, server } = fixture;
  const cases: [Record<string, unknown>, string][] = [
    [{ fqdn: "not a domain", owner }, "freeDomain.fqdn"],
    [{ fqdn: "ok-example.fr" }, "freeDomain.owner"],
    [{ fqdn: "ok-example.fr", owner: { ...owner, type: "person" } }, "freeDomain.owner.type"],
    [{ fqdn: "ok-example.fr", owner: { ...owner, email: "nobody" } }, "freeDomain.owner.email"],
    [{ fqdn: "ok-example.fr", owner: { ...owner, country: "France" } }, "freeDomain.owner.country"],
    [{ fqdn: "ok-example.fr", owner: { ...owner, family: "" } }, "freeDomain.owner.family"],
    [{ fqdn: "ok-example.fr", owner, admin: { ...owner, lang: "de" } }, "freeDomain.admin.lang"],
    [{ fqdn: "ok-example.fr", owner: { ...owner, street: "x" } }, "freeDomain.owner.street"],
  ];
  await expectRefusedByCheck({ engine, server }, cases, (freeDomain) => instance({ freeDomain } as unknown as Partial<Args>, "bad-domain"));
});

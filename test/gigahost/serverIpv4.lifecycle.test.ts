// ServerIpv4 at both brands: ordered once (billed, never twice), moved in place at Gigahost (routed
// addresses only), never released (neither document has a release endpoint).
import * as gigahost from "../../resources/gigahost";
import * as terrahost from "../../resources/terrahost";
import { CheckFailedError } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { brandResource, startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { fixtureForFile } from "../support/fileFixture";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";

const fixture = fixtureForFile(() => startGigahostPlatform());

const ipv4 = brandResource({ gigahost: gigahost.ServerIpv4, terrahost: terrahost.ServerIpv4 });
const orders = () => fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/ipv4"));

describe.each(["gigahost", "terrahost"] as const)("%s:ServerIpv4", (brand) => {
  const emulator = () => fixture.brands[brand].servers;
  const extras = (serverId: string) => emulator().stored(serverId)!.ips.filter((ip) => ip.type === "extra");

  test("order, read, out-of-band reverse change and refresh, delete leaves the address (with a warning), read after it is gone", async () => {
    const { engine, host } = fixture;
    const server = emulator().addServer();
    const resource = await ipv4(brand, "extra", { serverId: server.id, type: "l3" });
    fixture.server.resetRequests();
    const created = await engine.up(resource);
    expect(orders()).toHaveLength(1);
    const [ordered] = extras(server.id);
    expect(created.entry.id).toBe(ordered.id);
    expect(created.entry.outputs).toMatchObject({
      serverId: server.id,
      type: "l3",
      ipId: ordered.id,
      address: ordered.address,
      netmask: "255.255.255.0",
      gateway: ordered.gateway,
      routedTo: server.ips[0].id,
    });
    // the creation tag is the first label of the vendor's reverse name
    expect(ordered.reverse).toMatch(/^peh-[0-9a-f]{16}\.static\./);
    expect(fixture.server.requests.every((r) => r.vendor === brand)).toBe(true);

    await engine.refresh(resource.urn);
    expect((await engine.preview(resource)).changes).toBe("none");

    // the reverse name set elsewhere shows on refresh (an output: no diff)
    emulator().setReverseOutOfBand(server.id, { ipId: ordered.id }, "mail.example.no");
    expect((await engine.refresh(resource.urn))?.outputs.reverse).toBe("mail.example.no");
    expect((await engine.preview(resource)).changes).toBe("none");

    // delete: no release endpoint, the address stays (billed) and the warning says so
    const last = engine.entry(resource.urn);
    fixture.server.resetRequests();
    await engine.destroy(resource.urn);
    expect(fixture.server.requests.filter((r) => r.method !== "GET")).toHaveLength(0);
    expect(extras(server.id).map((ip) => ip.id)).toEqual([ordered.id]);
    // released elsewhere: read reports gone, delete still succeeds
    emulator().removeIp(server.id, ordered.id);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, resource.urn);
    expect(host.stderr).toContain("API has no way to release an address");
  });

  test("a create killed after the order: the next up orders nothing and asks to adopt; adopt takes the one address", async () => {
    const server = emulator().addServer();
    const resource = await ipv4(brand, "crashy", { serverId: server.id, type: "l2" });
    fixture.server.resetRequests();
    const killed = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith(`/servers/${server.id}/ipv4`)).catch(
      (error) => error,
    );
    // the second up refuses: the untagged address may be the one the killed create ordered
    expect(String(killed.message)).toMatch(/no resource of this stack manages .*nothing was ordered\. Set `adopt: true`/);
    expect(orders()).toHaveLength(1);
    const [ordered] = extras(server.id);
    expect(String(killed.message)).toContain(`${ordered.address} (id ${ordered.id})`);

    const adopting = await ipv4(brand, "crashy", { serverId: server.id, type: "l2", adopt: true });
    const { entry } = await fixture.engine.up(adopting);
    expect(entry.id).toBe(ordered.id);
    expect(orders()).toHaveLength(1);
    expect(extras(server.id)).toHaveLength(1);
    expect((await fixture.engine.preview(await ipv4(brand, "crashy", { serverId: server.id, type: "l2" }))).changes).toBe("none");
  });

  test("a create killed after tagging the address: the next up finds it by its tag, orders nothing", async () => {
    const server = emulator().addServer();
    const resource = await ipv4(brand, "tagged", { serverId: server.id, type: "l3" });
    fixture.server.resetRequests();
    const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "PUT" && r.path.endsWith(`/servers/${server.id}/reverse`));
    expect(orders()).toHaveLength(1);
    expect(extras(server.id).map((ip) => ip.id)).toEqual([entry.id]);
    expect(fixture.host.stderr).toContain("which an earlier, interrupted create ordered");
  });

  test("an order whose answer is lost is found, not sent again", async () => {
    const server = emulator().addServer();
    fixture.server.resetRequests();
    const lost = failAnswerAfterApplying(fixture.server, (r) => r.method === "POST" && r.path.endsWith(`/servers/${server.id}/ipv4`));
    const { entry } = await fixture.engine.up(await ipv4(brand, "lost", { serverId: server.id, type: "l3" }));
    expect(lost()).toBe(true);
    expect(orders()).toHaveLength(1);
    expect(extras(server.id).map((ip) => ip.id)).toEqual([entry.id]);
  });

  test("two addresses for one server in one run: two orders, both created, each address tagged with its own creation tag", async () => {
    const server = emulator().addServer();
    const first = await ipv4(brand, "pair-a", { serverId: server.id, type: "l3" });
    const second = await ipv4(brand, "pair-b", { serverId: server.id, type: "l2" });
    fixture.server.resetRequests();
    const [a, b] = await Promise.all([fixture.engine.up(first), fixture.engine.up(second)]);
    expect(orders()).toHaveLength(2);
    const stored = extras(server.id);
    expect(stored.map((ip) => ip.id).sort()).toEqual([a.entry.id, b.entry.id].sort());
    expect(a.entry.id).not.toBe(b.entry.id);
    const tags = stored.map((ip) => /^(peh-[0-9a-f]{16})\.static\./.exec(ip.reverse ?? "")?.[1]);
    expect(tags.every((tag) => tag !== undefined)).toBe(true);
    expect(new Set(tags).size).toBe(2);
    // the next run sees both as managed: nothing to do
    expect((await fixture.engine.preview(first)).changes).toBe("none");
    expect((await fixture.engine.preview(second)).changes).toBe("none");
  });

  test("an unmanaged extra address with the vendor's name blocks ordering; one with a reverse name of its own does not", async () => {
    const server = emulator().addServer({ ipv4Count: 2 });
    const handOrdered = server.ips[1];
    fixture.server.resetRequests();
    const resource = await ipv4(brand, "blocked", { serverId: server.id, type: "l2" });
    await expect(fixture.engine.up(resource)).rejects.toThrow(`${handOrdered.address} (id ${handOrdered.id})`);
    expect(orders()).toHaveLength(0);
    emulator().setReverseOutOfBand(server.id, { ipId: handOrdered.id }, "old.example.no");
    await fixture.engine.up(resource);
    expect(orders()).toHaveLength(1);
    expect(extras(server.id)).toHaveLength(2);
  });

  test("type changes replace; serverId of an address that cannot move is refused at preview", async () => {
    const { engine } = fixture;
    const server = emulator().addServer();
    const other = emulator().addServer();
    const l2 = await ipv4(brand, "fixed", { serverId: server.id, type: "l2" });
    await engine.up(l2);
    expect(await engine.preview(await ipv4(brand, "fixed", { serverId: server.id, type: "l3" }))).toMatchObject({ replaces: ["type"] });
    fixture.server.resetRequests();
    const failure = await engine.preview(await ipv4(brand, "fixed", { serverId: other.id, type: "l2" })).catch((error) => error);
    expect(failure).toBeInstanceOf(CheckFailedError);
    expect((failure as CheckFailedError).failures[0]).toMatchObject({ property: "serverId" });
    expect((failure as CheckFailedError).failures[0].reason).toMatch(
      brand === "terrahost" ? /Terrahost's API documents no way to move an address/ : /only a routed \("l3"\) address can be moved/,
    );
    expect(fixture.server.requests).toHaveLength(0);
  });
});

test("gigahost: a routed address moves to another server in place; a move elsewhere shows as drift and up moves it back", async () => {
  const { engine } = fixture;
  const servers = fixture.brands.gigahost.servers;
  const first = servers.addServer();
  const second = servers.addServer();
  const v1 = await ipv4("gigahost", "moving", { serverId: first.id, type: "l3" });
  const created = await engine.up(v1);
  const ipId = created.entry.id;

  const v2 = await ipv4("gigahost", "moving", { serverId: second.id, type: "l3" });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  fixture.server.resetRequests();
  const moved = await engine.up(v2);
  expect(moved.operation).toBe("update");
  expect(fixture.server.requests.filter((r) => r.method === "PUT" && r.path.endsWith(`/servers/${first.id}/ipv4/${ipId}`))).toHaveLength(1);
  expect(moved.entry).toMatchObject({ id: ipId, outputs: expect.objectContaining({ serverId: second.id, routedTo: second.ips[0].id }) });
  expect(servers.stored(second.id)!.ips.map((ip) => ip.id)).toContain(ipId);
  expect(servers.stored(first.id)!.ips.map((ip) => ip.id)).not.toContain(ipId);

  servers.moveIpOutOfBand(second.id, ipId, first.id);
  expect((await engine.refresh(v2.urn))?.outputs.serverId).toBe(first.id);
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(servers.stored(second.id)!.ips.map((ip) => ip.id)).toContain(ipId);
  expect((await engine.preview(v2)).changes).toBe("none");
});

test("terrahost: the move endpoint is not served (Terrahost's document does not list it)", async () => {
  const response = await fetch(`${fixture.server.urlFor("terrahost")}/servers/1/ipv4/2`, { method: "PUT" });
  expect(response.status).toBe(404);
});

test("bad input is caught at check with zero API calls", async () => {
  const { engine, server: emulatorServer } = fixture;
  const cases: [Record<string, unknown>, string][] = [
    [{ type: "l3" }, "serverId"],
    [{ serverId: "srv-12", type: "l3" }, "serverId"],
    [{ serverId: "12" }, "type"],
    [{ serverId: "12", type: "L3" }, "type"],
    [{ serverId: "12", type: "routed" }, "type"],
    [{ serverId: "12", type: "l2", adopt: "yes" }, "adopt"],
    [{ serverId: "12", type: "l2", timeouts: { create: "soon" } }, "timeouts.create"],
    [{ serverId: "12", type: "l2", reverse: "mail.example.no" }, ""],
  ];
  const brandCases = (["gigahost", "terrahost"] as const).flatMap((brand) => cases.map(([args, property]) => [{ brand, args }, property] as const));
  await expectRefusedByCheck({ engine, server: emulatorServer }, brandCases, ({ brand, args }) => ipv4(brand, "bad", args as never));
});

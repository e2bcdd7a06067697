import * as gigahost from "../../resources/gigahost";
import * as terrahost from "../../resources/terrahost";
import { brandResource, startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform());

const reverse = brandResource({ gigahost: gigahost.ReverseDns, terrahost: terrahost.ReverseDns });

describe.each(["gigahost", "terrahost"] as const)("%s:ReverseDns", (brand) => {
  const emulator = () => fixture.brands[brand].servers;

  test("IPv4 PTR: create, no drift, update, out-of-band change, replace by ipId, delete restores the previous name", async () => {
    const { engine } = fixture;
    const server = emulator().addServer({ ipv4Count: 2 });
    const [primary, extra] = server.ips;
    const v1 = await reverse(brand, "ptr", { serverId: server.id, ipId: primary.id, hostname: "Mail.Example.NO." });
    const created = await engine.up(v1);
    expect(created.entry.id).toBe(`${server.id}/ipv4/${primary.id}`);
    expect(emulator().stored(server.id)!.ips[0].reverse).toBe("mail.example.no");
    expect(created.entry.outputs).toMatchObject({
      hostname: "mail.example.no",
      address: primary.address,
      previousHostname: primary.reverse,
    });

    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    const v2 = await reverse(brand, "ptr", { serverId: server.id, ipId: primary.id, hostname: "smtp.example.no" });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    expect((await engine.up(v2)).operation).toBe("update");
    expect(emulator().stored(server.id)!.ips[0].reverse).toBe("smtp.example.no");
    expect(engine.entry(v2.urn).outputs.previousHostname).toBe(primary.reverse);

    // changed elsewhere: refresh reports exactly that, up converges
    emulator().setReverseOutOfBand(server.id, { ipId: primary.id }, "other.example.net");
    const drifted = await engine.refresh(v2.urn);
    expect(drifted?.outputs.hostname).toBe("other.example.net");
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    await engine.up(v2);
    expect(emulator().stored(server.id)!.ips[0].reverse).toBe("smtp.example.no");

    // another address replaces: the old one gets its previous name back first
    const v3 = await reverse(brand, "ptr", { serverId: server.id, ipId: extra.id, hostname: "smtp.example.no" });
    expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: ["ipId"], deleteBeforeReplace: true });
    expect((await engine.up(v3)).operation).toBe("replace");
    expect(emulator().stored(server.id)!.ips.map((ip) => ip.reverse)).toEqual([primary.reverse, "smtp.example.no"]);

    // the server going away takes the address with it
    const last = engine.entry(v3.urn);
    emulator().removeServer(server.id);
    expect(await engine.refresh(v3.urn)).toBeUndefined();
    await fixture.host.delete(last.id, v3.urn, last.outputs);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
  });

  test("IPv6 subnet delegation: create, update, destroy clears the delegation that was not there before", async () => {
    const { engine } = fixture;
    const server = emulator().addServer({ ipv6SubnetCount: 1 });
    const subnet = server.subnets[0];
    const v1 = await reverse(brand, "ns", { serverId: server.id, subnetId: subnet.id, hostname: "ns1.example.no" });
    const created = await engine.up(v1);
    expect(created.entry.outputs).toMatchObject({ address: `${subnet.network}/48`, hostname: "ns1.example.no", previousHostname: null });
    expect(emulator().stored(server.id)!.subnets[0].ns).toBe("ns1.example.no");
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");
    const v2 = await reverse(brand, "ns", { serverId: server.id, subnetId: subnet.id, hostname: "ns2.example.no" });
    await engine.up(v2);
    expect(emulator().stored(server.id)!.subnets[0].ns).toBe("ns2.example.no");
    await engine.destroy(v2.urn);
    expect(emulator().stored(server.id)!.subnets[0].ns).toBe("");
  });
});

test("an address the server does not have is refused, naming the ones it has", async () => {
  const server = fixture.brands.gigahost.servers.addServer({ ipv4Count: 1 });
  const resource = await reverse("gigahost", "missing", { serverId: server.id, ipId: "1", hostname: "x.example.no" });
  await expect(fixture.engine.up(resource)).rejects.toThrow(new RegExp(`has no IPv4 address with ipId 1; it has: ${server.ips[0].id} \\(`));
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ serverId: "1", hostname: "a.example.no" }, "ipId"],
    [{ serverId: "1", ipId: "2", subnetId: "3", hostname: "a.example.no" }, "subnetId"],
    [{ serverId: "1", ipId: "x", hostname: "a.example.no" }, "ipId"],
    [{ serverId: "one", ipId: "2", hostname: "a.example.no" }, "serverId"],
    [{ serverId: "1", ipId: "2", hostname: "not a host" }, "hostname"],
    [{ serverId: "1", ipId: "2", hostname: "localhost" }, "hostname"],
    [{ serverId: "1", ipId: "2", hostname: "a.example.no", ttl: 60 }, "ttl"],
  ];
  const brandCases = (["gigahost", "terrahost"] as const).flatMap((brand) => cases.map(([args, property]) => [{ brand, args }, property] as const));
  await expectRefusedByCheck(fixture, brandCases, ({ brand, args }) => reverse(brand, "bad", args as never));
});

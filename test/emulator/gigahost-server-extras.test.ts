// The server endpoints behind Server.packageId/mountedIsoId/rebootTrigger, ServerIpv4 and the
// graph/IPMI lookups, held to the documents: the fields they list, the refusals the model makes.
import { type GigahostHarness, startGigahost } from "./harness";

const badRequest = (message: string) => ({ meta: { status: 400, status_message: "400 Bad Request", message } });

describe("Gigahost emulator: upgrade, ISOs, IPv4", () => {
  let h: GigahostHarness;
  let vps: string;
  let dedicated: string;
  beforeEach(async () => {
    h = await startGigahost();
    vps = h.emulator.servers.addServer().id;
    dedicated = h.emulator.servers.addServer({ type: "dedicated" }).id;
  });
  afterEach(() => h.server.close());

  it.each([
    ["POST", "/servers/:vps/upgrade", { pkg_id: 4, billing: "hourly" }, "Unknown parameter: billing"],
    ["POST", "/servers/:vps/upgrade", {}, "Missing parameter: pkg_id"],
    ["POST", "/servers/:vps/upgrade", { pkg_id: 99 }, "Invalid package."],
    ["POST", "/servers/:dedicated/upgrade", { pkg_id: 4 }, "Invalid package."],
    ["POST", "/servers/:vps/isos", { iso_id: "1", boot: true }, "Unknown parameter: boot"],
    ["POST", "/servers/:vps/ipv4", { ip_type: "l4" }, 'Invalid value for ip_type: must be one of "l2", "l3".'],
    ["POST", "/servers/:vps/ipv4", { ip_type: "l3", count: 2 }, "Unknown parameter: count"],
    ["PUT", "/servers/:vps/ipv4/1", { target_srv_id: 1, keep: true }, "Unknown parameter: keep"],
  ])("%s %s refuses %j with 400", async (method, path, body, message) => {
    const answer = await h.call(method, path.replace(":vps", vps).replace(":dedicated", dedicated), body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(badRequest(message));
  });

  it("an upgrade shows as the package's product once done; a second one meanwhile is refused", async () => {
    expect((await h.call("POST", `/servers/${vps}/upgrade`, { pkg_id: "4" })).status).toBe(200);
    expect((await h.call("POST", `/servers/${vps}/upgrade`, { pkg_id: "3" })).body).toEqual(badRequest("Server is already being upgraded."));
    const server = async () => ((await h.call("GET", `/servers/${vps}`)).body as { data: { product_id: string; srv_cores: string }[] }).data[0];
    expect((await server()).product_id).toBe("2058");
    h.emulator.clock.advance(2 * 60_000);
    expect(await server()).toMatchObject({ product_id: "2059", srv_cores: "4" });
  });

  it("an ordered L3 address is routed to the primary; a move takes it to the target; L2 and primary addresses do not move", async () => {
    await h.call("POST", `/servers/${vps}/ipv4`, { ip_type: "l3" });
    await h.call("POST", `/servers/${vps}/ipv4`, { ip_type: "l2" });
    const [primary, l3, l2] = h.emulator.servers.stored(vps)!.ips;
    expect(l3).toMatchObject({ type: "extra", layer: "l3", reverse: expect.stringMatching(/^static\./) });
    const view = (await h.call("GET", `/servers/${vps}`)).body as { data: { ips: { ip_id: string; ip_routed_to: string }[] }[] };
    expect(view.data[0].ips.find((ip) => ip.ip_id === l3.id)!.ip_routed_to).toBe(primary.id);
    expect((await h.call("PUT", `/servers/${vps}/ipv4/${l2.id}`, { target_srv_id: Number(dedicated) })).body).toEqual(badRequest("Only routed (L3) IPs can be moved."));
    expect((await h.call("PUT", `/servers/${vps}/ipv4/${primary.id}`, { target_srv_id: Number(dedicated) })).body).toEqual(badRequest("The primary IP cannot be moved."));
    expect((await h.call("PUT", `/servers/${vps}/ipv4/${l3.id}`, { target_srv_id: Number(dedicated) })).status).toBe(200);
    expect(h.emulator.servers.stored(dedicated)!.ips.map((ip) => ip.id)).toContain(l3.id);
    expect(h.emulator.servers.stored(vps)!.ips.map((ip) => ip.id)).not.toContain(l3.id);
  });
});

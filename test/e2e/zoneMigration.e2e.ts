import * as fs from "node:fs";
import * as path from "node:path";
import { Project, useWorkspaceAndEmulators } from "./support";

/**
 * Moving a ZoneID zone from per-record `zoneid.DnsRecord` resources to one
 * `zoneid.DnsZoneRecords`, with the real engine (docs/zoneid.md): what happens
 * to the records when the per-record resources leave the program.
 */
const TIME_SCALE = 60;

const perRecord = (zone: string, retain: boolean) => `import * as zoneid from "pulumi-euro-hosting/zoneid";
const options = ${retain ? "{ retainOnDelete: true }" : "{}"};
new zoneid.DnsRecord("www", { zone: "${zone}", type: "a", name: "www", destination: "192.0.2.10" }, options);
new zoneid.DnsRecord("mx", { zone: "${zone}", type: "mx", name: "@", destination: "mx1.example.net", priority: 10 }, options);
`;

const zoneResource = (zone: string) => `import * as zoneid from "pulumi-euro-hosting/zoneid";
new zoneid.DnsZoneRecords("zone", {
  zone: "${zone}",
  records: [
    { name: "www", type: "A", values: ["192.0.2.10"] },
    { name: "@", type: "MX", values: ["10 mx1.example.net"] },
  ],
});
`;

describe("moving a zone from zoneid.DnsRecord resources to zoneid.DnsZoneRecords", () => {
  const setup = useWorkspaceAndEmulators(TIME_SCALE);
  const userRecords = (zone: string) =>
    setup.emulators.all.zoneid
      .records(zone)
      .filter((record) => record.modify)
      .map((record) => `${record.recordType} ${record.name} ${record.destination}`)
      .sort();
  const env = { EURO_HOSTING_TIME_SCALE: String(TIME_SCALE) };

  test("with retainOnDelete set first: the records stay, once, and the zone resource writes nothing", async () => {
    const { workspace, emulators } = setup;
    const zone = emulators.all.zoneid.addZone("retained.example.com").identificator;
    const project = Project.create(workspace, "retained", perRecord(zone, false), env);
    await project.initStack(emulators.config);
    await project.run(["up", "--yes", "--skip-preview"]);
    const before = userRecords(zone);
    expect(before).toHaveLength(2);

    fs.writeFileSync(path.join(project.directory, "index.ts"), perRecord(zone, true));
    await project.run(["up", "--yes", "--skip-preview"]);
    fs.writeFileSync(path.join(project.directory, "index.ts"), zoneResource(zone));
    emulators.server.resetRequests();
    const output = await project.run(["up", "--yes", "--skip-preview"]);
    console.log(`retainOnDelete: the moving up said:\n${output}`);
    expect(userRecords(zone)).toEqual(before);
    expect(emulators.server.requests.filter((request) => request.vendor === "zoneid" && request.method !== "GET")).toEqual([]);
    await project.run(["preview", "--refresh", "--expect-no-changes"]);
  });

  test("with `pulumi state delete` of each DnsRecord first: the same, the records stay once and nothing is written", async () => {
    const { workspace, emulators } = setup;
    const zone = emulators.all.zoneid.addZone("forgotten.example.com").identificator;
    const project = Project.create(workspace, "forgotten", perRecord(zone, false), env);
    await project.initStack(emulators.config);
    await project.run(["up", "--yes", "--skip-preview"]);
    const before = userRecords(zone);
    expect(before).toHaveLength(2);

    const { resources } = await project.exportState();
    const perRecordUrns = resources.filter((resource) => resource.type === "pulumi-nodejs:dynamic/zoneid:DnsRecord").map((resource) => resource.urn);
    expect(perRecordUrns).toHaveLength(2);
    for (const urn of perRecordUrns) await project.run(["state", "delete", urn, "--yes"]);
    fs.writeFileSync(path.join(project.directory, "index.ts"), zoneResource(zone));
    emulators.server.resetRequests();
    await project.run(["up", "--yes", "--skip-preview"]);
    expect(userRecords(zone)).toEqual(before);
    expect(emulators.server.requests.filter((request) => request.vendor === "zoneid" && request.method !== "GET")).toEqual([]);
  });

  test("without it: the up that removes them deletes the records the zone resource just took over", async () => {
    const { workspace, emulators } = setup;
    const zone = emulators.all.zoneid.addZone("naive.example.com").identificator;
    const project = Project.create(workspace, "naive", perRecord(zone, false), env);
    await project.initStack(emulators.config);
    await project.run(["up", "--yes", "--skip-preview"]);
    expect(userRecords(zone)).toHaveLength(2);

    fs.writeFileSync(path.join(project.directory, "index.ts"), zoneResource(zone));
    await project.run(["up", "--yes", "--skip-preview"]);
    expect(userRecords(zone)).toEqual([]);
    // The next up's refresh sees them gone and makes them again.
    await project.run(["up", "--yes", "--skip-preview", "--refresh"]);
    expect(userRecords(zone)).toHaveLength(2);
  });
});

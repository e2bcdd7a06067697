import * as path from "node:path";
import { outputProperties } from "./argsDocs";

const repo = path.resolve(__dirname, "../..");
const outputs = outputProperties(repo);
const typeOf = (resource: string, property: string, vendor = "gigahost") =>
  outputs.find((output) => output.vendor === vendor && output.resource === resource && output.property === property)?.type.replace(/^OutputInstance</, "Output<");

test("every output of every resource class shows its doc comment on hover (from the state schema)", () => {
  const resources = new Set(outputs.map((output) => `${output.vendor}.${output.resource}`));
  console.log(`${outputs.filter((o) => o.documented).length}/${outputs.length} outputs documented in ${resources.size} resource classes`);
  expect(resources.size).toBeGreaterThanOrEqual(34);
  expect(outputs.filter((output) => !output.documented).map((output) => `${output.vendor}.${output.resource}.${output.property}`)).toEqual([]);
});

test("outputs keep their precise types", () => {
  expect(typeOf("DnsZone", "zoneId")).toBe("Output<string>");
  expect(typeOf("DnsZone", "recordCount")).toBe("Output<number | null>");
  expect(typeOf("DnsRecord", "priority")).toBe("Output<number | undefined>");
  // Set by every successful create, so never null to a program (see StateOutputs).
  expect(typeOf("Server", "primaryIp")).toBe("Output<string>");
  expect(typeOf("Server", "primaryIp", "terrahost")).toBe("Output<string>");
  expect(typeOf("Server", "disks")).toBe("Output<{ diskId: string; type: string | null; sizeGb: number | null; }[]>");
});

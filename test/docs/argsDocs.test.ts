import * as path from "node:path";
import { argsProperties } from "./argsDocs";

const properties = argsProperties(path.resolve(__dirname, "../.."));

test("the count covers every resource class", () => {
  const resources = new Set(properties.map((property) => `${property.vendor}.${property.resource}`));
  console.log(`${properties.filter((p) => p.documented).length}/${properties.length} args properties documented in ${resources.size} resource classes`);
  expect(resources.size).toBeGreaterThanOrEqual(34);
});

test.each(["gandi", "gigahost", "terrahost", "gigas", "zoneid"])("every %s args property shows a doc comment on hover", (vendor) => {
  const undocumented = properties.filter((property) => property.vendor === vendor && !property.documented);
  expect(undocumented.map((property) => `${property.resource}.${property.property}`)).toEqual([]);
});

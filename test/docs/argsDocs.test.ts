import * as path from "node:path";
import { argsProperties } from "./argsDocs";

const properties = argsProperties(path.resolve(__dirname, "../.."));

test("every args property of every resource class shows a doc comment on hover", () => {
  const resources = new Set(properties.map((property) => `${property.vendor}.${property.resource}`));
  console.log(`${properties.filter((p) => p.documented).length}/${properties.length} args properties documented in ${resources.size} resource classes`);
  expect(resources.size).toBeGreaterThanOrEqual(34);
  const undocumented = properties.filter((property) => !property.documented);
  expect(undocumented.map((property) => `${property.vendor}.${property.resource}.${property.property}`)).toEqual([]);
});

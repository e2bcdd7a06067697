// The Gandi fixture program of the provider plugin (test/plugin/programs/gandi.ts) is one the e2e
// suite can render and import.
import { definitions } from "../../resources/gandi/definitions";
import { program } from "../plugin/programs/gandi";
import { describeProgramConsistency, references } from "../support/importHarness";

describeProgramConsistency(program, "gandi", Object.keys(definitions), (kind) => definitions[kind]());

test("the vhost refers to the instance (the reference checks are not vacuous)", () => {
  expect(program.resources.flatMap((resource) => references(resource.properties))).toEqual([["shop", "instanceId"]]);
});

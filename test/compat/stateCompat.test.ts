// State written by released versions keeps working with the current code:
// what the recorded fixtures must cover. The lifecycles run per vendor group
// (stateCompat.<group>.test.ts); see recordedStates.ts and
// docs/state-compatibility.md.
import * as path from "node:path";
import { REPO_ROOT, fixturePath } from "./fixtures";
import { DELETE_LEAVES_OBJECT, IN_PLACE_CHANGES, NO_IN_PLACE_INPUT, fixtures, kinds, versions } from "./recordedStates";

test("every registered kind has recorded state, and every recorded kind is still registered", () => {
  expect(versions).toContain("0.1.0");
  const recorded = new Set(fixtures.map(([, fixture]) => fixture.kind));
  expect(kinds.filter((kind) => !recorded.has(kind))).toEqual([]);
  // Kinds are never renamed or removed: state written by older versions names them.
  expect([...recorded].filter((kind) => !kinds.includes(kind))).toEqual([]);
});

test("every kind is either given an in-place change or said to have none, and each fixture lies where its kind and version say", () => {
  expect(kinds.filter((kind) => (kind in IN_PLACE_CHANGES) === (kind in NO_IN_PLACE_INPUT))).toEqual([]);
  expect([...Object.keys(IN_PLACE_CHANGES), ...Object.keys(NO_IN_PLACE_INPUT), ...Object.keys(DELETE_LEAVES_OBJECT)].filter((kind) => !kinds.includes(kind))).toEqual([]);
  for (const [file, fixture] of fixtures) {
    expect(path.relative(REPO_ROOT, fixturePath(fixture.packageVersion, fixture.kind))).toBe(file);
    // What makes the fixture worth having: the provider stub and the creation tag as that version stored them.
    expect(typeof fixture.inputs.__provider).toBe("string");
    expect(fixture.outputs.__provider).toBe(fixture.inputs.__provider);
    expect(fixture.type).toBe(`pulumi-nodejs:dynamic/${fixture.kind}`);
  }
});


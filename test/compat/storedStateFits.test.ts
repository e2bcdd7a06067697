import { inputKeysOf } from "../../provider/inputs";
import { memoryLogger } from "../../provider/log";
import { parseStoredState } from "../../provider/storedState";
import { fixtureFiles, readFixture, recordedVersions } from "./fixtures";

/**
 * The stored-state check (provider/storedState.ts) against every recorded
 * state: each kind's schemas accept the outputs its older versions wrote, and
 * say which named migrations that took. No emulator, no provider process:
 * stateCompat*.test.ts drive the same states through the whole lifecycle.
 */
const fixtures = recordedVersions().flatMap((version) => fixtureFiles(version).map((file) => ({ version, fixture: readFixture(file) })));

function definitionOf(kind: string) {
  const vendor = kind.split(":")[0];
  return require(`../../resources/${vendor}/definitions`).definitions[kind]();
}

test("there are recorded states to check", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(34);
});

test.each(fixtures.map(({ version, fixture }) => [`${version} ${fixture.kind}`, fixture] as const))(
  "%s: the stored state fits the current schemas",
  (_name, fixture) => {
    const definition = definitionOf(fixture.kind);
    const { __provider, ...stored } = fixture.outputs;
    const logger = memoryLogger();
    const parsed = parseStoredState(definition, inputKeysOf(definition.inputs), fixture.id, stored, logger);
    // Nothing recorded needed a migration so far; a migration added later shows up here by name.
    expect(logger.lines).toEqual([]);
    // Every state property the fixture holds survives the check with its value.
    for (const key of Object.keys(definition.state.shape)) {
      if (stored[key] !== undefined) expect(parsed[key]).toEqual(stored[key]);
    }
  },
);

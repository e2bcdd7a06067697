// Every resource kind declares how it is imported through the provider plugin (`importId`) or
// why it cannot be (`notImportable`), and each documented example is an import id its own
// parser takes.
import { vendorRegistries } from "../../resources/vendors";
import { bridge } from "../../provider/dynamic";

const kinds = Object.values(vendorRegistries).flatMap((registry) => Object.entries(registry().definitions));

describe("import ids", () => {
  test("all 55 kinds are covered", () => {
    expect(kinds).toHaveLength(55);
  });

  test.each(kinds)("%s declares exactly one of importId and notImportable", (_kind, load) => {
    const definition = load();
    expect([definition.importId !== undefined, definition.notImportable !== undefined].filter(Boolean)).toHaveLength(1);
    if (definition.notImportable !== undefined) expect(definition.notImportable.trim().length).toBeGreaterThan(20);
  });

  test.each(kinds.filter(([, load]) => load().importId))("%s parses its documented example", (_kind, load) => {
    const { format, example, parse } = load().importId!;
    expect(format).not.toBe("");
    const { id } = parse(example);
    expect(id).not.toBe("");
  });

  test.each(kinds.filter(([, load]) => load().notImportable))("%s refuses an import with its reason", async (kind, load) => {
    const definition = load();
    await expect(bridge(definition).read("anything", {})).rejects.toThrow(`${kind} cannot be imported: ${definition.notImportable}`);
  });

  test.each(kinds.filter(([, load]) => load().importId))("%s names the format when the import id is malformed", async (kind, load) => {
    const definition = load();
    // An empty id is malformed for every format.
    await expect(bridge(definition).read("", {})).rejects.toThrow(definition.importId!.example);
  });
});

// Programs that exercise every resource kind of one vendor through the provider plugin
// (pulumi-resource-euro-hosting) with the real Pulumi CLI: test/e2e/plugin*.e2e.ts renders each
// into a Pulumi YAML program (or a TypeScript one), runs up, a clean preview, refresh, an import
// round trip (state forgotten, `pulumi import --file`, preview --expect-no-changes) and destroy
// against the emulators seeded by `seedDemoData` (emulator/all.ts).

/** A value: plain JSON, or a reference to another resource's output written `${name.output}` (Pulumi YAML syntax). */
export type ProgramValue = string | number | boolean | null | ProgramValue[] | { [key: string]: ProgramValue };

export interface ProgramResource {
  /** The resource's name in the program (logical name), unique within the program. */
  name: string;
  /** The resource kind, "vendor:Resource"; the plugin's type token is `euro-hosting:<vendor>:<Resource>`. */
  kind: string;
  /** Its inputs as a user writes them, `${other.id}` for references. */
  properties: Record<string, ProgramValue>;
  /** Other resources it must follow without referencing them (Pulumi's dependsOn). */
  dependsOn?: string[];
  /**
   * Its import id, from its id and outputs after `up` (the format its definition's importId documents);
   * absent for kinds that declare `notImportable`.
   */
  importId?: (id: string, outputs: Record<string, any>) => string;
  /**
   * Inputs the vendor never returns (write-only secrets such as a password): an imported
   * resource has none, so the first `up` after `pulumi import` sets them from the program and
   * preview shows exactly these as changed until then.
   */
  writeOnly?: string[];
}

export interface PluginProgram {
  vendor: string;
  resources: ProgramResource[];
}

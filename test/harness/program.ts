import * as pulumi from "@pulumi/pulumi";
import { CheckFailedError, Engine, ProgramResource, runProgram } from "./engine";

/**
 * `pulumi up` of a whole program: resources are deployed in dependency
 * order. Each pass reruns the program with the outputs deployed so far; a
 * resource whose check fails only on inputs still missing (outputs of
 * resources not yet created) waits for a later pass.
 */
export async function deployProgram(engine: Engine, program: () => pulumi.Resource[] | void): Promise<ProgramResource[]> {
  const done = new Set<string>();
  for (let pass = 0; pass < 10; pass++) {
    const resources = await runProgram(program, engine.state);
    let progressed = false;
    let blocked: CheckFailedError | undefined;
    for (const resource of resources) {
      if (done.has(resource.urn)) continue;
      try {
        await engine.up(resource);
        done.add(resource.urn);
        progressed = true;
      } catch (error) {
        const waitingForDependency =
          error instanceof CheckFailedError && error.failures.every((failure) => !(failure.property.split(".")[0] in resource.inputs));
        if (!waitingForDependency) throw error;
        blocked = error;
      }
    }
    if (done.size === resources.length) return resources;
    if (!progressed) throw blocked ?? new Error("no resource could be deployed");
  }
  throw new Error("program did not converge in 10 passes");
}

/** `pulumi refresh` then `pulumi preview --expect-no-changes`: returns the resources that would change. */
export async function driftedResources(engine: Engine, program: () => pulumi.Resource[] | void): Promise<string[]> {
  for (const urn of [...engine.state.keys()]) await engine.refresh(urn);
  const resources = await runProgram(program, engine.state);
  const drifted: string[] = [];
  for (const resource of resources) {
    if (!engine.state.has(resource.urn) || (await engine.preview(resource)).changes !== "none") drifted.push(resource.urn);
  }
  return drifted;
}

/** `pulumi destroy`: dependents first (the reverse of creation order). */
export async function destroyAll(engine: Engine): Promise<void> {
  for (const urn of [...engine.state.keys()].reverse()) await engine.destroy(urn);
}

/**
 * Loads a Pulumi program file (an example's index.ts) as a function that runs
 * it, as the Pulumi CLI would, each call registering its resources afresh.
 * `pulumi-euro-hosting/...` imports resolve to this checkout's sources.
 */
export function programFromFile(file: string): () => void {
  /* eslint-disable @typescript-eslint/no-var-requires */
  const fs = require("node:fs");
  const path = require("node:path");
  const ts = require("typescript");
  const source = fs.readFileSync(file, "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const root = path.resolve(__dirname, "../..");
  const resolve = (request: string) => {
    if (request === "pulumi-euro-hosting") return require(path.join(root, "index"));
    const vendor = /^pulumi-euro-hosting\/(\w+)$/.exec(request);
    if (vendor) return require(path.join(root, "resources", vendor[1]));
    return require(request.startsWith(".") ? path.resolve(path.dirname(file), request) : request);
  };
  return () => {
    const module = { exports: {} };
    new Function("require", "module", "exports", "__filename", "__dirname", outputText)(resolve, module, module.exports, file, path.dirname(file));
  };
}

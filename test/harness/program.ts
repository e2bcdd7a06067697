import * as pulumi from "@pulumi/pulumi";
import { Semaphore } from "../../provider/limit";
import { CheckFailedError, Engine, ProgramResource, hasUnknownInputs, runProgram } from "./engine";

/** Resource operations in flight at once, like `pulumi up --parallel 10` (the CLI's own default is unbounded). */
const PARALLELISM = 10;

export interface ParallelOptions {
  /** Operations in flight at once (default 10); `Infinity` is the CLI's default. */
  parallel?: number;
}

/** Creation layer of each resource (0: no dependencies), so destroy can go in reverse. */
const layers = new WeakMap<Engine, Map<string, number>>();

/**
 * `pulumi up` of a whole program: resources are deployed in dependency
 * order, independent ones in parallel. Each pass reruns the program (as a
 * preview) with the outputs deployed so far; a resource with inputs still
 * unknown (outputs of resources not yet created) waits for a later pass.
 */
export async function deployProgram(engine: Engine, program: () => pulumi.Resource[] | void, options: ParallelOptions = {}): Promise<ProgramResource[]> {
  const layerOf = layers.get(engine) ?? new Map<string, number>();
  layers.set(engine, layerOf);
  const done = new Set<string>();
  const slots = new Semaphore(options.parallel ?? PARALLELISM);
  for (let pass = 0; pass < 10; pass++) {
    const resources = await runProgram(program, engine.state, { preview: true });
    const results = await Promise.allSettled(
      resources
        .filter((resource) => !done.has(resource.urn) && !hasUnknownInputs(resource.inputs))
        .map((resource) =>
          slots.run(async () => {
            try {
              await engine.up(resource);
            } catch (error) {
              const waitingForDependency =
                error instanceof CheckFailedError &&
                error.failures.every((failure) => !(failure.property.split(".")[0] in resource.inputs));
              if (waitingForDependency) return;
              throw error;
            }
            done.add(resource.urn);
            if (!layerOf.has(resource.urn)) layerOf.set(resource.urn, pass);
          }),
        ),
    );
    const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failed) throw failed.reason;
    if (done.size === resources.length) return resources;
    if (results.length === 0 && done.size < resources.length) {
      throw new Error(`no resource could be deployed; waiting: ${resources.filter((r) => !done.has(r.urn)).map((r) => r.name).join(", ")}`);
    }
  }
  throw new Error("program did not converge in 10 passes");
}

/** `pulumi refresh`: reads every resource in state, ten at a time. */
export async function refreshAll(engine: Engine): Promise<void> {
  const slots = new Semaphore(PARALLELISM);
  await Promise.all([...engine.state.keys()].map((urn) => slots.run(() => engine.refresh(urn))));
}

/** `pulumi refresh` then `pulumi preview --expect-no-changes`: returns the resources that would change. */
export async function driftedResources(engine: Engine, program: () => pulumi.Resource[] | void): Promise<string[]> {
  await refreshAll(engine);
  const resources = await runProgram(program, engine.state);
  const drifted: string[] = [];
  for (const resource of resources) {
    if (!engine.state.has(resource.urn) || (await engine.preview(resource)).changes !== "none") drifted.push(resource.urn);
  }
  return drifted;
}

/** `pulumi destroy`: dependents first (the reverse of creation layers), each layer in parallel. */
export async function destroyAll(engine: Engine, options: ParallelOptions = {}): Promise<void> {
  const layerOf = layers.get(engine) ?? new Map<string, number>();
  const slots = new Semaphore(options.parallel ?? PARALLELISM);
  const urns = [...engine.state.keys()];
  const byLayer = new Map<number, string[]>();
  for (const urn of urns) {
    const layer = layerOf.get(urn) ?? 0;
    byLayer.set(layer, [...(byLayer.get(layer) ?? []), urn]);
  }
  for (const layer of [...byLayer.keys()].sort((a, b) => b - a)) {
    await Promise.all(byLayer.get(layer)!.map((urn) => slots.run(() => engine.destroy(urn))));
  }
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

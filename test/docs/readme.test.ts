import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * Every TypeScript snippet in the README and in docs/ compiles against the
 * package as a user imports it, so the documentation cannot drift from the code.
 */
const ROOT = path.resolve(__dirname, "../..");
const documents = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((name) => path.join("docs", name))];
const snippets = documents.flatMap((document) =>
  [...fs.readFileSync(path.join(ROOT, document), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `${document} #${index + 1}`,
    code: match[1],
    // Each snippet is a module of its own beside the sources, so that
    // `pulumi-euro-hosting/...` resolves through tsconfig paths.
    file: path.join(ROOT, "test", "docs", `snippet-${document.replace(/\W+/g, "-")}-${index + 1}.ts`),
  })),
);

let diagnosticsByFile: Map<string, string[]>;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  })!;
  const sources = new Map(snippets.map((snippet) => [snippet.file, `${snippet.code}\nexport {};\n`]));
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile;
  const fileExists = host.fileExists;
  host.readFile = (name) => sources.get(path.resolve(name)) ?? readFile(name);
  host.fileExists = (name) => sources.has(path.resolve(name)) || fileExists(name);
  const program = ts.createProgram([...sources.keys()], { ...config.options, noEmit: true }, host);
  diagnosticsByFile = new Map();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file && path.resolve(diagnostic.file.fileName);
    if (!file || !sources.has(file)) continue;
    diagnosticsByFile.set(file, [...(diagnosticsByFile.get(file) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")]);
  }
});

test("the README has TypeScript snippets", () => {
  expect(snippets.filter((snippet) => snippet.name.startsWith("README")).length).toBeGreaterThan(1);
});

test.each(snippets.map((snippet) => [snippet.name, snippet.file]))("snippet %s compiles", (_name, file) => {
  expect(diagnosticsByFile.get(file) ?? []).toEqual([]);
});

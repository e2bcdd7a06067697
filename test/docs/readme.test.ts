import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * Every TypeScript snippet in the README compiles against the package as a
 * user imports it, so the documentation cannot drift from the code.
 */
const ROOT = path.resolve(__dirname, "../..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

test("the README has TypeScript snippets", () => {
  expect(snippets.length).toBeGreaterThan(0);
});

test.each(snippets.map((code, index) => [index + 1, code]))("README snippet %i compiles", (index, code) => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  })!;
  // A snippet is a module of its own; it lives beside the sources so that
  // `pulumi-euro-hosting/...` resolves through tsconfig paths.
  const file = path.join(ROOT, "test", "docs", `readme-snippet-${index}.ts`);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile;
  host.readFile = (name) => (path.resolve(name) === file ? `${code}\nexport {};\n` : readFile(name));
  host.fileExists = ((exists) => (name: string) => path.resolve(name) === file || exists(name))(host.fileExists);
  const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && path.resolve(d.file.fileName) === file);
  const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(messages).toEqual([]);
});

import * as path from "node:path";
import * as ts from "typescript";

/**
 * What a user's editor shows on hover: for every resource class the package
 * exports, each property of its constructor's args type and whether it
 * carries a doc comment, read from the built declarations in dist/ (what
 * the published package ships).
 */
export interface ArgsProperty {
  vendor: string;
  resource: string;
  property: string;
  documented: boolean;
}

const VENDORS = ["gigahost", "terrahost", "zoneid", "gigas", "gandi"];

export function argsProperties(repo: string): ArgsProperty[] {
  const entries = VENDORS.map((vendor) => path.join(repo, "dist", "resources", vendor, "index.d.ts"));
  const program = ts.createProgram(entries, { strict: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const found: ArgsProperty[] = [];
  VENDORS.forEach((vendor, index) => {
    const source = program.getSourceFile(entries[index]);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`no declarations at ${entries[index]}: run npm run build first`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
      const classType = checker.getTypeOfSymbol(symbol);
      const signature = classType.getConstructSignatures()[0];
      const argsParameter = signature?.getParameters()[1];
      if (!argsParameter || !signature.getParameters()[0] || signature.getParameters()[0].name !== "name") continue;
      const argsType = checker.getNonNullableType(checker.getTypeOfSymbol(argsParameter));
      for (const property of argsType.getProperties()) {
        const documented = ts.displayPartsToString(property.getDocumentationComment(checker)).trim() !== "";
        found.push({ vendor, resource: symbol.name, property: property.name, documented });
      }
    }
  });
  return found;
}

/** An output of a resource class as a user's editor shows it: its type and its doc comment. */
export interface OutputProperty {
  vendor: string;
  resource: string;
  property: string;
  type: string;
  documented: boolean;
}

/**
 * Every output of every resource class the package exports (the instance's
 * properties apart from what `pulumi.CustomResource` itself declares), read
 * from the built declarations the way an editor reads them: the symbol of
 * `new Resource(...).output`.
 */
export function outputProperties(repo: string): OutputProperty[] {
  const probePath = path.join(repo, "dist", "__outputs_probe__.ts");
  const lines: string[] = [];
  VENDORS.forEach((vendor) => {
    lines.push(`import * as ${vendor} from "./resources/${vendor}";`);
  });
  const sourceText = (classes: { vendor: string; name: string }[]) =>
    lines.join("\n") + "\n" + classes.map(({ vendor, name }, index) => `declare const r${index}: ${vendor}.${name};`).join("\n");
  // First pass: find the classes; second: one declared instance per class.
  const classes: { vendor: string; name: string }[] = [];
  const makeProgram = (text: string) => {
    const host = ts.createCompilerHost({ strict: true, skipLibCheck: true, types: [] });
    const readFile = host.readFile;
    host.readFile = (file) => (path.resolve(file) === probePath ? text : readFile(file));
    const fileExists = host.fileExists;
    host.fileExists = (file) => path.resolve(file) === probePath || fileExists(file);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (file, language) =>
      path.resolve(file) === probePath ? ts.createSourceFile(file, text, language) : getSourceFile(file, language);
    return ts.createProgram([probePath], { strict: true, skipLibCheck: true, types: [] }, host);
  };
  let program = makeProgram(sourceText([]));
  let checker = program.getTypeChecker();
  for (const vendor of VENDORS) {
    const source = program.getSourceFile(path.join(repo, "dist", "resources", vendor, "index.d.ts"));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`no declarations for ${vendor}: run npm run build first`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
      const signature = checker.getTypeOfSymbol(symbol).getConstructSignatures()[0];
      if (signature?.getParameters()[0]?.name !== "name") continue;
      classes.push({ vendor, name: exported.name });
    }
  }
  program = makeProgram(sourceText(classes));
  checker = program.getTypeChecker();
  const probe = program.getSourceFile(probePath)!;
  const found: OutputProperty[] = [];
  classes.forEach(({ vendor, name }, index) => {
    const declaration = probe.statements.find(
      (statement): statement is ts.VariableStatement => ts.isVariableStatement(statement) && statement.declarationList.declarations[0].name.getText(probe) === `r${index}`,
    )!;
    const instance = checker.getTypeAtLocation(declaration.declarationList.declarations[0]);
    for (const property of instance.getProperties()) {
      const declarations = property.getDeclarations() ?? [];
      if (declarations.some((node) => node.getSourceFile().fileName.includes("node_modules"))) continue;
      const type = checker.typeToString(checker.getTypeOfSymbol(property));
      const documented = ts.displayPartsToString(property.getDocumentationComment(checker)).trim() !== "";
      found.push({ vendor, resource: name, property: property.name, type, documented });
    }
  });
  return found;
}

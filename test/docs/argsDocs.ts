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

import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * Comments (and test titles) cite documents a reader of the repository can open:
 * docs/ pages, README.md, or the ZoneID spec copy in emulator/zoneid/. The vendor
 * documents the code was written from live outside the repository; their public
 * locations and what each part covers are in docs/vendor-documents.md, which
 * comments cite instead. A `docs/<page>.md, "<Heading>"` citation must name a
 * heading that exists in that page, so a renamed heading cannot leave it dangling.
 */
const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["provider", "resources", "emulator", "test", "examples", "bench", "scripts"];

/** Names of documents outside the repository, and the old numbered citations of them. */
const OUTSIDE_DOCUMENTS: [RegExp, string][] = [
  [/gigas-api\.md/i, "gigas-api.md"],
  [/gigas-quickstart/i, "gigas-quickstart.txt"],
  [/gandi-simplehosting-v5/i, "gandi-simplehosting-v5.txt"],
  [/gigahost-api(-v0)?\.(md|txt)/i, "gigahost-api.md / gigahost-api-v0.txt"],
  [/terrahost-api-v3/i, "terrahost-api-v3.txt"],
  [/zoneid-notes/i, "zoneid-notes.md"],
  [/zoneid-api-v2/i, "zoneid-api-v2.txt"],
  [/\bseeds\//i, "seeds/..."],
  [/\breference\//i, "(shared/)reference/..."],
  [/verified behaviour/i, '"verified behaviour N"'],
  [/\bbehaviour \d/i, '"behaviour N"'],
  [/verified live, item \d/i, '"verified live, item N"'],
  // A bare section sign meant a section of the Gigas reference notes; RFC sections are public.
  [/(?<!RFC \d+ )§/, "a bare §N"],
];

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(relative);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

interface Citing {
  file: string;
  line: number;
  kind: "comment" | "test title";
  text: string;
}

/** Every comment of a file (a run of `//` lines joined into one) and every test/describe title. */
function citingTexts(file: string): Citing[] {
  const code = fs.readFileSync(path.join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: Citing[] = [];
  const seen = new Set<number>();
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const addComments = (ranges: readonly ts.CommentRange[] | undefined) => {
    let run: { pos: number; parts: string[]; end: number } | undefined;
    const flush = () => {
      if (run) found.push({ file, line: lineOf(run.pos), kind: "comment", text: run.parts.join(" ") });
      run = undefined;
    };
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      const raw = code.slice(range.pos, range.end);
      const text = raw
        .replace(/^\/\*+|\*+\/$/g, "")
        .replace(/^\/\/+/, "")
        .split("\n")
        .map((line) => line.replace(/^\s*\*?\s?/, ""))
        .join(" ");
      const adjacent = run && range.kind === ts.SyntaxKind.SingleLineCommentTrivia && /^\s*$/.test(code.slice(run.end, range.pos)) && !code.slice(run.end, range.pos).includes("\n\n");
      if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia && adjacent && run) {
        run.parts.push(text);
        run.end = range.end;
        continue;
      }
      flush();
      if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) run = { pos: range.pos, parts: [text], end: range.end };
      else found.push({ file, line: lineOf(range.pos), kind: "comment", text });
    }
    flush();
  };
  const visit = (node: ts.Node) => {
    addComments(ts.getLeadingCommentRanges(code, node.getFullStart()));
    addComments(ts.getTrailingCommentRanges(code, node.getEnd()));
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : "";
      const title = node.arguments[0];
      if (["test", "it", "describe"].includes(name) && title && (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title) || ts.isTemplateExpression(title))) {
        found.push({ file, line: lineOf(title.getStart()), kind: "test title", text: title.getText() });
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  addComments(ts.getLeadingCommentRanges(code, source.endOfFileToken.getFullStart()));
  return found;
}

const texts = SOURCE_DIRS.flatMap(sourceFiles).flatMap(citingTexts);

/** A heading as a citation names it: no `#`s, no backticks, spaces collapsed. */
const normalise = (heading: string) => heading.replace(/^#+\s*/, "").replace(/`/g, "").replace(/\s+/g, " ").trim();

function headingsOf(document: string): Set<string> | undefined {
  const file = path.join(ROOT, document);
  if (!fs.existsSync(file)) return undefined;
  const inFences = fs.readFileSync(file, "utf8").split(/^```/m);
  const outside = inFences.filter((_, index) => index % 2 === 0).join("\n");
  return new Set([...outside.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => normalise(match[1])));
}

test("the scan finds the comments and test titles it checks", () => {
  // Guards the check itself: a scanner that found nothing would pass every rule below.
  expect(texts.filter((text) => text.kind === "comment").length).toBeGreaterThan(1000);
  expect(texts.filter((text) => text.kind === "test title").length).toBeGreaterThan(300);
  expect(texts.some((text) => /docs\/gigahost-dns\.md, "DNS quirks handled"/.test(text.text))).toBe(true);
});

test("no comment or test title cites a document that lives outside the repository", () => {
  const offences = texts.flatMap((text) =>
    OUTSIDE_DOCUMENTS.filter(([pattern]) => pattern.test(text.text)).map(([, name]) => `${text.file}:${text.line} (${text.kind}) cites ${name}`),
  );
  expect(offences).toEqual([]);
});

test('every docs/<page>.md, "<Heading>" citation names a page and a heading that exist', () => {
  const cache = new Map<string, Set<string> | undefined>();
  const dangling: string[] = [];
  let checked = 0;
  for (const text of texts) {
    // A page may be followed by several headings: (docs/<page>.md, "One", "Two").
    for (const match of text.text.matchAll(/((?:docs\/[\w-]+|README)\.md)((?:,\s*"[^"]+")+)/g)) {
      const [, document, list] = match;
      if (!cache.has(document)) cache.set(document, headingsOf(document));
      const headings = cache.get(document);
      for (const [, heading] of list.matchAll(/"([^"]+)"/g)) {
        checked++;
        if (!headings) dangling.push(`${text.file}:${text.line}: ${document} does not exist`);
        else if (!headings.has(normalise(heading))) dangling.push(`${text.file}:${text.line}: ${document} has no heading "${heading}"`);
      }
    }
  }
  expect(checked).toBeGreaterThan(50);
  expect(dangling).toEqual([]);
});

test("every docs/<page>.md a comment names exists", () => {
  const missing = texts.flatMap((text) =>
    [...text.text.matchAll(/\bdocs\/([\w-]+\.md)/g)]
      .filter((match) => !fs.existsSync(path.join(ROOT, "docs", match[1])))
      .map((match) => `${text.file}:${text.line}: docs/${match[1]}`),
  );
  expect(missing).toEqual([]);
});

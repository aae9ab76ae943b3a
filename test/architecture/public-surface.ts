import { resolve } from "node:path";
import ts from "typescript";

/** A declaration in `src/` with a JSDoc comment or on the public surface, and whether users can reach it. */
export interface DocumentedDeclaration {
  /** `src/...:line name`. */
  where: string;
  /** Reachable from a public entry: exported there, or a member or type of what is. */
  isPublic: boolean;
  hasExample: boolean;
}

const ENTRIES = ["src/index.ts", "src/node.ts", "src/emulator/index.ts"];

/**
 * Lists the declarations of `src/` that the public entries export, with every member and every
 * type of their signatures declared in `src/`, down a few levels; and every other declaration of
 * `src/` that has JSDoc. Reads the program as `tsc` sees it through `tsconfig.json`.
 */
export function documentedDeclarations(root: string): DocumentedDeclaration[] {
  const srcDir = resolve(root, "src") + "/";
  const parsed = ts.getParsedCommandLineOfConfigFile(
    resolve(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  );
  if (!parsed) throw new Error("cannot read tsconfig.json");
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const publicNodes = new Set<ts.Node>();
  const seen = new Set<ts.Symbol>();
  const inSrc = (node: ts.Node) => node.getSourceFile().fileName.startsWith(srcDir);

  const addType = (type: ts.Type, depth: number): void => {
    if (depth > 4) return;
    if (type.aliasSymbol) addSymbol(type.aliasSymbol);
    if (type.symbol) addSymbol(type.symbol);
    if (type.isUnionOrIntersection()) for (const part of type.types) addType(part, depth + 1);
    for (const signature of type.getCallSignatures()) {
      for (const parameter of signature.getParameters()) {
        const declaration = parameter.valueDeclaration;
        if (declaration)
          addType(checker.getTypeOfSymbolAtLocation(parameter, declaration), depth + 1);
      }
      addType(signature.getReturnType(), depth + 1);
    }
    if (
      type.flags & ts.TypeFlags.Object &&
      (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference
    ) {
      for (const argument of checker.getTypeArguments(type as ts.TypeReference))
        addType(argument, depth + 1);
    }
  };
  const addSymbol = (symbol: ts.Symbol): void => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (seen.has(target)) return;
    seen.add(target);
    for (const declaration of target.declarations ?? []) {
      if (!inSrc(declaration)) continue;
      publicNodes.add(declaration);
      if (ts.isVariableDeclaration(declaration)) publicNodes.add(declaration.parent.parent);
      if (ts.isClassDeclaration(declaration))
        for (const member of declaration.members) publicNodes.add(member);
      for (const member of checker.getDeclaredTypeOfSymbol(target).getProperties())
        addSymbol(member);
      addType(checker.getTypeOfSymbolAtLocation(target, declaration), 0);
      if (ts.isTypeAliasDeclaration(declaration))
        addType(checker.getTypeAtLocation(declaration), 0);
    }
  };
  for (const entry of ENTRIES) {
    const file = program.getSourceFile(resolve(root, entry));
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`cannot read ${entry}`);
    for (const exported of checker.getExportsOfModule(module)) addSymbol(exported);
  }

  const found: DocumentedDeclaration[] = [];
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(srcDir)) continue;
    const visit = (node: ts.Node): void => {
      const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
      const isFileHeader = ts.isImportDeclaration(node) || ts.isExportDeclaration(node);
      const isPublic =
        publicNodes.has(node) ||
        (ts.isVariableStatement(node) &&
          node.declarationList.declarations.some((d) => publicNodes.has(d)));
      if ((docs.length || (isPublic && needsOwnDoc(node))) && !isFileHeader) {
        const name = (node as { name?: ts.Node }).name?.getText(file) ?? "";
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        found.push({
          where: `${file.fileName.slice(srcDir.length - 4)}:${line} ${name}`,
          isPublic,
          hasExample: docs.some((doc) => doc.tags?.some((tag) => tag.tagName.text === "example")),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/**
 * Whether a public declaration must carry its own JSDoc: exported functions, classes, interfaces,
 * type aliases and constants, and the properties and methods of public types. Constructors and
 * `override`s document themselves through the class and the member they override; members of an
 * inline type literal, through the type that holds them.
 */
function needsOwnDoc(node: ts.Node): boolean {
  if (ts.isConstructorDeclaration(node)) return false;
  const modifiers = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.OverrideKeyword)) return false;
  if (ts.isPrivateIdentifier((node as { name?: ts.Node }).name ?? node)) return false;
  // Members of an inline type literal (a union's variants) are described by their type's JSDoc.
  if (
    (ts.isPropertySignature(node) || ts.isMethodSignature(node)) &&
    !ts.isInterfaceDeclaration(node.parent)
  )
    return false;
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isVariableStatement(node) ||
    ts.isPropertySignature(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isMethodSignature(node) ||
    ts.isMethodDeclaration(node)
  );
}

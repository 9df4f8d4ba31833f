/**
 * Reads TSDoc from the sources, where the protocol's prose lives: the
 * comments of the command and notification table entries, and of the members
 * of the option and hook interfaces.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** One documented member: its text and its `@default`, if any. */
export interface MemberDoc {
  text: string;
  default: string | undefined;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The comment text of a node's TSDoc, without the markers, as one paragraph; `@default` split off. */
function docOf(node: ts.Node, source: ts.SourceFile): MemberDoc {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const raw = docs.map((doc) => doc.getText(source)).join('\n');
  const text = raw
    .replace(/^\/\*\*|\*\/$/gm, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .join(' ')
    .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /\s*@default\s+(.*?)\s*(?=@\w+|$)/.exec(text);
  return { text: (match ? text.replace(match[0], ' ') : text).trim(), default: match?.[1] };
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isSatisfiesExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current))
    current = current.expression;
  return current;
}

function nameOf(name: ts.PropertyName, source: ts.SourceFile): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText(source);
}

/** The TSDoc of each property of the object literal `export const <variable> = { ... }` in `file`. */
export function objectMemberDocs(file: string, variable: string): Map<string, MemberDoc> {
  const source = parse(file);
  const out = new Map<string, MemberDoc>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === variable && node.initializer) {
      const literal = unwrap(node.initializer);
      if (ts.isObjectLiteralExpression(literal)) {
        for (const property of literal.properties) {
          if (property.name) out.set(nameOf(property.name, source), docOf(property, source));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (out.size === 0) throw new Error(`no object literal ${variable} in ${file}`);
  return out;
}

/** The TSDoc of each member of `interface <name>` in `file` (its own members, not inherited ones). */
export function interfaceMemberDocs(file: string, name: string): Map<string, MemberDoc> {
  const source = parse(file);
  const out = new Map<string, MemberDoc>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
      for (const member of node.members) {
        if (member.name) out.set(nameOf(member.name, source), docOf(member, source));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (out.size === 0) throw new Error(`no interface ${name} in ${file}`);
  return out;
}

/** One declared type of the protocol: its TSDoc, and its members (interfaces) or its definition (aliases). */
export interface TypeDoc {
  name: string;
  text: string;
  /** `extends` clause of an interface, as written. */
  heritage: string;
  /** An alias's definition, as written. */
  definition: string | undefined;
  members: { name: string; type: string; optional: boolean; text: string }[];
}

/** The declarations named `names` in `file`: interfaces and type aliases. */
export function typeDocs(file: string, names: readonly string[]): TypeDoc[] {
  const source = parse(file);
  const found = new Map<string, TypeDoc>();
  const visit = (node: ts.Node): void => {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && names.includes(node.name.text)) {
      const doc: TypeDoc = { name: node.name.text, text: docOf(node, source).text, heritage: '', definition: undefined, members: [] };
      if (ts.isTypeAliasDeclaration(node)) doc.definition = node.type.getText(source);
      else {
        doc.heritage = (node.heritageClauses ?? []).map((clause) => clause.getText(source)).join(' ');
        for (const member of node.members) {
          if (ts.isPropertySignature(member)) {
            doc.members.push({
              name: nameOf(member.name, source),
              type: member.type?.getText(source) ?? 'unknown',
              optional: member.questionToken !== undefined,
              text: docOf(member, source).text,
            });
          } else if (ts.isIndexSignatureDeclaration(member)) {
            doc.members.push({
              name: `[${member.parameters.map((p) => p.getText(source)).join(', ')}]`,
              type: member.type.getText(source),
              optional: false,
              text: 'any other field',
            });
          }
        }
      }
      found.set(doc.name, doc);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names.map((name) => {
    const doc = found.get(name);
    if (!doc) throw new Error(`no type ${name} in ${file}`);
    return doc;
  });
}

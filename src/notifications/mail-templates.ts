// Mail templates: files under templates/mail/, one pair per kind (`<kind>.txt` whose first line
// is `Subject: …`, and `<kind>.html`), Chinese first. A deliberately tiny language:
//   {{name}} / {{a.b}}          a value (HTML-escaped in .html templates)
//   {{#each list}}…{{/each}}    repeat for each element; inside, the element's fields come first
//   {{#if name}}…{{/if}}        only when the value is truthy (non-empty for lists)
// Templates are read from the project root (templates/mail), which is the same folder whether
// the code runs from src/ (tests) or dist/src/ (built); the Docker image must copy it.
import { Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../common/paths';
import { NOTIFICATION_KINDS, NotificationKind } from './notification-kinds';

type Block = { type: 'each' | 'if'; path: string; children: Node[] };
type Node = { type: 'text'; text: string } | { type: 'value'; path: string } | Block;

const TAG = /\{\{\s*(#each|#if|\/each|\/if)?\s*([\w.]*)\s*\}\}/g;

export function parseTemplate(source: string, name = 'template'): Node[] {
  const root: Node[] = [];
  const stack: { node: Block; parent: Node[] }[] = [];
  let current = root;
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    if (match.index > last) current.push({ type: 'text', text: source.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, op, path] = match;
    if (op === '#each' || op === '#if') {
      if (!path) throw new Error(`${name}: {{${op}}} needs a name`);
      const node: Block = { type: op.slice(1) as 'each' | 'if', path, children: [] };
      current.push(node);
      stack.push({ node, parent: current });
      current = node.children;
    } else if (op === '/each' || op === '/if') {
      const open = stack.pop();
      if (!open || open.node.type !== op.slice(1)) throw new Error(`${name}: {{${op}}} does not close an open {{#${op.slice(1)}}}`);
      current = open.parent;
    } else {
      if (!path) throw new Error(`${name}: empty {{}}`);
      current.push({ type: 'value', path });
    }
  }
  if (stack.length) throw new Error(`${name}: {{#${stack[stack.length - 1].node.type} ${stack[stack.length - 1].node.path}}} is not closed`);
  if (last < source.length) current.push({ type: 'text', text: source.slice(last) });
  return root;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function lookup(scopes: unknown[], path: string): unknown {
  const parts = path.split('.');
  for (let i = scopes.length - 1; i >= 0; i--) {
    let value: unknown = scopes[i];
    if (value === null || typeof value !== 'object' || !(parts[0] in (value as object))) continue;
    for (const part of parts) value = value == null ? undefined : (value as Record<string, unknown>)[part];
    return value;
  }
  return undefined;
}

export function renderNodes(nodes: Node[], scopes: unknown[], html: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'value') {
      const value = lookup(scopes, node.path);
      const text = value == null ? '' : String(value);
      out += html ? escapeHtml(text) : text;
    } else if (node.type === 'if') {
      const value = lookup(scopes, node.path);
      if (Array.isArray(value) ? value.length > 0 : Boolean(value)) out += renderNodes(node.children, scopes, html);
    } else {
      const list = lookup(scopes, node.path);
      if (Array.isArray(list)) for (const element of list) out += renderNodes(node.children, [...scopes, element], html);
    }
  }
  return out;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface CompiledKind {
  subject: Node[];
  text: Node[];
  html: Node[];
}

export function templateFolder(): string {
  return fromRoot('templates', 'mail');
}

/** Reads and parses every kind's pair once; a missing or broken file stops the app at start. */
export function loadTemplates(folder = templateFolder()): Map<NotificationKind, CompiledKind> {
  const compiled = new Map<NotificationKind, CompiledKind>();
  for (const kind of NOTIFICATION_KINDS) {
    const textFile = join(folder, `${kind}.txt`);
    const htmlFile = join(folder, `${kind}.html`);
    for (const file of [textFile, htmlFile]) if (!existsSync(file)) throw new Error(`mail template missing: ${file}`);
    const source = readFileSync(textFile, 'utf8').replace(/\r\n/g, '\n');
    const m = /^Subject:[ \t]*(.*)\n\n?/.exec(source);
    if (!m) throw new Error(`${textFile}: the first line must be "Subject: …"`);
    compiled.set(kind, {
      subject: parseTemplate(m[1], `${kind}.txt subject`),
      text: parseTemplate(source.slice(m[0].length), `${kind}.txt`),
      html: parseTemplate(readFileSync(htmlFile, 'utf8'), `${kind}.html`),
    });
  }
  return compiled;
}

@Injectable()
export class MailTemplates {
  private compiled: Map<NotificationKind, CompiledKind> | null = null;

  render(kind: NotificationKind, data: object): RenderedMail {
    this.compiled ??= loadTemplates();
    const t = this.compiled.get(kind)!;
    return {
      // A subject is one line, whatever a value holds.
      subject: renderNodes(t.subject, [data], false).replace(/\s+/g, ' ').trim().slice(0, 500),
      text: renderNodes(t.text, [data], false),
      html: renderNodes(t.html, [data], true),
    };
  }

  /** Fails at start rather than at the first reminder. */
  check(): void {
    this.compiled = loadTemplates();
  }
}

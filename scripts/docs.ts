/**
 * `npm run docs`: writes the README's field reference from the content schemas
 * (src/lib/content/schemas.ts), between the lines <!-- fields:start --> and <!-- fields:end -->,
 * so what the README says a file takes is what the build accepts. tests/readme.test.ts fails
 * when the README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import * as prettier from 'prettier';
import { DATA_FILES, NAME } from '../src/lib/content/schemas.ts';

interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
}

/** The kind of value a field takes, with its limits, in words. */
function kindOf(schema: JsonSchema): string {
  const limits: string[] = [];
  if (schema.maxLength !== undefined) limits.push(`at most ${schema.maxLength} characters`);
  if (schema.minLength !== undefined && schema.minLength > 1)
    limits.push(`at least ${schema.minLength} characters`);
  if (schema.minItems !== undefined && schema.maxItems !== undefined)
    limits.push(`${schema.minItems} to ${schema.maxItems} entries`);
  else if (schema.minItems !== undefined && schema.minItems > 0) limits.push(`at least ${schema.minItems}`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    limits.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.maximum !== undefined) limits.push(`up to ${schema.maximum}`);
  if (schema.default !== undefined && !(Array.isArray(schema.default) && schema.default.length === 0)) {
    limits.push(`default ${JSON.stringify(schema.default)}`);
  }
  let kind: string;
  if (schema.enum) kind = `one of ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  else if (schema.pattern === NAME.source) kind = 'name (a-z, 0-9, -)';
  else if (schema.format === 'partial-date') kind = 'date: YYYY, YYYY-MM or YYYY-MM-DD';
  else if (schema.format === 'day') kind = 'date: YYYY-MM-DD';
  else if (schema.format === 'web-address') kind = 'web address, https://…';
  else if (schema.type === 'array')
    kind = `list of ${schema.items?.type === 'object' ? 'entries' : kindOf(schema.items ?? {})}`;
  else if (schema.type === 'integer') kind = 'whole number';
  else if (schema.type === 'boolean') kind = '`true` or `false`';
  else kind = schema.type === 'string' || schema.type === undefined ? 'text' : schema.type;
  return limits.length > 0 ? `${kind}, ${limits.join(', ')}` : kind;
}

/** One table row per field, nested entries as "sources[].id". */
function rows(schema: JsonSchema, prefix = ''): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const row = `| \`${prefix}${name}\` | ${required.has(name) ? 'yes' : 'no'} | ${kindOf(field)} | ${(field.description ?? '').replace(/[|<]/g, '\\$&')} |`;
    const entries =
      field.type === 'array' && field.items?.type === 'object'
        ? rows(field.items, `${prefix}${name}[].`)
        : [];
    return [row, ...entries];
  });
}

/** The field reference, as Markdown. */
export function fieldReference(): string {
  return Object.entries(DATA_FILES)
    .map(([file, schema]) => {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      return [
        `#### \`${file}\``,
        '',
        '| Field | Required | Takes | What it is |',
        '| --- | --- | --- | --- |',
        ...rows(json),
      ].join('\n');
    })
    .join('\n\n');
}

export const README = path.join(import.meta.dirname, '..', 'README.md');
const START = '<!-- fields:start: written by `npm run docs` from src/lib/content/schemas.ts -->';
const END = '<!-- fields:end -->';

/** The README with its field reference written anew, formatted as `npm run format` would. */
export async function withFieldReference(readme: string): Promise<string> {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the lines ${START} and ${END}`);
  const text = `${readme.slice(0, start + START.length)}\n\n${fieldReference()}\n\n${readme.slice(end)}`;
  return prettier.format(text, { ...(await prettier.resolveConfig(README)), filepath: README });
}

if (import.meta.main) {
  writeFileSync(README, await withFieldReference(readFileSync(README, 'utf8')));
  console.log('README.md: field reference written from src/lib/content/schemas.ts');
}

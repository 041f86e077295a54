/**
 * Shareable profile definitions (`ccenv export`, `ccenv import`): profiles without their
 * secrets, in a versioned JSON file (docs/definitions.md). A secret source (`op://...`,
 * `pass:...`, `env:...`, a command) is not a secret and is kept. Parsing refuses anything
 * it does not understand with file:line:column; nothing here writes.
 */
import { CcenvError } from '../errors.js';
import { lineColumn } from '../text-position.js';
import { FIELD_SPECS } from './fields.js';
import { isValidProfileName } from './names.js';
import { parseConfig } from './store.js';
import { isProfileKind, PROFILE_KINDS, type Profile } from './types.js';
import { profileProblems } from './validate.js';

export const DEFINITIONS_FORMAT = 'ccenv-profiles';
export const DEFINITIONS_VERSION = 1;

/** What a definition leaves out: the state of this machine's secret store, not the profile's meaning. */
const LOCAL_KEYS = ['hasSecret', 'secretBackend', 'secretSetAt'] as const;

const KNOWN_KEYS = new Set<string>(['kind', 'env', ...FIELD_SPECS.map((f) => f.key)]);

export interface Definitions {
  format: typeof DEFINITIONS_FORMAT;
  version: typeof DEFINITIONS_VERSION;
  profiles: Record<string, Profile>;
}

/** A profile as it is shared: every field but those of the local secret store. */
export function definitionOf(profile: Profile): Profile {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile)) if (!(LOCAL_KEYS as readonly string[]).includes(key)) out[key] = value;
  return out as unknown as Profile;
}

export function exportDefinitions(profiles: readonly [string, Profile][]): string {
  const data: Definitions = { format: DEFINITIONS_FORMAT, version: DEFINITIONS_VERSION, profiles: {} };
  for (const [name, profile] of profiles) data.profiles[name] = definitionOf(profile);
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** A parsed definitions file: each profile with where its definition and its kind are, for messages. */
export interface ParsedDefinitions {
  profiles: { name: string; profile: Profile; at: string; kindAt: string }[];
}

type Node = import('jsonc-parser').Node;

/** Parses and checks a definitions file; a CcenvError naming `path:line:column` and what is wrong otherwise. */
export async function parseDefinitions(text: string, path: string): Promise<ParsedDefinitions> {
  const { parseTree, findNodeAtLocation, getNodeValue } = await import('jsonc-parser');
  const { jsonProblems, describeJsonProblems } = await import('../json-errors.js');
  const refuse = (offset: number, what: string, hint = 'fix the file; nothing was imported') => {
    const { line, column } = lineColumn(text, offset);
    return new CcenvError(`${path}:${line}:${column}: ${what}`, { hint });
  };
  const problems = await jsonProblems(text);
  if (problems.length > 0) throw refuse(problems[0]!.offset, `invalid JSON: ${problems.length === 1 ? problems[0]!.name : describeJsonProblems(problems)}`);
  const root = parseTree(text);
  if (!root || root.type !== 'object') throw refuse(root?.offset ?? 0, 'expected a JSON object: {"format": "ccenv-profiles", "version": 1, "profiles": {...}}');
  const at = (node: Node | undefined, fallback: Node) => (node ?? fallback).offset;
  const format = findNodeAtLocation(root, ['format']);
  if (format?.value !== DEFINITIONS_FORMAT) throw refuse(at(format, root), `not a ccenv definitions file: expected "format": "${DEFINITIONS_FORMAT}"`);
  const version = findNodeAtLocation(root, ['version']);
  if (version?.value !== DEFINITIONS_VERSION) {
    throw refuse(at(version, root), `unknown version ${version ? JSON.stringify(version.value) : '(none)'}: this ccenv reads version ${DEFINITIONS_VERSION}`, 'a newer ccenv wrote it: update ccenv; nothing was imported');
  }
  for (const property of root.children ?? []) {
    const key = property.children![0]!;
    if (!['format', 'version', 'profiles'].includes(key.value as string)) throw refuse(key.offset, `unknown key ${JSON.stringify(key.value)}`);
  }
  const profilesNode = findNodeAtLocation(root, ['profiles']);
  if (!profilesNode || profilesNode.type !== 'object') throw refuse(at(profilesNode, root), '"profiles" must be an object of profiles by name');
  const out: ParsedDefinitions['profiles'] = [];
  for (const property of profilesNode.children ?? []) {
    const [keyNode, valueNode] = property.children as [Node, Node];
    const name = keyNode.value as string;
    if (!isValidProfileName(name)) throw refuse(keyNode.offset, `${JSON.stringify(name)} is not a profile name (letters, digits, ".", "_", "-")`);
    if (valueNode.type !== 'object') throw refuse(valueNode.offset, `profile ${name} must be an object`);
    const kindNode = findNodeAtLocation(valueNode, ['kind']);
    if (!isProfileKind(kindNode?.value)) {
      throw refuse(at(kindNode, valueNode), `profile ${name}: unknown kind ${kindNode ? JSON.stringify(kindNode.value) : '(none)'}`, `kinds: ${PROFILE_KINDS.join(', ')}; nothing was imported`);
    }
    if (out.some((p) => p.name === name)) throw refuse(keyNode.offset, `profile ${name} is defined twice`);
    for (const field of valueNode.children ?? []) {
      const fieldKey = field.children![0]!;
      const key = fieldKey.value as string;
      if ((LOCAL_KEYS as readonly string[]).includes(key)) throw refuse(fieldKey.offset, `profile ${name}: ${key} is this machine's, not part of a definition`);
      if (!KNOWN_KEYS.has(key)) throw refuse(fieldKey.offset, `profile ${name}: unknown field ${JSON.stringify(key)}`, 'a newer ccenv may know it: update ccenv; nothing was imported');
    }
    const profile = getNodeValue(valueNode) as Profile;
    // The same shape rules as config.json, then the same rules as add and edit.
    try {
      await parseConfig(JSON.stringify({ version: 1, profiles: { [name]: profile } }), path);
    } catch (error) {
      throw refuse(valueNode.offset, (error as CcenvError).message.replace(`${path}: `, ''));
    }
    const invalid = profileProblems(profile);
    if (invalid.length > 0) throw refuse(valueNode.offset, `profile ${name}: ${invalid.join('; ')}`);
    const where = (offset: number) => {
      const { line, column } = lineColumn(text, offset);
      return `${path}:${line}:${column}`;
    };
    out.push({ name, profile, at: where(keyNode.offset), kindAt: where(kindNode!.offset) });
  }
  return { profiles: out };
}

import type { ScholarlySourceDescriptor } from './source-descriptor';
import { BUILT_IN_SOURCES } from './sources/index';

/**
 * The scholarly sources this process knows: the built-in list (sources/index.ts) and any source
 * registered from outside (a plug-in folder, or a test) before the apps are built. Everything that
 * differs by source reads it from here, at the time it needs it.
 */

/** The built-in sources' names: the API's `ScholarlySource` enum. */
export const SCHOLARLY_SOURCES = BUILT_IN_SOURCES.map((s) => s.name) as unknown as readonly BuiltInSource[];
export type BuiltInSource = (typeof BUILT_IN_SOURCES)[number]['name'];

const registered: ScholarlySourceDescriptor[] = [...BUILT_IN_SOURCES];

/**
 * Adds a source (its descriptor) to this process. Call it before the API and worker modules are
 * built: their queues and processors are made from the sources known then.
 */
export function registerScholarlySource(descriptor: ScholarlySourceDescriptor): void {
  if (!/^[a-z][a-z0-9]*$/.test(descriptor.name)) throw new Error(`a source name is lowercase letters and digits: ${JSON.stringify(descriptor.name)}`);
  const at = registered.findIndex((s) => s.name === descriptor.name);
  if (at >= 0 && registered[at] !== descriptor) throw new Error(`the scholarly source ${descriptor.name} is registered already`);
  if (at < 0) registered.push(descriptor);
}

/** Every known source, built-ins first. */
export function scholarlySources(): readonly ScholarlySourceDescriptor[] {
  return registered;
}

export function scholarlySourceNames(): string[] {
  return registered.map((s) => s.name);
}

export function isScholarlySource(name: string): boolean {
  return registered.some((s) => s.name === name);
}

/** The descriptor of `name`; throws for a source no one registered (a stored row of a removed plug-in). */
export function scholarlySource(name: string): ScholarlySourceDescriptor {
  const found = registered.find((s) => s.name === name);
  if (!found) throw new Error(`unknown scholarly source: ${name}`);
  return found;
}

/** How people see a source's name; a name no longer registered is shown as stored. */
export function sourceDisplayName(name: string): string {
  return registered.find((s) => s.name === name)?.displayName ?? name;
}

/** Source names by rank, best first: for work metadata (and listing records), or for abstracts. */
export function sourcesByPriority(kind: 'metadata' | 'abstract'): string[] {
  return [...registered].sort((a, b) => a.priority[kind] - b.priority[kind]).map((s) => s.name);
}

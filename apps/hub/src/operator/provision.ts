import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateNodeKeySet, generateSigningKey, NodeKeySet, PublicKeySet, publicKeySet, readKeySet, writeKeySet } from '@imi/envelope';
import { AuthorityKind } from '@imi/domain';
import { Database } from '@imi/persistence';
import { loadLegislativeAreas } from '../registry/legislative-areas';
import { RegistryConflict, RegistryRepository } from '../registry/registry.repository';

/** An authority as the operator registers it; the directory data is optional (the name then stands in the node's language). */
export interface PlannedAuthority {
  id: string;
  name: string;
  legislativeAreas: string[];
  observes?: string[];
  coordinates?: string[];
  kind?: AuthorityKind;
  region?: string | null;
  names?: Record<string, string>;
  keywords?: Record<string, string[]>;
  professions?: string[];
}

export interface NetworkPlan {
  nodes: { code: string; authorities: PlannedAuthority[] }[];
}

/**
 * Observation stays within a member state: a coordinator never sees another state's requests,
 * nor its own. An area coordinator is registered for the areas it coordinates.
 */
export function checkObservations(plan: NetworkPlan): void {
  for (const node of plan.nodes) {
    for (const authority of node.authorities) {
      const foreign = (authority.observes ?? []).find((id) => id === authority.id || !node.authorities.some((a) => a.id === id));
      if (foreign) throw new Error(`authority ${authority.id} can observe only other authorities of ${node.code}, not ${foreign}`);
      const unregistered = (authority.coordinates ?? []).find((area) => !authority.legislativeAreas.includes(area));
      if (unregistered) throw new Error(`authority ${authority.id} can coordinate only areas it is registered for, not ${unregistered}`);
    }
  }
}

/** Generates a key set in `dir` unless one is there already; returns it. */
export function ensureKeys(dir: string, node: string): NodeKeySet {
  if (existsSync(join(dir, 'private.json'))) return readKeySet(dir);
  const keys = node === 'HUB' ? { node, signing: generateSigningKey('hub'), encryption: [] } : generateNodeKeySet(node);
  writeKeySet(dir, keys);
  return keys;
}

/**
 * Registers every node of the plan (with keys from `<keysRoot>/<CC>`, generated if missing)
 * and its authorities. Safe to run again: nodes registered already are left alone, authorities
 * are brought in line with the plan.
 */
export async function provision(db: Database, plan: NetworkPlan, keysRoot: string): Promise<void> {
  const areas = new Set(loadLegislativeAreas().map((a) => a.id));
  const registry = new RegistryRepository(db);
  const tolerateExisting = (error: unknown) => {
    if (!(error instanceof RegistryConflict)) throw error;
  };
  checkObservations(plan);
  for (const node of plan.nodes) {
    const keys = ensureKeys(join(keysRoot, node.code), node.code);
    await registry.registerNode(publicKeySet(keys)).catch(tolerateExisting);
    for (const authority of node.authorities) {
      const unknown = authority.legislativeAreas.find((a) => !areas.has(a));
      if (unknown) throw new Error(`authority ${authority.id}: unknown legislative area ${unknown}`);
      await registry.applyAuthority({ ...authority, node: node.code });
    }
  }
}

/**
 * The operator's part of the registration chain: a member state's node with its public keys,
 * and its national coordinator, who registers and validates everyone else through the node.
 * The coordinator is registered for every area (it can act as a competent authority).
 */
export async function registerMemberState(db: Database, keys: PublicKeySet, coordinator: { id: string; name: string }): Promise<void> {
  if (!coordinator.id.startsWith(`${keys.node}-`)) throw new Error(`the national coordinator's id must start with ${keys.node}-`);
  const registry = new RegistryRepository(db);
  await registry.registerNode(keys);
  await registry.applyAuthority({
    id: coordinator.id, node: keys.node, name: coordinator.name, kind: 'national-coordinator',
    legislativeAreas: loadLegislativeAreas().map((a) => a.id),
  });
}

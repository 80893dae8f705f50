#!/usr/bin/env node
// Makes the JSON schemas kubeconform validates the Helm charts against (deploy/schemas/), offline,
// from what the package registries carry, in kubeconform's "standalone-strict" flavour and file
// layout ({kind}-{first label of the group}-{version}.json, lower case; core kinds {kind}-{version}.json):
//
//  - Kubernetes' own kinds from the OpenAPI document in the k8s.io/kubernetes Go module
//    (api/openapi-spec/swagger.json), fetched into the module cache with `go mod download`;
//  - CloudNativePG's Cluster from its Go module (config/crd/bases), the prometheus-operator's
//    ServiceMonitor from its Go module (example/prometheus-operator-crd);
//  - Strimzi's Kafka, KafkaNodePool, KafkaTopic, KafkaUser from the CRDs of a Strimzi release
//    (packaging/install/cluster-operator/04*-Crd-*.yaml), a folder given with --strimzi DIR: no
//    registry package carries them (the io.strimzi:api jar on Maven Central holds Java classes only).
//
// CRDs are converted by kubeconform's own scripts/openapi2jsonschema.py (Python 3 with PyYAML),
// from the kubeconform module in the cache. Only the kinds listed are written (those the charts
// render, and a few an operator's values are likely to add): a kind added to a chart without its
// schema fails the check (kubeconform finds no schema) instead of passing unvalidated.
//
//   node scripts/k8s-schemas.mjs --strimzi /path/to/strimzi/packaging/install/cluster-operator
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const VERSIONS = {
  kubernetes: 'v1.37.2',
  cloudnativePg: 'v1.30.1',
  prometheusOperator: 'v0.94.0',
  kubeconform: 'v0.8.0',
  strimzi: '1.2.0',
};

/** Kubernetes kinds the charts render (Job, NetworkPolicy, ConfigMap, Secret, ServiceAccount: not yet), by group/version. */
const KUBERNETES_KINDS = [
  ['', 'v1', 'ConfigMap'],
  ['', 'v1', 'PersistentVolumeClaim'],
  ['', 'v1', 'Secret'],
  ['', 'v1', 'Service'],
  ['', 'v1', 'ServiceAccount'],
  ['apps', 'v1', 'Deployment'],
  ['batch', 'v1', 'Job'],
  ['networking.k8s.io', 'v1', 'Ingress'],
  ['networking.k8s.io', 'v1', 'NetworkPolicy'],
  ['policy', 'v1', 'PodDisruptionBudget'],
];

const root = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({ options: { strimzi: { type: 'string' }, out: { type: 'string', default: join(root, 'deploy', 'schemas') } } });
if (!args.strimzi) {
  console.error('usage: node scripts/k8s-schemas.mjs --strimzi <Strimzi release>/packaging/install/cluster-operator [--out deploy/schemas]');
  process.exit(2);
}

const go = process.env.GO ?? 'go';
/** The module's folder in the Go module cache, downloaded through the Go module proxy if absent. */
function goModule(path, version) {
  const result = spawnSync(go, ['mod', 'download', '-json', `${path}@${version}`], { encoding: 'utf8', cwd: '/' });
  if (result.status !== 0) throw new Error(`go mod download ${path}@${version}: ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout).Dir;
}

// ---------------------------------------------------------------- Kubernetes' OpenAPI document

/** kubectl's strictness: an object that lists its properties allows no other (openapi2jsonschema's additional_properties). */
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'x-kubernetes-group-version-kind' || (key === 'description' && typeof value === 'string')) continue;
    out[key] = strict(value);
  }
  if (out.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  if (out.properties && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

/** Names of the definitions `schema` refers to, transitively. */
function closure(definitions, name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') closure(definitions, node.$ref.replace('#/definitions/', ''), seen);
      Object.values(node).forEach(visit);
    }
  };
  visit(definitions[name]);
  return seen;
}

function kubernetesSchemas(out) {
  const dir = goModule('k8s.io/kubernetes', VERSIONS.kubernetes);
  const { definitions } = JSON.parse(readFileSync(join(dir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'));
  // A quantity is written as a string or a bare number ("cpu: 1"), as the API server accepts.
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  for (const [group, version, kind] of KUBERNETES_KINDS) {
    const name = Object.keys(definitions).find((key) =>
      (definitions[key]['x-kubernetes-group-version-kind'] ?? []).some((gvk) => gvk.group === group && gvk.version === version && gvk.kind === kind));
    if (!name) throw new Error(`${kind} ${group}/${version} is not in Kubernetes ${VERSIONS.kubernetes}'s OpenAPI document`);
    const used = [...closure(definitions, name)].filter((n) => n !== name).sort();
    const schema = strict({ ...definitions[name], definitions: Object.fromEntries(used.map((n) => [n, definitions[n]])) });
    const file = `${kind}${group ? `-${group.split('.')[0]}` : ''}-${version}.json`.toLowerCase();
    writeFileSync(join(out, file), `${JSON.stringify(schema)}\n`);
  }
}

// ---------------------------------------------------------------- CRDs

/** Converts the CRD files with kubeconform's openapi2jsonschema.py, in `out`. */
function crdSchemas(out, files) {
  const converter = join(goModule('github.com/yannh/kubeconform', VERSIONS.kubeconform), 'scripts', 'openapi2jsonschema.py');
  const result = spawnSync('python3', [converter, ...files], {
    cwd: out,
    encoding: 'utf8',
    env: { ...process.env, FILENAME_FORMAT: '{kind}-{group}-{version}', DENY_ROOT_ADDITIONAL_PROPERTIES: '' },
  });
  if (result.status !== 0) throw new Error(`openapi2jsonschema.py: ${result.stderr || result.stdout}`);
}

/** The converter's pretty-printed JSON made compact, without descriptions: the committed schemas stay small. */
function compact(out) {
  const bare = (node) => {
    if (Array.isArray(node)) return node.map(bare);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).filter(([key, value]) => !(key === 'description' && typeof value === 'string')).map(([key, value]) => [key, bare(value)]));
  };
  for (const file of readdirSync(out).filter((f) => f.endsWith('.json'))) {
    writeFileSync(join(out, file), `${JSON.stringify(bare(JSON.parse(readFileSync(join(out, file), 'utf8'))))}\n`);
  }
}

rmSync(args.out, { recursive: true, force: true });
mkdirSync(args.out, { recursive: true });
kubernetesSchemas(args.out);
const cnpg = goModule('github.com/cloudnative-pg/cloudnative-pg', VERSIONS.cloudnativePg);
const prometheusOperator = goModule('github.com/prometheus-operator/prometheus-operator', VERSIONS.prometheusOperator);
crdSchemas(args.out, [
  join(cnpg, 'config', 'crd', 'bases', 'postgresql.cnpg.io_clusters.yaml'),
  join(prometheusOperator, 'example', 'prometheus-operator-crd', 'monitoring.coreos.com_servicemonitors.yaml'),
  ...['040-Crd-kafka.yaml', '043-Crd-kafkatopic.yaml', '044-Crd-kafkauser.yaml', '045-Crd-kafkanodepool.yaml'].map((f) => join(args.strimzi, f)),
]);
compact(args.out);
writeFileSync(join(args.out, 'SOURCES.md'), `# Schemas for kubeconform (generated: node scripts/k8s-schemas.mjs)

Standalone, strict (an object that lists its properties allows no other), in kubeconform's layout.

| Kinds | From |
| --- | --- |
| ${KUBERNETES_KINDS.map(([g, v, k]) => `${k} (${g ? `${g}/` : ''}${v})`).join(', ')} | Kubernetes ${VERSIONS.kubernetes}: api/openapi-spec/swagger.json of the Go module k8s.io/kubernetes |
| Cluster (postgresql.cnpg.io/v1) | CloudNativePG ${VERSIONS.cloudnativePg}: config/crd/bases of the Go module github.com/cloudnative-pg/cloudnative-pg |
| ServiceMonitor (monitoring.coreos.com/v1) | prometheus-operator ${VERSIONS.prometheusOperator}: example/prometheus-operator-crd of its Go module |
| Kafka, KafkaNodePool, KafkaTopic, KafkaUser (kafka.strimzi.io/v1) | Strimzi ${VERSIONS.strimzi}: packaging/install/cluster-operator of its release (no registry package carries Strimzi's CRDs) |

CRDs converted by kubeconform ${VERSIONS.kubeconform}'s scripts/openapi2jsonschema.py.
`);
console.log(`schemas written to ${args.out}: ${readdirSync(args.out).filter((f) => f.endsWith('.json')).join(', ')}`);

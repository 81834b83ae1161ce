#!/usr/bin/env bash
# The first step of every job that uses repository variables or secrets: each named input must be
# set and not blank (GitHub expands a variable or secret that does not exist to ""), and
# PLAN_ARTIFACT_KEY at least 32 characters. Arguments: vars:NAME or secrets:NAME, the value in the
# environment variable NAME. Every problem is reported at once; values are never printed.
set -euo pipefail
problems=0
for input in "$@"; do
  kind=${input%%:*}
  name=${input#*:}
  value=${!name-}
  where="Settings → Secrets and variables → Actions → $([ "$kind" = secrets ] && echo Secrets || echo Variables)"
  if [ -z "${value//[[:space:]]/}" ]; then
    echo "::error title=${name} is not set::${kind%s} ${name} is missing or empty: set it in ${where}"
    echo "okta-log-streaming: ${kind%s} ${name} is missing or empty: set it in ${where}" >&2
    problems=$((problems + 1))
  elif [ "$name" = PLAN_ARTIFACT_KEY ] && [ "${#value}" -lt 32 ]; then
    echo "::error title=${name} is too short::secret ${name} is shorter than 32 characters: the reviewed plans hold the secret variables' values; set a long random one (openssl rand -base64 48)"
    echo "okta-log-streaming: secret ${name} is shorter than 32 characters: set a long random one (openssl rand -base64 48)" >&2
    problems=$((problems + 1))
  fi
done
if [ "$problems" -gt 0 ]; then
  echo "okta-log-streaming: ${problems} of $# inputs missing or unusable; nothing was run" >&2
  exit 1
fi
echo "okta-log-streaming: all $# inputs set"

#!/usr/bin/env bash
# Content or code? Prints "kind=content" or "kind=code" (for $GITHUB_OUTPUT) and says why.
# content: only what editors write changed since the commit last published (published/commit,
# restored from the deploy job's cache), so the code is the one tested when it was published;
# code: anything else, a manual run, or no published commit in this history. It compares with
# the published commit, not with the push's before SHA: a push whose run failed was never
# tested nor published, and the next content-only push must not publish its code untested.
set -euo pipefail
base="$(cat published/commit 2>/dev/null || true)"
if [ "${GITHUB_EVENT_NAME:-}" != workflow_dispatch ] && [ -n "$base" ] && git cat-file -e "$base^{commit}" 2>/dev/null && git merge-base --is-ancestor "$base" HEAD; then
  git diff --name-only --no-renames "$base" HEAD > changed.txt
  echo "Changed since the last published commit $base:" >&2
  cat changed.txt >&2
  kind="$(node .ci/changed-kind.mjs < changed.txt)"
else
  echo "No published commit to compare with (first run, a manual run, or a rewritten history)." >&2
  kind=code
fi
echo "Path: $kind" >&2
echo "kind=$kind"

#!/usr/bin/env bash
# A reference floor for "entire checkpoint list" on a v1 store: git alone reading what list reads (each checkpoint
# folder's root metadata.json, then its session's metadata.json and prompt.txt) in two `git cat-file --batch` passes,
# as list does. No JSON parsing, no sorting, no output. Assumes one session per checkpoint, as the generated store has.
# usage: floor-list.sh <repo>
set -euo pipefail
cd "$1"

folders=$(git ls-tree -r -d entire/checkpoints/v1 | awk -F'\t' 'split($2, parts, "/") == 2 { split($1, f, " "); print f[3] }')
awk '{ print $1 ":metadata.json" }' <<<"$folders" | git cat-file --batch >/dev/null
awk '{ print $1 ":0/metadata.json"; print $1 ":0/prompt.txt" }' <<<"$folders" | git cat-file --batch >/dev/null

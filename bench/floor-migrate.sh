#!/usr/bin/env bash
# Writes the git fast-import stream that is the floor of a migration (DESIGN.md "Performance": "git fast-import of
# the same objects"): the v1 store's files, reused as they are, committed in the target layout.
#   refs: one commit per checkpoint folder, each on its own ref
#   v2:   one commit holding every folder without its raw transcripts (as /main does), then one commit per 100
#         checkpoints holding their raw transcripts (as the /full generations do)
# No JSON is read or written and no ref is checked first, so our migration can only be slower, but for its refs:
# fast-import writes a file per ref, where a large refs migration writes them into packed-refs once per batch.
# usage: floor-migrate.sh <refs|v2> <repo>   (the stream goes to stdout; feed it to git fast-import in a copy)
set -euo pipefail
layout=$1
cd "$2"

git ls-tree -r entire/checkpoints/v1 | awk -v layout="$layout" -F'\t' '
  function commit(ref, message) {
    printf "commit %s\ncommitter Bench <bench@example.com> %d +0000\ndata %d\n%s\n", ref, ++time, length(message), message
  }
  function end_folder() {
    if (folder == "") return
    if (layout == "refs") {
      commit("refs/floor/checkpoints/" folder, "Checkpoint: " folder)
      printf "%s", files
    } else if (++in_generation == 100) {
      flush_generation()
    }
    files = ""
  }
  function flush_generation() {
    if (raw == "") return
    commit(sprintf("refs/floor/v2/full/%013d", ++generation), "generation")
    printf "%s", raw
    raw = ""
    in_generation = 0
  }
  BEGIN { time = 1767600000 }
  {
    split($1, object, " ")
    n = split($2, path, "/")
    key = path[1] "/" path[2]
    if (key != folder) { end_folder(); folder = key }
    within = substr($2, length(key) + 2)
    line = "M " object[1] " " object[3] " " within "\n"
    if (layout == "refs") {
      files = files line
    } else if (path[n] == "full.jsonl") {
      raw = raw "M " object[1] " " object[3] " " $2 "\n"
    } else {
      main = main "M " object[1] " " object[3] " " $2 "\n"
    }
  }
  END {
    end_folder()
    if (layout == "v2") {
      flush_generation()
      commit("refs/floor/v2/main", "main")
      printf "%s", main
    }
    print "done"
  }'

#!/bin/sh
# Called as: hook.sh hooks opencode <verb>; keeps each payload, and the session file a turn-end names.
dir=/tmp/oc-rec/hooks
mkdir -p $dir
n=$(ls $dir | grep -c "^[0-9][0-9]-[a-z-]*\.json$")
n=$(printf '%02d' $((n + 1)))
cat > $dir/$n-$3.json
path=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('transcript_path',''))" $dir/$n-$3.json)
if [ -n "$path" ] && [ -f "$path" ]; then cp "$path" $dir/$n-$3.session.json; fi

#!/usr/bin/env bash
# Builds entire and installs it as bin/entire (the launcher) + bin/entire.jar. Needs a JDK >= 17, Maven and git.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
mvn -q -B -ntp -Dstyle.color=never -DskipTests install
cp cli/target/entire.jar bin/entire.jar
chmod +x bin/entire
"$here/bin/entire" --version >/dev/null
echo "installed: $here/bin/entire"
case ":$PATH:" in
  *":$here/bin:"*) ;;
  *) echo "add it to your PATH:  export PATH=\"$here/bin:\$PATH\"" ;;
esac

#!/usr/bin/env bash
# Builds entire and installs it into bin/: bin/entire (with a C compiler the native front, else the launcher), the
# launcher (bin/entire-launcher), the jars, bin/entire.release (the build id and the newest JDK found, read by both).
# Then trains the start-up cache for the JDK the launcher picks, so the first hook does not run uncached. Needs a JDK
# >= 17 and git; Maven comes through the Maven Wrapper (./mvnw), a C compiler is optional.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

# The newest JDK >= 17 in JAVA_HOME, on PATH or in the usual install folders; prints its java, or nothing.
newest_java() {
  local on_path="" home version best="" best_version=""
  if command -v java >/dev/null; then
    on_path="$(readlink -f "$(command -v java)")"
    on_path="${on_path%/bin/java}"
  fi
  for home in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/* /usr/java/* /opt/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -r "$home/release" ] || continue
    version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")"
    [[ "${version%%.*}" =~ ^[0-9]+$ ]] && [ "${version%%.*}" -ge 17 ] || continue
    if [ -n "$best" ] && [ "$(printf '%s\n' "$best_version" "$version" | sort -V | tail -n 1)" = "$best_version" ]; then
      continue   # not newer than the best so far
    fi
    if "$home/bin/java" -version >/dev/null 2>&1; then
      best="$home"
      best_version="$version"
    fi
  done
  if [ -n "$best" ]; then
    readlink -f "$best/bin/java"
  fi
}

# Says everything that is missing at once, before building anything.
missing=()
build_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$build_java" >/dev/null || ! command -v "${JAVA_HOME:+$JAVA_HOME/bin/}javac" >/dev/null; then
  missing+=("a JDK 17 or newer (java and javac on PATH, or JAVA_HOME set to it)")
else
  build_version="$("$build_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  if ! [[ "${build_version%%.*}" =~ ^[0-9]+$ ]] || [ "${build_version%%.*}" -lt 17 ]; then
    missing+=("a JDK 17 or newer (the java on PATH or in JAVA_HOME is ${build_version:-unknown}; set JAVA_HOME)")
  fi
fi
command -v git >/dev/null || missing+=("git 2.39 or newer")
if ! command -v curl >/dev/null && ! command -v wget >/dev/null && [ ! -d "$HOME/.m2/wrapper/dists" ]; then
  missing+=("curl or wget, for ./mvnw to download Maven once")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'install.sh: missing: %s\n' "${missing[@]}" >&2
  exit 1
fi

./mvnw -q -B -ntp -Dstyle.color=never -DskipTests clean install   # clean: no class whose source is gone
constants=cli/target/generated-sources/java-templates/io/entire/cli/BuildConstants.java
build="$(sed -n 's/.* BUILD = "\(.*\)";$/\1/p' "$constants")"
old_build=""
if [ -f bin/entire.release ]; then
  old_build="$(sed -n 's/^ENTIRE_BUILD="\(.*\)"$/\1/p' bin/entire.release)"
fi
java="$(newest_java)"

# Jars first, then the build id: a launcher running in between sees the old id with a newer jar and skips the cache.
# Lucene has a jar of its own, which hooks run without (docs/launcher.md).
cp cli/target/entire-search.jar bin/entire-search.jar.tmp
mv -f bin/entire-search.jar.tmp bin/entire-search.jar
cp cli/target/entire.jar bin/entire.jar.tmp
mv -f bin/entire.jar.tmp bin/entire.jar
printf 'ENTIRE_BUILD="%s"\nENTIRE_DEFAULT_JAVA="%s"\n' "$build" "$java" > bin/entire.release.tmp
mv -f bin/entire.release.tmp bin/entire.release
chmod +x bin/entire-launcher

# bin/entire: the native front, which hands hooks and the read-only commands to a resident JVM (README "Hook server")
# and runs the launcher for the rest; without a C compiler, the launcher itself, and every hook starts its own JVM,
# which works, only slower.
cc="${CC:-cc}"
if command -v "$cc" >/dev/null; then
  # Linked statically where the C library allows it: no dynamic loader on every hook's path (docs/launcher.md).
  "$cc" -O2 -static -o bin/entire.tmp cli/src/main/c/entire.c 2>/dev/null ||
    "$cc" -O2 -o bin/entire.tmp cli/src/main/c/entire.c
else
  ln -sf entire-launcher bin/entire.tmp
  echo "no C compiler ($cc): hooks will start a JVM each instead of using the hook server" >&2
fi
mv -f bin/entire.tmp bin/entire
rm -f bin/entire-hook-client   # an older install's client, which the front replaced

cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/entire"
if [ -n "$old_build" ] && [ "$old_build" != "$build" ]; then
  rm -rf "$cache_dir/entire-$old_build-"*   # the caches of the build this one replaces (and any training leftovers)
fi
ENTIRE_STARTUP_CACHE=off "$here/bin/entire" --version >/dev/null
echo "installed: $here/bin/entire (build $build, default JDK ${java:-java on PATH})"
if ENTIRE_STARTUP_CACHE=train "$here/bin/entire"; then
  echo "start-up cache: ready in $cache_dir"
else
  echo "start-up cache: not trained (entire still works, only slower to start); see $cache_dir/*.log" >&2
fi
# Shell completion: written where each shell looks for a user's completions, when that folder can be written;
# otherwise the line to add is printed.
install_completion() {   # <shell> <folder> <file name>
  local shell="$1" folder="$2" name="$3"
  if mkdir -p "$folder" 2>/dev/null && [ -w "$folder" ] \
      && "$here/bin/entire" completion "$shell" > "$folder/$name.tmp" 2>/dev/null; then
    mv -f "$folder/$name.tmp" "$folder/$name"
    echo "$shell completion: $folder/$name"
  else
    rm -f "$folder/$name.tmp" 2>/dev/null || true
    echo "$shell completion: $folder is not writable; load it with: source <(entire completion $shell)" >&2
  fi
}
install_completion bash "${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion/completions" entire
if command -v fish >/dev/null; then
  install_completion fish "${XDG_CONFIG_HOME:-$HOME/.config}/fish/completions" entire.fish
fi
if command -v zsh >/dev/null; then
  # zsh loads it through bashcompinit, from a line in .zshrc rather than a folder on $fpath
  echo "zsh completion: add to ~/.zshrc:  source <(entire completion zsh)"
fi
case ":$PATH:" in
  *":$here/bin:"*) ;;
  *) echo "add it to your PATH:  export PATH=\"$here/bin:\$PATH\"" ;;
esac

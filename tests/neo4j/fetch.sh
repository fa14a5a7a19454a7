#!/usr/bin/env bash
# Fetch the Neo4j 5 test server (org.neo4j.test:neo4j-harness, version in pom.xml) and all
# its dependencies from Maven Central into a cache folder, once. Idempotent: does nothing
# when the jars are already there. Prints the lib folder.
#   KG_NEO4J_LIB   where the jars go (default: $HOME/.cache/paperkg/neo4j-harness/lib)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="${KG_NEO4J_LIB:-${XDG_CACHE_HOME:-$HOME/.cache}/paperkg/neo4j-harness/lib}"
version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$here/pom.xml")"
stamp="$lib/.complete-$version"
if [ -f "$stamp" ]; then
  echo "$lib"
  exit 0
fi
command -v mvn >/dev/null || { echo "fetch.sh: mvn not found (apt-get install maven)" >&2; exit 1; }
tmp="$lib.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
echo "fetch.sh: fetching neo4j-harness $version into $lib" >&2
mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >&2
ls "$tmp"/neo4j-harness-"$version".jar >/dev/null
touch "$tmp/.complete-$version"
rm -rf "$lib"
mkdir -p "$(dirname "$lib")"
mv "$tmp" "$lib"
trap - EXIT
echo "$lib"

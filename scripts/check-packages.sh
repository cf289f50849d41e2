#!/usr/bin/env bash
# The packages as people install them: packs every publishable package with pnpm (which rewrites
# `workspace:*` to versions), checks what each tarball holds, installs the tarballs with plain npm
# into an app outside the workspace, and runs there an ES module script, a TypeScript file
# type-checked against the shipped .d.ts, a CommonJS script and the `rapport` executable.
# Run it after `pnpm build` (`pnpm check:packages` does both); docs/releasing.md says what it checks.
#
# The app is kept between runs in $RAPPORT_PACKAGES_APP (default ~/.cache/rapport/check-packages):
# npm installs better-sqlite3 by compiling it where no prebuilt binary fits, about 2 minutes here,
# and a kept app compiles it only when its version changes. --fresh starts from an empty app.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$SECONDS

app=${RAPPORT_PACKAGES_APP:-${XDG_CACHE_HOME:-$HOME/.cache}/rapport/check-packages}
case "$app/" in
  "$root"/*) echo "check-packages: the app must be outside the workspace, not in $app" >&2; exit 2 ;;
esac
fresh=${1:-}

fail() {
  echo "check-packages: $*" >&2
  exit 1
}

# The publishable packages: those under packages/ that are not private.
mapfile -t packages < <(node -e '
  const { readdirSync, readFileSync } = require("node:fs");
  for (const dir of readdirSync("packages").sort()) {
    const manifest = JSON.parse(readFileSync(`packages/${dir}/package.json`, "utf8"));
    if (manifest.private !== true) console.log(dir);
  }')

tarballs=$(mktemp -d "${TMPDIR:-/tmp}/rapport-tarballs-XXXXXX")
trap 'rm -rf "$tarballs"' EXIT

echo "== pack"
for dir in "${packages[@]}"; do
  [ -f "packages/$dir/dist/index.js" ] || fail "packages/$dir/dist is missing: run pnpm build first"
  (cd "packages/$dir" && pnpm pack --pack-destination "$tarballs" >/dev/null)
done

echo "== what each tarball holds"
node - "$tarballs" <<'EOF'
// Each tarball: a LICENSE, the metadata npm shows, versions instead of workspace:*, no source maps
// (the sources are not shipped), vitest and fast-check imported only by the testing entries, and
// no dependency that no shipped module imports.
const { execFileSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const dir = process.argv[2];
const problems = [];
for (const file of readdirSync(dir).filter((name) => name.endsWith('.tgz')).sort()) {
  const path = join(dir, file);
  const entries = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const read = (entry) => execFileSync('tar', ['-xzOf', path, entry], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const manifest = JSON.parse(read('package/package.json'));
  const say = (problem) => problems.push(`${manifest.name}: ${problem}`);
  if (!entries.includes('package/LICENSE')) say('no LICENSE');
  if (manifest.license !== 'MIT') say(`license is ${manifest.license}`);
  for (const key of ['description', 'keywords', 'homepage', 'bugs', 'repository', 'engines', 'exports', 'sideEffects']) {
    if (manifest[key] === undefined) say(`no "${key}" in package.json`);
  }
  if (manifest.publishConfig?.access !== 'public') say('publishConfig.access is not "public"');
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    if (String(range).startsWith('workspace:')) say(`dependency ${name} is still ${range}`);
  }
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target === 'object' && target.default === undefined) say(`export "${subpath}" has no default condition`);
  }
  const maps = entries.filter((entry) => entry.endsWith('.map'));
  if (maps.length > 0) say(`${maps.length} source maps, whose sources are not shipped (${maps[0]}, ...)`);
  for (const entry of entries.filter((name) => name.endsWith('.js') && !name.startsWith('package/dist/testing/'))) {
    const imported = /^import [^;]*from '(vitest|fast-check)'/m.exec(read(entry));
    if (imported !== null) say(`${entry.slice('package/'.length)} imports ${imported[1]} outside the testing entry`);
  }
  // Every dependency is imported by a shipped module (@types/x: x by a declaration file).
  const sources = entries.filter((name) => /\.(js|d\.ts)$/.test(name)).map((name) => ({ name, text: read(name) }));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const typesOnly = dependency.startsWith('@types/');
    const imported = typesOnly ? dependency.slice('@types/'.length) : dependency;
    const pattern = new RegExp(`(from |import\\()'${imported.replace(/[/.]/g, '\\$&')}(/[^']*)?'`);
    const used = sources.some(({ name, text }) => (!typesOnly || name.endsWith('.d.ts')) && pattern.test(text));
    if (!used) say(`depends on ${dependency}, which no shipped module imports`);
  }
  const unpacked = entries.length;
  console.log(`${file}: ${statSync(path).size} bytes, ${unpacked} entries`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
EOF

echo "== install with npm into $app"
mkdir -p "$app"
# One run at a time uses the kept app; another waits for it.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$app.lock"
  flock 9
fi
if [ "$fresh" = "--fresh" ]; then rm -rf "${app:?}"/*; fi
rm -rf "$app/check" "$app/package-lock.json" "$app/node_modules/@rapport"
# fast-check and @types/node are what an app that uses @rapport/core/testing and TypeScript adds;
# vitest is left out, to show that @rapport/core/testing does not load it.
node -e '
  const { readdirSync, writeFileSync } = require("node:fs");
  const [app, tarballs] = process.argv.slice(1);
  const dependencies = Object.fromEntries(
    readdirSync(tarballs).filter((file) => file.endsWith(".tgz")).map((file) => [
      "@rapport/" + file.replace(/^rapport-/, "").replace(/-\d+\.\d+\.\d+.*\.tgz$/, ""),
      "file:" + tarballs + "/" + file,
    ]),
  );
  dependencies["fast-check"] = "^4.0.0";
  dependencies["@types/node"] = "^20.19.0";
  writeFileSync(app + "/package.json", JSON.stringify({ name: "rapport-check-packages", private: true, type: "module", dependencies }, null, 2));
' "$app" "$tarballs"
install_started=$SECONDS
(cd "$app" && npm install --no-audit --no-fund --loglevel=error)
echo "npm install: $((SECONDS - install_started)) s"
mkdir -p "$app/check"
cp -r test/installed/. "$app/check/"

echo "== ES modules"
(cd "$app/check" && node esm.mjs)

echo "== CommonJS"
(cd "$app/check" && node cjs.cjs)

echo "== TypeScript against the shipped declarations"
# Errors in our declarations or in check.ts and check-cjs.cts fail; those of other packages' declarations (PGlite's
# need DOM and Emscripten types) are counted and left to their authors.
tsc_output=$(cd "$app/check" && node "$root/node_modules/typescript/bin/tsc" -p tsconfig.json) || true
ours=$(grep -E '^(\.\./node_modules/@rapport/|check)' <<<"$tsc_output" || true)
[ -z "$ours" ] || fail "TypeScript errors in the shipped declarations or check.ts:
$ours"
others=$(grep -cE '^[^ ].*: error TS' <<<"$tsc_output" || true)
echo "TypeScript: check.ts, check-cjs.cts and the @rapport declarations type-check (${others} errors in other packages' declarations)"

echo "== the rapport executable"
version=$(node -p 'require("./packages/cli/package.json").version')
printed=$("$app/node_modules/.bin/rapport" --version)
[ "$printed" = "$version" ] || fail "rapport --version printed '$printed', not '$version'"
echo "rapport --version: $printed"
# `rapport --version` alone loads no command, and no store: the CLI starts in about Node's own time.
trace="$app/check/modules.txt"
(cd "$app/check" && RAPPORT_TRACE_MODULES="$trace" node --import ./trace-modules.mjs \
  "$app/node_modules/@rapport/cli/dist/bin.js" --version >/dev/null)
loaded=$(grep -E '/node_modules/(@rapport/(domain|store-[a-z]+)|better-sqlite3|pg|@electric-sql)/' "$trace" || true)
[ -z "$loaded" ] || fail "rapport --version loads what it does not need:
$loaded"
echo "rapport --version loads $(wc -l <"$trace") modules, none of the domain or the stores"
db="$app/check/demo.db"
"$app/node_modules/.bin/rapport" demo --db "$db" >/dev/null || fail "rapport demo --db $db failed"
"$app/node_modules/.bin/rapport" verify --db "$db" | tail -n 1

echo "check-packages: all checks passed in $((SECONDS - started)) s"

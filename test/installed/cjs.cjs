// Run by scripts/check-packages.sh: the packages are ES modules only, and `require` loads them on
// Node 20.19 and later (22.12 and later on Node 22), which load ES modules without top-level
// await synchronously; older Node releases refuse with ERR_REQUIRE_ESM (docs/releasing.md).
const assert = require('node:assert/strict');

const [major, minor] = process.versions.node.split('.').map(Number);
const requiresEsm = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
const entries = [
  '@rapport/core',
  '@rapport/core/adapter',
  '@rapport/domain',
  '@rapport/store-sqlite',
  '@rapport/store-postgres',
  '@rapport/cli',
];
if (requiresEsm) {
  for (const entry of entries) assert.ok(Object.keys(require(entry)).length > 0, `${entry} exports nothing`);
  const { InMemoryEventStore } = require('@rapport/core');
  assert.equal(typeof new InMemoryEventStore().append, 'function');
  console.log(`CommonJS: require loads every entry on Node ${process.versions.node}`);
} else {
  assert.throws(() => require('@rapport/core'), { code: 'ERR_REQUIRE_ESM' });
  console.log(
    `CommonJS: Node ${process.versions.node} refuses require of the ES modules with ERR_REQUIRE_ESM`,
  );
}

#!/usr/bin/env node
// The `safer` command. Needs Node 24 (TypeScript type stripping): npm scripts and npx put the
// project's own Node 24 (the `node` devDependency) first on PATH.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`safer: needs Node.js 24 or later (this is ${process.version}); run it with "npx safer" from the project folder\n`);
  process.exit(1);
}
const { main } = await import('../src/cli/cli.ts');
await main(process.argv.slice(2));

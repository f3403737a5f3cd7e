// `n8n-node lint` from @n8n/node-cli, in strict mode, on what n8n lints when it verifies a package:
// package.json and the node and credential sources.
//
// n8n-node lint runs `eslint .` in the working directory with the node-cli config, which applies
// the n8n Cloud rules (no `process`, no timers, no `fs`) to every `*.ts` file it finds, and strict
// mode refuses any eslint.config.mjs other than the node-cli template. This repository also holds
// tests, a local Altinn stand-in and scripts that run in plain Node and need exactly those things,
// so the tool runs on a staged copy of the package: package.json, tsconfig.json, nodes/ and
// credentials/, with the template eslint.config.mjs copied from @n8n/node-cli itself and the
// repository's node_modules linked in. That is the file set of the source leg of n8n's
// verification scan (@n8n/scan-community-package). The repository's own eslint.config.mjs lints
// the whole tree, published code included, with the same rule sets.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeCli = path.join(root, 'node_modules', '@n8n', 'node-cli');
const template = path.join(
	nodeCli,
	'dist',
	'template',
	'templates',
	'shared',
	'default',
	'eslint.config.mjs',
);
const stagedEntries = ['package.json', 'tsconfig.json', 'nodes', 'credentials'];

const stage = mkdtempSync(path.join(tmpdir(), 'n8n-node-lint-'));
let status = 1;
try {
	for (const entry of stagedEntries)
		cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
	cpSync(template, path.join(stage, 'eslint.config.mjs'));
	symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
	const lint = spawnSync(
		process.execPath,
		[path.join(nodeCli, 'bin', 'n8n-node.mjs'), 'lint', ...process.argv.slice(2)],
		{ cwd: stage, stdio: 'inherit' },
	);
	status = lint.status ?? 1;
} finally {
	rmSync(stage, { recursive: true, force: true });
}
process.exit(status);

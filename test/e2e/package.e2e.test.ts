/**
 * The built package inside a real n8n: the pinned n8n installs (or is reused from the cache), the
 * `npm pack` tarball sits where a community-package install puts it, and n8n loads every node and
 * credential the package declares under the package's own name, icons included.
 */
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { hostPins, packageName, prepareN8n, type PreparedN8n } from './harness';
import { OWNER, e2eLog } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';
import {
	declaredCredentialTypes,
	declaredNodeTypes,
	expectIconsServed,
	loadedTypes,
	packageTypes,
} from './support/package-types';

jest.setTimeout(120_000);

let ctx: PreparedN8n;
const audit = new OutputAudit();

beforeAll(async () => {
	ctx = await prepareN8n({ log: e2eLog });
}, 30 * 60_000);

afterAll(async () => {
	await ctx?.n8n.dispose();
});

test('runs the pinned n8n on the Node 24 binary', async () => {
	const version = await ctx.n8n.version();
	e2eLog(`n8n --version: ${version} (Node ${ctx.host.nodeVersion}, ${ctx.host.dir})`);
	expect(version).toBe(hostPins().n8n);
});

test('the tarball is installed where n8n looks for community packages', () => {
	const installed = path.join(ctx.n8n.userFolder, '.n8n', 'nodes', 'node_modules', packageName);
	const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
	expect(manifest.name).toBe(packageName);
	expect(manifest.dependencies ?? {}).toEqual({});
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
		expect(existsSync(path.join(installed, file))).toBe(true);
	// Only the compiled package and its documents ship: no sources, no tests.
	expect(
		ctx.packed.files.filter(
			(f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(f),
		),
	).toEqual([]);
});

describe('n8n start with the package installed', () => {
	let loaded: Awaited<ReturnType<typeof loadedTypes>>;

	beforeAll(async () => {
		await ctx.n8n.start();
		await ctx.n8n.setupOwner(OWNER);
		loaded = await loadedTypes(ctx.n8n);
	}, 120_000);
	// n8n keeps running for the output audit below; the file's afterAll stops it.

	test('loads every node the package declares, named after the package', () => {
		const declared = declaredNodeTypes();
		expect(declared.length).toBeGreaterThan(0);
		const ours = loaded.nodeTypes.filter((t) => t.name.startsWith(`${packageName}.`));
		e2eLog(
			`node types loaded from ${packageName}: ${ours.map((t) => `${t.name} ("${t.displayName}")`).join(', ')}`,
		);
		for (const type of declared) expect(ours.map((t) => t.name)).toContain(type);
	});

	test('loads every credential the package declares', () => {
		const declared = declaredCredentialTypes();
		const names = loaded.credentialTypes.map((t) => t.name);
		for (const name of declared) expect(names).toContain(name);
		e2eLog(`credential types loaded: ${declared.join(', ') || '(none declared yet)'}`);
	});

	test('serves the SVG icons of each node and credential, light and dark', async () => {
		const ours = packageTypes(loaded);
		// The declared nodes and credentials, plus the tool variants n8n derives from nodes usable as tools.
		expect(ours.length).toBeGreaterThanOrEqual(
			declaredNodeTypes().length + declaredCredentialTypes().length,
		);
		await expectIconsServed(ctx.n8n, ours);
	});
});

auditOutputs(audit, () => [ctx?.n8n]);

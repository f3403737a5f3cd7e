/**
 * The built package inside a real n8n: the pinned n8n installs (or is reused from the cache), the
 * `npm pack` tarball sits where a community-package install puts it, and n8n loads every node and
 * credential the package declares under the package's own name, icons included.
 */
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { hostPins, packageName, prepareN8n, readPackageJson, type PreparedN8n } from './harness';
import { OWNER, e2eLog } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';

jest.setTimeout(120_000);

let ctx: PreparedN8n;
const audit = new OutputAudit();

beforeAll(async () => {
	ctx = await prepareN8n({ log: e2eLog });
}, 30 * 60_000);

afterAll(async () => {
	await ctx?.n8n.dispose();
});

/** "dist/nodes/Dialogporten/Dialogporten.node.js" → "Dialogporten" */
const baseName = (file: string) => path.basename(file).replace(/\.(node|credentials)\.js$/, '');

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
	type NodeTypeDescription = {
		name: string;
		displayName: string;
		iconUrl?: string | { light: string; dark: string };
		credentials?: Array<{ name: string }>;
	};
	let nodeTypes: NodeTypeDescription[];
	let credentialTypes: Array<{
		name: string;
		displayName: string;
		iconUrl?: string | { light: string; dark: string };
	}>;

	beforeAll(async () => {
		await ctx.n8n.start();
		await ctx.n8n.setupOwner(OWNER);
		nodeTypes = await fetchJson(`${ctx.n8n.baseUrl}/types/nodes.json`, ctx);
		credentialTypes = await fetchJson(`${ctx.n8n.baseUrl}/types/credentials.json`, ctx);
	}, 120_000);
	// n8n keeps running for the output audit below; the file's afterAll stops it.

	test('loads every node the package declares, named after the package', () => {
		const declared = readPackageJson().n8n.nodes;
		expect(declared.length).toBeGreaterThan(0);
		const ours = nodeTypes.filter((t) => t.name.startsWith(`${packageName}.`));
		e2eLog(
			`node types loaded from ${packageName}: ${ours.map((t) => `${t.name} ("${t.displayName}")`).join(', ')}`,
		);
		for (const file of declared) {
			const name = baseName(file);
			const type = `${packageName}.${name.charAt(0).toLowerCase()}${name.slice(1)}`;
			expect(ours.map((t) => t.name)).toContain(type);
		}
	});

	test('loads every credential the package declares', () => {
		const declared = readPackageJson().n8n.credentials;
		const names = credentialTypes.map((t) => t.name);
		for (const file of declared) {
			const className = baseName(file);
			const credentialName = `${className.charAt(0).toLowerCase()}${className.slice(1)}`;
			expect(names).toContain(credentialName);
		}
		e2eLog(
			`credential types loaded: ${declared.map((f) => baseName(f)).join(', ') || '(none declared yet)'}`,
		);
	});

	test('serves the SVG icons of each node and credential, light and dark', async () => {
		const declaredCredentials = readPackageJson().n8n.credentials.map((file) => {
			const className = baseName(file);
			return `${className.charAt(0).toLowerCase()}${className.slice(1)}`;
		});
		const ours = [
			...nodeTypes.filter((t) => t.name.startsWith(`${packageName}.`)),
			...credentialTypes.filter((t) => declaredCredentials.includes(t.name)),
		];
		// The declared nodes and credentials, plus the tool variants n8n derives from nodes usable as tools.
		expect(ours.length).toBeGreaterThanOrEqual(
			readPackageJson().n8n.nodes.length + declaredCredentials.length,
		);
		for (const type of ours) {
			const icon = type.iconUrl;
			expect({ type: type.name, hasIcon: Boolean(icon) }).toEqual({
				type: type.name,
				hasIcon: true,
			});
			const urls = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
			for (const url of urls) {
				const response = await fetch(`${ctx.n8n.baseUrl}/${url.replace(/^\//, '')}`);
				expect({ url, status: response.status }).toEqual({ url, status: 200 });
				expect(await response.text()).toMatch(/<svg[\s>]/);
			}
		}
	});
});

auditOutputs(audit, () => [ctx?.n8n]);

async function fetchJson<T>(url: string, context: PreparedN8n): Promise<T> {
	return context.n8n.authenticatedGet<T>(url);
}

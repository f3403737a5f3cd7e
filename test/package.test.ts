/**
 * The rules of n8n's community-node verification that a machine can read off package.json and
 * the files next to it (docs/VERIFICATION.md lists every rule and names the check for each).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type {
	ICredentialType,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { parseChangelog, provenOn, repositoryWebUrl, UNRELEASED } from '../scripts/changelog';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json'));
const readme = read('README.md');
const repository = repositoryWebUrl(pkg.repository);

/** `dist/nodes/X/Y.node.js` → `nodes/X/Y.node.ts` */
const sourceOf = (distFile: string) => distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');

function filesUnder(dir: string, suffix: string): string[] {
	return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? filesUnder(path.join(dir, entry.name), suffix)
			: entry.name.endsWith(suffix)
				? [path.join(dir, entry.name)]
				: [],
	);
}

/** The class a node or credential file exports under its own base name. */
function load<T>(source: string): T {
	const className = path.basename(source).replace(/\.(node|credentials)\.ts$/, '');
	const Class = jest.requireActual(path.join(root, source))[className] as new () => T;
	return new Class();
}

const nodes = (pkg.n8n.nodes as string[]).map((file) => ({
	source: sourceOf(file),
	description: load<INodeType>(sourceOf(file)).description as INodeTypeDescription,
}));
const credentials = (pkg.n8n.credentials as string[]).map((file) => ({
	source: sourceOf(file),
	type: load<ICredentialType>(sourceOf(file)),
}));

describe('package.json: what n8n and npm read', () => {
	it('is named n8n-nodes-* and tagged n8n-community-node-package', () => {
		expect(pkg.name).toMatch(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.keywords).toEqual(expect.arrayContaining(['n8n', 'altinn', 'dialogporten']));
	});

	it('has a version, a description and an author with a name and an email address', () => {
		expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
		expect(pkg.description).toMatch(/Dialogporten/);
		expect(pkg.author.name).toBeTruthy();
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
	});

	it('is MIT licensed, and LICENSE is the MIT license of the same author', () => {
		expect(pkg.license).toBe('MIT');
		const license = read('LICENSE');
		expect(license.split('\n')[0]).toBe('MIT License');
		expect(license).toMatch(new RegExp(`^Copyright \\(c\\) \\d{4} ${pkg.author.name}$`, 'm'));
	});

	it('names one public GitHub repository, and homepage and bugs point into it', () => {
		expect(pkg.repository).toEqual({
			type: 'git',
			url: expect.stringMatching(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/),
		});
		// repository.url is the one place to change: these follow it.
		expect(pkg.homepage).toBe(`${repository}#readme`);
		expect(pkg.bugs).toEqual({ url: `${repository}/issues` });
	});

	it('links nowhere else on GitHub for this package', () => {
		const ownLinks = new RegExp(`https://github\\.com/[\\w.-]+/${pkg.name}\\b[^\\s)>\\]]*`, 'g');
		for (const file of ['README.md', 'CHANGELOG.md', 'docs/VERIFICATION.md'])
			for (const url of read(file).match(ownLinks) ?? [])
				expect({ file, url: url.startsWith(repository) }).toEqual({ file, url: true });
	});

	it('leaves no placeholder unfilled in the README (an ALL_CAPS word with an underscore)', () => {
		const prose = readme.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
		expect(prose.match(/\b[A-Z]+_[A-Z_]+\b/g) ?? []).toEqual([]);
	});

	it('has no runtime dependencies, only n8n-workflow as a peer, and no overrides', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.bundleDependencies ?? pkg.bundledDependencies).toBeUndefined();
		expect(pkg.optionalDependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.overrides).toBeUndefined();
	});

	it('runs nothing when installed', () => {
		const forbidden = [
			'preinstall',
			'install',
			'postinstall',
			'prepublish',
			'preprepare',
			'prepare',
			'postprepare',
		];
		expect(Object.keys(pkg.scripts).filter((s) => forbidden.includes(s))).toEqual([]);
	});

	it('states the Node.js versions its tooling needs and ships only dist/ and the changelog', () => {
		expect(pkg.engines.node).toMatch(/^>=\d+\.\d+/);
		expect(pkg.files).toEqual(['dist', 'CHANGELOG.md']);
	});

	it('registers every node and credential under `n8n`, by its compiled path in dist/', () => {
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.n8n.strict).toBe(true);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(file).toMatch(/^dist\/.+\.(node|credentials)\.js$/);
			expect(existsSync(path.join(root, sourceOf(file)))).toBe(true);
		}
		expect(pkg.n8n.nodes.map(sourceOf).sort()).toEqual(filesUnder('nodes', '.node.ts').sort());
		expect(pkg.n8n.credentials.map(sourceOf).sort()).toEqual(
			filesUnder('credentials', '.credentials.ts').sort(),
		);
	});
});

describe('icons and codex files', () => {
	const iconFiles = (source: string, icon: unknown): string[] => {
		const paths =
			typeof icon === 'string'
				? [icon]
				: [(icon as { light: string }).light, (icon as { dark: string }).dark];
		return paths.map((p) => {
			expect(p).toMatch(/^file:.+\.(svg|png)$/);
			return path.join(path.dirname(source), p.replace(/^file:/, ''));
		});
	};

	it.each([
		...nodes.map((n) => [n.source, n.description.icon]),
		...credentials.map((c) => [c.source, c.type.icon]),
	])(
		'%s has light and dark icons that exist next to it (the build copies them to dist/)',
		(source, icon) => {
			const [light, dark] = iconFiles(source as string, icon);
			expect(dark).toBeDefined();
			for (const file of [light, dark]) {
				expect(existsSync(path.join(root, file))).toBe(true);
				if (file.endsWith('.svg')) expect(read(file)).toMatch(/^<svg[\s>]/);
			}
			expect(read(light)).not.toBe(read(dark));
		},
	);

	const categories = [
		'Analytics',
		'Communication',
		'Data & Storage',
		'Development',
		'Finance & Accounting',
		'Marketing & Content',
		'Miscellaneous',
		'Productivity',
		'Sales',
		'Utility',
	];

	it.each(nodes.map((n) => [n.source, n.description]))(
		'%s has a codex file naming it, with app categories (no logic or flow-control node) and documentation',
		(source, description) => {
			const codexFile = (source as string).replace(/\.ts$/, '.json');
			expect(existsSync(path.join(root, codexFile))).toBe(true);
			const codex = JSON.parse(read(codexFile));
			expect(codex).toMatchObject({
				node: `${pkg.name}.${(description as INodeTypeDescription).name}`,
				nodeVersion: '1.0',
				codexVersion: '1.0',
			});
			expect(codex.categories.length).toBeGreaterThan(0);
			for (const category of codex.categories) expect(categories).toContain(category);
			for (const kind of ['primaryDocumentation', 'credentialDocumentation'])
				expect(codex.resources[kind][0].url).toMatch(/^https:\/\//);
		},
	);

	it.each(credentials.map((c) => [c.source, c.type]))(
		'%s links its documentation',
		(_source, type) => {
			expect((type as ICredentialType).documentationUrl).toMatch(/^https:\/\//);
		},
	);
});

describe('UX guidelines a machine can read', () => {
	/** Every parameter of a node, nested collections and fixed collections included. */
	function allProperties(properties: INodeProperties[]): INodeProperties[] {
		return properties.flatMap((p) => [
			p,
			...allProperties(
				((p.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>).flatMap(
					(o) => ('values' in o && o.values ? o.values : 'type' in o ? [o as INodeProperties] : []),
				),
			),
		]);
	}
	const properties = nodes.flatMap((n) => allProperties(n.description.properties));

	it('resource locators with a list default to From list', () => {
		const locators = properties.filter((p) => p.type === 'resourceLocator');
		expect(locators.length).toBeGreaterThan(0);
		for (const locator of locators)
			if (locator.modes?.some((m) => m.name === 'list'))
				expect({ name: locator.name, mode: (locator.default as { mode: string }).mode }).toEqual({
					name: locator.name,
					mode: 'list',
				});
	});

	it('offers Simplify as a boolean described with "Whether…"', () => {
		const simplify = properties.filter((p) => p.name === 'simplify');
		expect(simplify.length).toBeGreaterThan(0);
		for (const p of simplify) {
			expect(p).toMatchObject({ displayName: 'Simplify', type: 'boolean' });
			expect(p.description).toMatch(/^Whether /);
		}
	});
});

describe('README: usage, authentication and example workflows', () => {
	const headings = readme.match(/^## .+$/gm) ?? [];

	it('has the sections a user needs', () => {
		expect(headings).toEqual(
			expect.arrayContaining([
				'## Install in n8n',
				'## Set up the credentials',
				'## The Dialogporten node',
				'## The triggers',
				'## Examples',
				'## Development',
			]),
		);
	});

	it('documents every node and every credential by the name n8n shows', () => {
		for (const { description } of nodes) expect(readme).toContain(description.displayName);
		for (const { type } of credentials) expect(readme).toContain(`### ${type.displayName}`);
	});

	it('shows every example workflow, and each is an importable workflow using this package', () => {
		const examples = readme.slice(readme.indexOf('## Examples'));
		const section = examples.slice(0, examples.indexOf('\n## ', 1));
		const files = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			expect(section).toContain(`\`${file}\``);
			const workflow = JSON.parse(read(`examples/${file}`));
			expect(workflow.nodes.some((n: { type: string }) => n.type.startsWith(`${pkg.name}.`))).toBe(
				true,
			);
		}
	});

	it('says in its install section where each release’s proven n8n versions are', () => {
		const install = readme.slice(readme.indexOf('## Install in n8n'));
		const section = install.slice(0, install.indexOf('\n## ', 1));
		expect(section).toContain('[CHANGELOG.md](CHANGELOG.md)');
		expect(section).toContain('Proven on:');
	});
});

describe('CHANGELOG.md', () => {
	const { sections } = parseChangelog(read('CHANGELOG.md'));

	it('starts with Unreleased, then the releases, newest first, each dated', () => {
		expect(sections[0].name).toBe(UNRELEASED);
		const releases = sections.slice(1);
		expect(releases.length).toBeGreaterThan(0);
		for (const s of releases) expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const order = releases.map((s) => s.name.split('.').map(Number));
		for (let i = 1; i < order.length; i++)
			expect(
				order[i - 1][0] * 1e6 + order[i - 1][1] * 1e3 + order[i - 1][2] >
					order[i][0] * 1e6 + order[i][1] * 1e3 + order[i][2],
			).toBe(true);
	});

	it('has an entry for the version in package.json, proven on at least one n8n', () => {
		const current = sections.find((s) => s.name === pkg.version);
		expect(current).toBeDefined();
		expect(provenOn(current!).length).toBeGreaterThan(0);
		for (const version of provenOn(current!)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
	});
});

import { execFileSync } from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	formatChangelog,
	parseChangelog,
	provenOn,
	release,
	repositoryWebUrl,
	suiteN8nVersions,
} from '../../scripts/changelog';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../..');
const REPO = 'https://github.com/example-org/n8n-nodes-dialogporten';

const twoReleases = `# Changelog

Intro.

## [Unreleased]

### Fixed

- A fix.

## [0.2.0] - 2026-12-01

### Added

- Something.

Proven on: n8n 2.41.1

## [0.1.0] - 2026-11-30

### Added

- First.

Proven on: n8n 2.41.1

[Unreleased]: ${REPO}/compare/v0.2.0...HEAD
[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0
[0.1.0]: ${REPO}/releases/tag/v0.1.0
`;

describe('parseChangelog / formatChangelog', () => {
	it('reads the sections, dates and proven n8n versions', () => {
		const { sections } = parseChangelog(twoReleases);
		expect(sections.map((s) => [s.name, s.date])).toEqual([
			['Unreleased', undefined],
			['0.2.0', '2026-12-01'],
			['0.1.0', '2026-11-30'],
		]);
		expect(provenOn(sections[1])).toEqual(['2.41.1']);
		expect(provenOn(sections[0])).toEqual([]);
	});

	it('writes back what it read, compare links included', () => {
		expect(formatChangelog(parseChangelog(twoReleases), REPO)).toBe(twoReleases);
	});

	it('round-trips the repository CHANGELOG.md unchanged', () => {
		const text = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
		const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
		expect(formatChangelog(parseChangelog(text), repositoryWebUrl(pkg.repository))).toBe(text);
	});

	it('refuses a heading it does not understand', () => {
		expect(() => parseChangelog('# C\n\n## 1.0.0\n')).toThrow('unexpected heading "## 1.0.0"');
	});
});

describe('release', () => {
	const options = {
		version: '0.3.0',
		date: '2026-12-24',
		n8nVersions: ['1.123.81', '2.41.1'],
		repository: REPO,
	};

	it('turns Unreleased into the dated release, proven on the given n8n versions', () => {
		const next = parseChangelog(release(twoReleases, options));
		expect(next.sections.map((s) => s.name)).toEqual(['Unreleased', '0.3.0', '0.2.0', '0.1.0']);
		expect(next.sections[0].body).toBe('');
		expect(next.sections[1]).toEqual({
			name: '0.3.0',
			date: '2026-12-24',
			body: '### Fixed\n\n- A fix.\n\nProven on: n8n 1.123.81, n8n 2.41.1',
		});
		expect(provenOn(next.sections[1])).toEqual(['1.123.81', '2.41.1']);
	});

	it('points the compare links at the new release', () => {
		const text = release(twoReleases, options);
		expect(text).toContain(`[Unreleased]: ${REPO}/compare/v0.3.0...HEAD\n`);
		expect(text).toContain(`[0.3.0]: ${REPO}/compare/v0.2.0...v0.3.0\n`);
		expect(text).toContain(`[0.1.0]: ${REPO}/releases/tag/v0.1.0\n`);
	});

	it('refuses a version that already has a section', () => {
		expect(() => release(twoReleases, { ...options, version: '0.2.0' })).toThrow(
			'already has a section for 0.2.0',
		);
	});

	it('refuses to release when Unreleased lists no changes', () => {
		const empty = twoReleases.replace('### Fixed\n\n- A fix.\n\n', '');
		expect(() => release(empty, options)).toThrow('the Unreleased section lists no changes');
	});

	it('refuses when no n8n version was proven', () => {
		expect(() => release(twoReleases, { ...options, n8nVersions: [] })).toThrow(
			'no n8n version to record',
		);
	});
});

describe('repositoryWebUrl', () => {
	it('accepts the npm forms of a GitHub repository', () => {
		expect(repositoryWebUrl({ url: `git+${REPO}.git` })).toBe(REPO);
		expect(repositoryWebUrl(`${REPO}.git`)).toBe(REPO);
	});
});

describe('suiteN8nVersions', () => {
	it('is the n8n version each real-n8n host manifest installs', () => {
		const versions = suiteN8nVersions(root);
		expect(versions.length).toBeGreaterThan(0);
		for (const v of versions) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
	});

	it('reads one host folder or a folder of hosts', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'changelog-hosts-'));
		try {
			const manifest = (folder: string, n8n: string) => {
				mkdirSync(folder, { recursive: true });
				writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ dependencies: { n8n } }));
			};
			manifest(path.join(dir, 'test/e2e/n8n-host'), '2.41.1');
			manifest(path.join(dir, 'test/e2e/n8n-hosts/2.20.0'), '2.20.0');
			manifest(path.join(dir, 'test/e2e/n8n-hosts/1.123.81'), '1.123.81');
			expect(suiteN8nVersions(dir)).toEqual(['1.123.81', '2.20.0', '2.41.1']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('npm version, on a copy of the repository', () => {
	let dir: string;
	const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'changelog-npm-version-'));
		for (const file of [
			'package.json',
			'.npmrc',
			'.prettierrc.js',
			'CHANGELOG.md',
			'scripts/changelog.ts',
			'tsconfig.json',
		])
			cpSync(path.join(root, file), path.join(dir, file));
		cpSync(path.join(root, 'test/e2e'), path.join(dir, 'test/e2e'), {
			recursive: true,
			filter: (source) => !source.includes('node_modules') && !/\.tsx?$/.test(source),
		});
		symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
		const changelog = readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
		writeFileSync(
			path.join(dir, 'CHANGELOG.md'),
			changelog.replace(
				'## [Unreleased]\n\n',
				'## [Unreleased]\n\n### Fixed\n\n- A fix to release.\n\n',
			),
		);
		git('init', '-q');
		git('-c', 'user.name=Test', '-c', 'user.email=test@example.test', 'add', '-A');
		git('-c', 'user.name=Test', '-c', 'user.email=test@example.test', 'commit', '-qm', 'Initial');
	});

	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('commits and tags the release with CHANGELOG.md moved to the new version', () => {
		const before = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
		const [major, minor] = before.split('.').map(Number);
		const next = `${major}.${minor + 1}.0`;
		execFileSync('npm', ['version', 'minor', '--ignore-scripts=false'], {
			cwd: dir,
			encoding: 'utf8',
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 'Test',
				GIT_AUTHOR_EMAIL: 'test@example.test',
				GIT_COMMITTER_NAME: 'Test',
				GIT_COMMITTER_EMAIL: 'test@example.test',
			},
		});

		expect(git('tag', '--list').trim()).toBe(`v${next}`);
		expect(git('show', '--name-only', '--format=%s', 'HEAD').trim().split('\n')).toEqual([
			next,
			'',
			'CHANGELOG.md',
			'package.json',
		]);
		expect(git('status', '--porcelain').trim()).toBe('');

		const { sections } = parseChangelog(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8'));
		expect(sections[0]).toEqual({ name: 'Unreleased', date: undefined, body: '' });
		expect(sections[1].name).toBe(next);
		expect(sections[1].date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(sections[1].body).toContain('- A fix to release.');
		expect(provenOn(sections[1])).toEqual(suiteN8nVersions(root));
		expect(sections[2].name).toBe(before);
	});

	it('leaves CHANGELOG.md formatted as the repository requires', () => {
		expect(() =>
			execFileSync(path.join(dir, 'node_modules/.bin/prettier'), ['--check', 'CHANGELOG.md'], {
				cwd: dir,
				stdio: 'pipe',
			}),
		).not.toThrow();
	});
});

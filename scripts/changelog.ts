/**
 * CHANGELOG.md (Keep a Changelog 1.1.0) and the release step of `npm version`.
 *
 * `npm version <patch|minor|major> --ignore-scripts=false` bumps package.json, then runs the
 * `version` script, `tsx scripts/changelog.ts version`, which turns the Unreleased section into
 * `## [x.y.z] - <date>`, ends it with the n8n versions the real-n8n suite installs ("Proven on"),
 * rewrites the compare links from package.json's repository, and stages CHANGELOG.md so npm's
 * version commit and tag include it. (`--ignore-scripts=false` because .npmrc turns lifecycle
 * scripts off for installs, and npm applies that to `npm version` too.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const UNRELEASED = 'Unreleased';
const PROVEN_ON = /^Proven on: (.+)$/m;

export interface Section {
	/** `Unreleased` or a version. */
	name: string;
	date?: string;
	/** Everything between the heading and the next one, trimmed. */
	body: string;
}

export interface Changelog {
	preamble: string;
	sections: Section[];
}

export function parseChangelog(text: string): Changelog {
	const withoutLinks = text.replace(/^\[[^\]]+\]: \S+\s*$/gm, '');
	const [preamble, ...chunks] = withoutLinks.split(/^## /m);
	const sections = chunks.map((chunk) => {
		const newline = chunk.indexOf('\n');
		const heading = newline === -1 ? chunk : chunk.slice(0, newline);
		const match = /^\[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$/.exec(heading);
		if (!match) throw new Error(`CHANGELOG.md: unexpected heading "## ${heading}"`);
		return {
			name: match[1],
			date: match[2],
			body: newline === -1 ? '' : chunk.slice(newline + 1).trim(),
		};
	});
	return { preamble: preamble.trim(), sections };
}

/** The n8n versions a release's entry says it was proven on. */
export function provenOn(section: Section): string[] {
	const line = PROVEN_ON.exec(section.body)?.[1];
	return line ? line.split(',').map((part) => part.trim().replace(/^n8n /, '')) : [];
}

/** https://github.com/owner/repo from package.json's `repository` (string or object form). */
export function repositoryWebUrl(repository: string | { url: string }): string {
	const url = typeof repository === 'string' ? repository : repository.url;
	return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

function compareLinks(sections: Section[], repository: string): string[] {
	const versions = sections.filter((s) => s.name !== UNRELEASED).map((s) => s.name);
	const links = [
		`[${UNRELEASED}]: ${repository}/compare/${versions.length ? `v${versions[0]}` : 'HEAD'}...HEAD`,
	];
	versions.forEach((version, i) => {
		const previous = versions[i + 1];
		links.push(
			previous
				? `[${version}]: ${repository}/compare/v${previous}...v${version}`
				: `[${version}]: ${repository}/releases/tag/v${version}`,
		);
	});
	return links;
}

export function formatChangelog(changelog: Changelog, repository: string): string {
	const sections = changelog.sections.map((s) =>
		[`## [${s.name}]${s.date ? ` - ${s.date}` : ''}`, s.body].filter(Boolean).join('\n\n'),
	);
	return (
		[changelog.preamble, ...sections, compareLinks(changelog.sections, repository).join('\n')].join(
			'\n\n',
		) + '\n'
	);
}

/**
 * The Unreleased changes become release `version`, dated `date`, proven on `n8nVersions`; a new,
 * empty Unreleased section takes their place.
 */
export function release(
	text: string,
	options: { version: string; date: string; n8nVersions: string[]; repository: string },
): string {
	const changelog = parseChangelog(text);
	const unreleased = changelog.sections[0];
	if (unreleased?.name !== UNRELEASED)
		throw new Error(`CHANGELOG.md has no "## [${UNRELEASED}]" section at the top`);
	if (changelog.sections.some((s) => s.name === options.version))
		throw new Error(`CHANGELOG.md already has a section for ${options.version}`);
	const changes = unreleased.body.replace(PROVEN_ON, '').trim();
	if (!/^### /m.test(changes))
		throw new Error(
			`CHANGELOG.md: the ${UNRELEASED} section lists no changes (### Added, ### Changed, ### Fixed…) to release as ${options.version}`,
		);
	if (options.n8nVersions.length === 0)
		throw new Error('no n8n version to record as "Proven on" (the real-n8n suite installs none)');
	const proven = `Proven on: ${options.n8nVersions.map((v) => `n8n ${v}`).join(', ')}`;
	const released: Section = {
		name: options.version,
		date: options.date,
		body: `${changes}\n\n${proven}`,
	};
	return formatChangelog(
		{
			preamble: changelog.preamble,
			sections: [{ name: UNRELEASED, body: '' }, released, ...changelog.sections.slice(1)],
		},
		options.repository,
	);
}

/** The n8n versions the real-n8n suite installs: `dependencies.n8n` of each e2e host manifest. */
export function suiteN8nVersions(root: string): string[] {
	const e2e = path.join(root, 'test', 'e2e');
	const manifests = readdirSync(e2e, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && entry.name.startsWith('n8n-host'))
		.flatMap((dir) => {
			const base = path.join(e2e, dir.name);
			const nested = readdirSync(base, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => path.join(base, entry.name, 'package.json'));
			return [path.join(base, 'package.json'), ...nested];
		})
		.filter((file) => existsSync(file));
	const versions = manifests
		.map((file) => JSON.parse(readFileSync(file, 'utf8')).dependencies?.n8n as string | undefined)
		.filter((v): v is string => Boolean(v));
	return [...new Set(versions)].sort((a, b) =>
		a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }),
	);
}

if (require.main === module) {
	const [command, ...args] = process.argv.slice(2);
	if (command !== 'version') {
		console.error('usage: tsx scripts/changelog.ts version [--date=YYYY-MM-DD]');
		process.exit(2);
	}
	const root = process.cwd();
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	const date =
		args.find((a) => a.startsWith('--date='))?.slice('--date='.length) ??
		new Date().toISOString().slice(0, 10);
	const file = path.join(root, 'CHANGELOG.md');
	try {
		const n8nVersions = suiteN8nVersions(root);
		writeFileSync(
			file,
			release(readFileSync(file, 'utf8'), {
				version: pkg.version,
				date,
				n8nVersions,
				repository: repositoryWebUrl(pkg.repository),
			}),
		);
		execFileSync('git', ['add', 'CHANGELOG.md'], { cwd: root, stdio: 'inherit' });
		console.log(
			`CHANGELOG.md: released ${pkg.version} (${date}), proven on n8n ${n8nVersions.join(', ')}`,
		);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
}

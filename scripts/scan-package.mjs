// The lint legs of n8n's verification scan, `npx @n8n/scan-community-package <package>`, run here
// on this checkout instead of on a published version. The scan lints with inline `eslint-disable`
// comments ignored (allowInlineConfig: false), so an exception that passes `npm run lint` can still
// fail verification; this is the check that catches it.
//
//   node scripts/scan-package.mjs source    package.json + {nodes,credentials}/** of the checkout
//   node scripts/scan-package.mjs tarball   **/*.js + package.json of the `npm pack` tarball (build first)
//
// The scan's other steps need the published package: it requires an npm provenance attestation
// and lints the GitHub commit that attestation names. publish.yml produces both.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const legs = process.argv.slice(2);
if (legs.length === 0 || legs.some((leg) => leg !== 'source' && leg !== 'tarball')) {
	console.error('usage: node scripts/scan-package.mjs source|tarball [source|tarball]');
	process.exit(2);
}

// The scanner makes a temporary folder when it loads; keep it inside one that is removed here.
const work = mkdtempSync(path.join(tmpdir(), 'n8n-scan-'));
process.env.TMPDIR = work;
const { analyzePackage, SOURCE_FILE_PATTERNS } =
	await import('@n8n/scan-community-package/scanner/scanner.mjs');

function run(command, args, cwd) {
	const child = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (child.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${child.stderr}`);
	return child.stdout;
}

/** The tarball `npm publish` would upload, unpacked. */
function unpackTarball() {
	const packed = JSON.parse(
		run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
	)[0];
	const dir = path.join(work, 'package');
	mkdirSync(dir);
	run('tar', ['-xzf', path.join(work, packed.filename), '-C', dir, '--strip-components=1'], work);
	return dir;
}

let failed = false;
try {
	for (const leg of legs) {
		const result =
			leg === 'source'
				? await analyzePackage(root, SOURCE_FILE_PATTERNS)
				: await analyzePackage(unpackTarball(), ['**/*.js', 'package.json']);
		console.log(
			`${result.passed ? 'passed' : 'FAILED'}: ${leg} leg of n8n's community package scan` +
				(result.message ? ` (${result.message})` : ''),
		);
		if (result.details) console.log(result.details);
		if (!result.passed) failed = true;
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

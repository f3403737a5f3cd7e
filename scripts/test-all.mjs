// `npm test`: everything that proves the package, in order, ending with one line that counts every
// test of every suite. A check that is not a Jest test (typecheck, lint, the package contents)
// counts as one test. Every step runs even when an earlier one failed, so one CI log shows all of
// them; the exit code is non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = mkdtempSync(path.join(tmpdir(), 'dialogporten-test-'));
const results = [];

function run(command, args, options = {}) {
	const started = Date.now();
	const child = spawnSync(command, args, {
		cwd: root,
		stdio: options.capture ? 'pipe' : 'inherit',
		encoding: 'utf8',
		env: { ...process.env, ...options.env },
	});
	return {
		ok: child.status === 0,
		seconds: (Date.now() - started) / 1000,
		stdout: child.stdout ?? '',
		stderr: child.stderr ?? '',
	};
}

function banner(title) {
	console.log(`\n=== ${title} ===`);
}

function check(name, command, args, verify) {
	banner(name);
	const outcome = run(command, args, { capture: Boolean(verify) });
	let ok = outcome.ok;
	let detail = '';
	if (verify) {
		process.stdout.write(outcome.stdout);
		process.stderr.write(outcome.stderr);
		if (ok) ({ ok, detail } = verify(outcome.stdout));
	}
	results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: outcome.seconds, detail });
	console.log(
		`${ok ? 'PASS' : 'FAIL'} ${name} (${outcome.seconds.toFixed(1)} s)${detail ? `: ${detail}` : ''}`,
	);
	return ok;
}

function jestSuite(project, extraArgs = [], describeRun = () => '') {
	const name = `jest ${project}`;
	banner(name);
	const outputFile = path.join(reportDir, `${project}.json`);
	// Each real n8n a test file prepares appends its version here (test/e2e/harness/index.ts).
	const versionsFile = path.join(reportDir, `${project}-n8n-versions.txt`);
	const outcome = run(
		bin('jest'),
		['--selectProjects', project, '--json', `--outputFile=${outputFile}`, ...extraArgs],
		{ env: { DIALOGPORTEN_E2E_VERSIONS_FILE: versionsFile } },
	);
	let passed = 0;
	let failed = 0;
	try {
		const report = JSON.parse(readFileSync(outputFile, 'utf8'));
		passed = report.numPassedTests;
		// A suite that fails to load has no failed tests of its own; count it so it is never silent.
		failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
	} catch {
		failed = 1;
	}
	if (!outcome.ok && failed === 0) failed = 1;
	const detail = describeRun(versionsFile);
	results.push({ name, passed, failed, seconds: outcome.seconds, detail });
	console.log(
		`${failed === 0 ? 'PASS' : 'FAIL'} ${name}: ${passed} passed, ${failed} failed (${outcome.seconds.toFixed(1)} s)${detail ? `; ${detail}` : ''}`,
	);
}

/** "n8n 1.123.81, 2.20.0, 2.41.1": the n8n releases the real-n8n suite ran, oldest first. */
function n8nVersionsRun(versionsFile) {
	if (!existsSync(versionsFile)) return 'no n8n ran';
	const versions = [...new Set(readFileSync(versionsFile, 'utf8').split('\n').filter(Boolean))];
	const order = (v) =>
		v
			.split('.')
			.map((n) => n.padStart(6, '0'))
			.join('.');
	versions.sort((a, b) => order(a).localeCompare(order(b)));
	return `n8n ${versions.join(', ')}`;
}

const allowedInTarball = (file) =>
	file === 'package.json' ||
	file === 'README.md' ||
	file === 'LICENSE' ||
	file === 'CHANGELOG.md' ||
	file.startsWith('dist/');

check('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
check('generated API types match the pinned OpenAPI document', process.execPath, [
	'scripts/generate-api-types.mjs',
	'--check',
]);
check('lint (eslint-plugin-n8n-nodes-base + @n8n/eslint-plugin-community-nodes)', bin('eslint'), [
	'--max-warnings=0',
	'.',
]);
check('format (prettier --check)', bin('prettier'), ['--check', '.']);
check(
	'n8n-node lint (@n8n/node-cli, strict) on package.json, nodes/, credentials/',
	process.execPath,
	['scripts/n8n-node-lint.mjs'],
);
check(
	"n8n's community package scan, source leg (inline lint exceptions ignored)",
	process.execPath,
	['scripts/scan-package.mjs', 'source'],
);
for (const workflow of ['ci.yml', 'publish.yml'])
	check(`GitHub workflow ${workflow} is valid (action-validator)`, bin('action-validator'), [
		`.github/workflows/${workflow}`,
	]);
const built = check('build', 'npm', ['run', 'build', '--silent']);
if (built) {
	check('lint dist (n8n verification rules on the compiled package)', bin('eslint'), [
		'--no-config-lookup',
		'-c',
		'eslint.dist.config.mjs',
		'--max-warnings=0',
		'dist',
	]);
	check("n8n's community package scan, tarball leg", process.execPath, [
		'scripts/scan-package.mjs',
		'tarball',
	]);
	check(
		'shipped code requires only n8n-workflow, luxon, node:crypto; no env or file access',
		bin('tsx'),
		['scripts/check-shipped-code.ts'],
	);
	check(
		'npm pack contains only dist/, README, LICENSE, CHANGELOG, package.json',
		'npm',
		['pack', '--dry-run', '--json', '--ignore-scripts'],
		(stdout) => {
			const files = JSON.parse(stdout)[0].files.map((f) => f.path);
			const stray = files.filter((f) => !allowedInTarball(f));
			const hasNodes = files.some((f) => f.endsWith('.node.js'));
			return stray.length === 0 && hasNodes
				? { ok: true, detail: `${files.length} files` }
				: {
						ok: false,
						detail: stray.length
							? `unexpected: ${stray.join(', ')}`
							: 'no compiled nodes in the tarball',
					};
		},
	);
}
jestSuite('unit');
jestSuite('integration');
jestSuite('contract');
// Faults, bad input and fuzzing in process against the stand-in; prints its `reliability:` line.
jestSuite('reliability');
jestSuite('e2e', ['--runInBand'], n8nVersionsRun);

rmSync(reportDir, { recursive: true, force: true });
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log('\nSummary');
for (const r of results)
	console.log(
		`  ${r.failed ? 'FAIL' : 'PASS'}  ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)${r.detail ? `; ${r.detail}` : ''}`,
	);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

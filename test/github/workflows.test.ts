/**
 * What the GitHub workflows do, read from the files (they cannot run here). Their schema is
 * checked by action-validator in `npm test` and `npm run lint:workflows`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
interface Job {
	'runs-on': string;
	container?: string;
	needs?: string | string[];
	steps: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions: Record<string, string>;
	jobs: Record<string, Job>;
}

const workflow = (name: string) =>
	parse(readFileSync(path.resolve(__dirname, '../../.github/workflows', name), 'utf8')) as Workflow;
const uses = (job: Job, action: string) =>
	job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').filter(Boolean);

/** The job that runs .ci/run: Ubuntu host, Debian 12 container (apt-get as root), Node 20. */
function expectCiRunJob(job: Job) {
	expect(job['runs-on']).toBe('ubuntu-latest');
	expect(job.container).toMatch(/^node:20-bookworm$/);
	expect(uses(job, 'actions/checkout')).toHaveLength(1);
	const [setupNode] = uses(job, 'actions/setup-node');
	expect(setupNode.with?.['node-version']).toBe(20);
	expect(runs(job)).toContain('bash .ci/run');
	// checkout, then Node, then the checks.
	const order = job.steps.map((s) => s.uses?.split('@')[0] ?? s.run);
	expect(order.indexOf('actions/checkout')).toBeLessThan(order.indexOf('actions/setup-node'));
	expect(order.indexOf('actions/setup-node')).toBeLessThan(order.indexOf('bash .ci/run'));
}

describe('ci.yml', () => {
	const ci = workflow('ci.yml');

	it('runs on pushes and pull requests, with read-only access', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.permissions).toEqual({ contents: 'read' });
	});

	it('runs .ci/run on Node 20', () => {
		expect(Object.values(ci.jobs)).toHaveLength(1);
		expectCiRunJob(Object.values(ci.jobs)[0]);
	});
});

describe('publish.yml', () => {
	const publish = workflow('publish.yml');
	const jobs = Object.values(publish.jobs);
	const publishing = jobs.find((job) => runs(job).some((r) => r.startsWith('npm publish')))!;
	const checking = jobs.find((job) => runs(job).includes('bash .ci/run'))!;

	it('runs on version tags only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
	});

	it('may mint an OIDC token for npm and only read the repository', () => {
		expect(publish.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('runs the same checks as CI first, and refuses a tag that is not package.json’s version', () => {
		expectCiRunJob(checking);
		const tagCheck = runs(checking).findIndex((r) => r.includes('$GITHUB_REF_NAME'));
		expect(runs(checking)[tagCheck]).toContain('require("./package.json").version');
		expect(tagCheck).toBeLessThan(runs(checking).indexOf('bash .ci/run'));
		const checkingName = Object.entries(publish.jobs).find(([, job]) => job === checking)![0];
		expect(publishing.needs).toBe(checkingName);
	});

	it('builds and publishes with provenance through npm trusted publishing, with no token', () => {
		expect(publishing['runs-on']).toBe('ubuntu-latest');
		expect(publishing.container).toBeUndefined();
		const [setupNode] = uses(publishing, 'actions/setup-node');
		expect(setupNode.with?.['registry-url']).toBe('https://registry.npmjs.org');
		const commands = runs(publishing);
		const npmUpgrade = commands.find((r) => r.startsWith('npm install --global npm@'))!;
		const [major, minor] = npmUpgrade.split('@')[1].split('.').map(Number);
		expect(major > 11 || (major === 11 && minor >= 5)).toBe(true);
		expect(commands.indexOf('npm run build')).toBeGreaterThan(
			commands.indexOf('npm ci --no-audit --no-fund'),
		);
		expect(commands.at(-1)).toBe('npm publish --provenance --access public');
		const text = readFileSync(
			path.resolve(__dirname, '../../.github/workflows/publish.yml'),
			'utf8',
		);
		expect(text).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
	});
});

/**
 * `npm run demo` as a newcomer runs it, twice in a row (the second run reuses the installed n8n),
 * here with `--once` so it stops after its summary, on free ports and in a temporary user folder.
 * And a failing step is named with its reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureN8nHost, freePort, N8nInstance, repoRoot, run } from './harness';
import { DEMO_OWNER } from './harness/demo-setup';
import { e2eLog } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';

jest.setTimeout(10 * 60_000);

const userFolder = mkdtempSync(path.join(tmpdir(), 'dialogporten-demo-test-'));
// The demo's stand-in lives in the demo's process: its tokens are caught by the scanner's rule that
// any JWT other than a dialog token is a finding.
const audit = new OutputAudit();

/**
 * What the demo printed, and what its n8n printed and stored: the demo stopped its n8n, so an n8n
 * is started on the demo's user folder to read the executions through the public API. The next
 * demo run empties the folder, so this runs after each.
 */
async function collectDemoOutputs(name: string, output: string): Promise<void> {
	audit.addOutput(name, output);
	const n8n = await N8nInstance.create({
		host: await ensureN8nHost(e2eLog),
		userFolder,
		log: e2eLog,
	});
	try {
		await audit.collect(n8n, DEMO_OWNER);
	} finally {
		await n8n.dispose();
	}
}

afterAll(() => {
	rmSync(userFolder, { recursive: true, force: true });
});

async function demo(env: Record<string, string>) {
	const result = await run('npm', ['run', 'demo', '--silent', '--', '--once'], {
		cwd: repoRoot,
		env: { ...process.env, CI: 'true', DIALOGPORTEN_DEMO_USER_FOLDER: userFolder, ...env },
		timeoutMs: 8 * 60_000,
	});
	return { ...result, output: result.stdout + result.stderr };
}

test.each([1, 2])(
	'run %i: installs or reuses n8n, runs the main examples and prints what they did',
	async (attempt) => {
		const ports = {
			DIALOGPORTEN_DEMO_PORT: String(await freePort()),
			DIALOGPORTEN_DEMO_ALTINN_PORT: String(await freePort()),
		};
		const result = await demo(ports);
		if (result.code !== 0)
			throw new Error(`npm run demo exited with ${result.code}:\n${result.output}`);
		await collectDemoOutputs(`npm run demo (run ${attempt})`, result.output);
		const out = result.output;
		if (attempt === 2) expect(out).toMatch(/n8n 2\.\d+\.\d+ on Node 24\.\d+\.\d+: .* \(reused\)/);
		expect(out).toContain(`✔ start n8n on http://127.0.0.1:${ports.DIALOGPORTEN_DEMO_PORT}`);
		expect(out).toContain('✔ create the owner account');
		expect(out).toMatch(
			/Service owner: created dialog [0-9a-f-]{36}, added a transmission, status now Completed/,
		);
		expect(out).toMatch(
			/Inbox digest: 1 party found \(BAKERIET ÅS AS\), [1-9]\d* dialogs? with new content since yesterday/,
		);
		expect(out).toMatch(
			/Read and confirm: 3 unread dialogs fetched, content read through the API action, 3 confirmed/,
		);
		expect(out).toMatch(
			/Any Altinn API: [1-9]\d* messages? read from the message API by the HTTP Request node with the Maskinporten credential \(Altinn token\)/,
		);
		// On whichever port n8n runs, the stand-in's ID-porten takes n8n's OAuth2 callback.
		expect(out).toContain(
			"ID-porten person (local Altinn): connected as OLA NORDMANN through the stand-in's ID-porten login",
		);
		expect(out).toContain('✔ stopped everything the demo started');
		expect(out).not.toContain('✖');
		// Nothing of the demo is left listening.
		for (const port of Object.values(ports)) expect(await isFree(Number(port))).toBe(true);
		e2eLog(`demo run ${attempt}: ${(result.ms / 1000).toFixed(1)} s`);
		e2eLog(out.slice(out.indexOf('What the demo did'), out.indexOf('All steps done')).trimEnd());
	},
);

test('a step that cannot be done stops the demo with the step and the reason', async () => {
	const blocker: Server = createServer();
	const port = await freePort();
	await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
	try {
		const result = await demo({
			DIALOGPORTEN_DEMO_PORT: String(port),
			DIALOGPORTEN_DEMO_ALTINN_PORT: String(await freePort()),
		});
		audit.addOutput('npm run demo (ports in use)', result.output);
		expect(result.code).toBe(1);
		expect(result.output).toContain(
			`The demo stopped at step "check that the ports are free": 127.0.0.1:${port} (for n8n) is in use`,
		);
	} finally {
		await new Promise((resolve) => blocker.close(resolve));
	}
});

auditOutputs(audit, () => []);

function isFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

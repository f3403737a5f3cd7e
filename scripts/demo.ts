/**
 * `npm run demo`: the package at work in a real n8n, with no Altinn access.
 *
 * Installs the pinned n8n (once, into the cache), builds this package and installs it into a demo
 * n8n user folder as a community package, starts the local Altinn stand-in and n8n on 127.0.0.1,
 * creates a local owner account, imports credentials that point at the stand-in and the example
 * workflows, runs the main examples headless and prints what they did. n8n then stays up for
 * exploring until Ctrl+C, and everything the demo started is stopped.
 *
 * Options: `--once` stops after the summary (used by the tests). Environment:
 * DIALOGPORTEN_DEMO_PORT (n8n, default 5678), DIALOGPORTEN_DEMO_ALTINN_PORT (stand-in, default 7780),
 * DIALOGPORTEN_N8N_CACHE_DIR (where n8n is installed and the demo's user folder lives),
 * DIALOGPORTEN_DEMO_USER_FOLDER (the demo's n8n user folder; emptied at every start).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startAltinnLocal, type AltinnLocal } from '../altinn-local';
import {
	buildPackage,
	cacheRoot,
	defaultLogger,
	ensureN8nHost,
	installPackage,
	N8nInstance,
	packPackage,
	step,
	StepError,
} from '../test/e2e/harness';
import {
	DEMO_OWNER,
	DEMO_PERSON,
	DEMO_PERSON_CREDENTIAL,
	demoPersonCredential,
	exampleCredentials,
	loadExamples,
	oauthCallbacks,
} from '../test/e2e/harness/demo-setup';
import { connectAccount } from '../test/e2e/support/idporten';
import { DEMO_EXAMPLES, summarizeDemoRuns, type DemoRuns } from '../test/e2e/harness/demo-examples';

const log = defaultLogger;
const once = process.argv.includes('--once');
const n8nPort = Number(process.env.DIALOGPORTEN_DEMO_PORT ?? 5678);
const altinnPort = Number(process.env.DIALOGPORTEN_DEMO_ALTINN_PORT ?? 7780);

let altinn: AltinnLocal | undefined;
let n8n: N8nInstance | undefined;
let stopping = false;

async function stopEverything(): Promise<void> {
	if (stopping) return;
	stopping = true;
	if (n8n?.running) {
		log('▶ stop n8n');
		await n8n.stop();
	}
	if (altinn) {
		log('▶ stop the local Altinn stand-in');
		await altinn.stop();
	}
	log('✔ stopped everything the demo started');
}

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function main(): Promise<void> {
	const started = Date.now();
	log(`n8n-nodes-dialogporten demo${once ? ' (--once: stops after the summary)' : ''}\n`);

	await step(log, 'check that the ports are free', async () => {
		for (const [port, what, variable] of [
			[n8nPort, 'n8n', 'DIALOGPORTEN_DEMO_PORT'],
			[altinnPort, 'the local Altinn stand-in', 'DIALOGPORTEN_DEMO_ALTINN_PORT'],
		] as const) {
			if (!(await portIsFree(port))) {
				throw new Error(
					`127.0.0.1:${port} (for ${what}) is in use — stop what runs there, or choose another port with ${variable}`,
				);
			}
		}
	});

	const host = await step(
		log,
		'install the pinned n8n (reused from the cache after the first run)',
		async () => {
			const installed = await ensureN8nHost(log);
			log(
				`  n8n ${installed.n8nVersion} on Node ${installed.nodeVersion}: ${installed.dir}${installed.installedNow ? '' : ' (reused)'}`,
			);
			return installed;
		},
	);

	await step(log, 'build the package (npm run build)', buildPackage);
	const packed = await step(log, 'pack the package (npm pack)', packPackage);

	const userFolder = process.env.DIALOGPORTEN_DEMO_USER_FOLDER
		? path.resolve(process.env.DIALOGPORTEN_DEMO_USER_FOLDER)
		: path.join(cacheRoot(), 'demo-n8n-user');
	await step(
		log,
		`install the package into a fresh n8n user folder as a community package`,
		async () => {
			rmSync(userFolder, { recursive: true, force: true });
			mkdirSync(userFolder, { recursive: true });
			const target = await installPackage(userFolder, packed);
			log(`  ${target}`);
		},
	);

	altinn = await step(
		log,
		`start the local Altinn stand-in on http://127.0.0.1:${altinnPort}`,
		// Its ID-porten accepts the OAuth2 callback of the n8n it serves, on whichever port that runs.
		() =>
			startAltinnLocal({
				port: altinnPort,
				quiet: true,
				idporten: { redirectUris: oauthCallbacks(n8nPort) },
			}),
	);
	const local = altinn;

	n8n = await N8nInstance.create({ host, userFolder, port: n8nPort, log });
	const instance = n8n;

	await step(log, 'import credentials that point at the stand-in', async () => {
		const credentials = [...exampleCredentials(local), demoPersonCredential(local)];
		await instance.importCredentials(credentials);
		for (const credential of credentials) log(`  ${credential.name} (${credential.type})`);
	});

	const examples = loadExamples();
	await step(log, `import the example workflows (${examples.length})`, async () => {
		await instance.importWorkflows(examples.map((e) => e.workflow));
		for (const example of examples) log(`  ${example.file}: ${example.workflow.name}`);
	});

	await step(log, `start n8n on ${instance.baseUrl}`, () => instance.start());
	await step(log, 'create the owner account', () => instance.setupOwner(DEMO_OWNER));

	const person = await step(
		log,
		`connect "${DEMO_PERSON_CREDENTIAL.name}" as ${DEMO_PERSON.name} (n8n's Connect my account)`,
		async () => {
			const consent = await connectAccount(
				instance,
				local,
				DEMO_PERSON_CREDENTIAL,
				DEMO_PERSON.pid,
			);
			if (consent.callbackStatus !== 200 || /error/i.test(consent.callbackPage))
				throw new Error(`n8n's OAuth2 callback answered ${consent.callbackStatus}`);
			return `${DEMO_PERSON_CREDENTIAL.name}: connected as ${DEMO_PERSON.name} through the stand-in's ID-porten login`;
		},
	);

	const runs: DemoRuns = {};
	for (const example of DEMO_EXAMPLES) {
		runs[example.id] = await step(
			log,
			`run example "${example.title}" headless (n8n execute)`,
			() => instance.executeOk(example.id),
		);
	}

	log('\nWhat the demo did');
	for (const line of summarizeDemoRuns(runs)) log(`  ${line}`);
	log(`  ${person}`);
	log(`\nAll steps done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

	if (once) {
		await stopEverything();
		return;
	}
	setupDone = true;

	log(`
n8n is running at ${instance.baseUrl}
  log in with   ${DEMO_OWNER.email} / ${DEMO_OWNER.password}   (a local-only demo account)
  the examples are under Overview; the credentials point at the stand-in on ${local.baseUrl}
  ID-porten: "Connect my account" on "${DEMO_PERSON_CREDENTIAL.name}" opens the stand-in's login page
Press Ctrl+C to stop n8n and the stand-in.`);

	// Runs until Ctrl+C: the signal handler below stops everything and exits.
	await new Promise<never>(() => undefined);
}

let setupDone = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		log(setupDone ? '' : `\n${signal} received during setup`);
		void stopEverything().finally(() => process.exit(setupDone ? 0 : 130));
	});
}

main().then(
	() => process.exit(0),
	async (error: unknown) => {
		const message =
			error instanceof StepError
				? `The demo stopped at step "${error.step}": ${error.reason.message}`
				: String(error);
		process.stderr.write(`\n✖ ${message}\n`);
		if (n8n) process.stderr.write(`  n8n's output is in ${n8n.logFile}\n`);
		await stopEverything().catch(() => undefined);
		process.exit(1);
	},
);

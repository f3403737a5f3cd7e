/**
 * The package in n8n's queue mode: PostgreSQL and Redis from the machine's Debian packages, one
 * main process, two workers and two webhook processors behind a round-robin load balancer, all
 * n8n 2.41.1 with the package installed as a community package (harness/queue.ts), against the
 * local Altinn stand-in.
 *
 * - Throughput: the same batch of executions (10 Dialogporten requests each, 50 ms injected
 *   latency per request) with one worker, then two; the ratio is printed.
 * - Tokens: 40 executions × 10 items spread over both workers cost one Maskinporten grant in total;
 *   a cold start raced by both workers costs at most one grant per worker.
 * - Events: the trigger's subscription is validated through the webhook processors; each dialog
 *   change starts one execution; the same event delivered to the other webhook processor, and again
 *   after a webhook processor restarts, reaches the workflow's nodes once (n8n's de-duplication
 *   store in the shared database).
 * - Polling: each change is emitted once with the main process restarted between polls.
 * - A worker killed (SIGKILL) while it creates a dialog with an idempotent key: what n8n does with
 *   the execution, and that retrying it leaves one dialog.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startAltinnLocal, type AltinnLocal, type CloudEvent } from '../../altinn-local';
import {
	organizations,
	orgUrn,
	resources,
	supplierClient,
	systemUserClient,
} from '../../altinn-local/fixtures';
import {
	ensureN8nHost,
	packPackage,
	QueueCluster,
	type N8nInstance,
	type WorkflowFile,
} from './harness';
import { maskinportenCredential, SERVICE_OWNER_SCOPES } from '../support/credentials';
import { OWNER, e2eLog, ours, sleep, waitUntil } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';
import {
	measureWorkerScaling,
	runSearchExecution,
	searchPerItemWorkflow,
} from './support/queue-throughput';
import {
	DIALOG_CREATED,
	dialogCreatedTrigger,
	informationPollingWorkflow,
} from './support/workflows';

jest.setTimeout(10 * 60_000);

const WORKER_CONCURRENCY = 5;
const LATENCY_MS = 50;
const ITEMS = 10;
/** Requests per execution in the throughput batch: 1 s of Dialogporten latency per execution. */
const THROUGHPUT_ITEMS = 20;

const TOKENS = { id: 'qTokensSupplier1', name: 'Maskinporten supplier (queue tokens)' };
const RACE = { id: 'qRaceSystemUser1', name: 'Maskinporten system user (cold start race)' };
const SERVICE_OWNER = { id: 'qServiceOwner001', name: 'Maskinporten service owner (queue)' };
const EVENTS = { id: 'qEventsCred00001', name: 'Maskinporten service owner, Altinn Events' };
const EVENTS_WEBHOOK_ID = '0c7e9d54-3b2a-4f1e-8d6c-5a4b3c2d1e0f';
const bakery = orgUrn(organizations.bakery.orgNumber);

type Credential = { id: string; name: string };

const webhookNode = (id: string, pathName: string, responseMode: 'lastNode' | 'onReceived') => ({
	id: `${id}-hook`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0] as [number, number],
	webhookId: `${id}-${pathName}`,
	parameters: {
		httpMethod: 'POST',
		path: pathName,
		responseMode,
		...(responseMode === 'lastNode' ? { responseData: 'allEntries' } : {}),
		options: {},
	},
});

const dialogporten = (
	id: string,
	name: string,
	credential: Credential,
	parameters: Record<string, unknown>,
	x = 480,
) => ({
	id: `${id}-${name.toLowerCase().replace(/\W+/g, '-')}`,
	name,
	type: ours('dialogporten'),
	typeVersion: 1,
	position: [x, 0] as [number, number],
	parameters: { authentication: 'maskinportenApi', ...parameters },
	credentials: { maskinportenApi: credential },
});

const workflows = {
	tokens: searchPerItemWorkflow('qTokens000000001', 'queue-tokens', TOKENS),
	throughput: searchPerItemWorkflow('qThroughput00001', 'queue-throughput', SERVICE_OWNER),
	race: {
		id: 'qRace00000000001',
		name: 'Queue: cold start race',
		nodes: [
			webhookNode('qRace00000000001', 'queue-race', 'lastNode'),
			dialogporten(
				'qRace00000000001',
				'Parties',
				RACE,
				{ api: 'enduser', resource: 'party', operation: 'getMany' },
				240,
			),
		],
		connections: { Webhook: { main: [[{ node: 'Parties', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	} satisfies WorkflowFile,
	create: {
		id: 'qCreate000000001',
		name: 'Queue: create with an idempotent key',
		nodes: [
			webhookNode('qCreate000000001', 'queue-create', 'onReceived'),
			dialogporten(
				'qCreate000000001',
				'Create',
				SERVICE_OWNER,
				{
					api: 'serviceowner',
					resource: 'dialog',
					operation: 'create',
					party: { __rl: true, mode: 'id', value: bakery },
					serviceResource: resources.messages.urn,
					title: 'Created from a queue-mode worker',
					textLanguage: 'en',
					status: 'InProgress',
					additionalFields: { idempotentKey: '={{ $json.body.key }}' },
				},
				240,
			),
		],
		connections: { Webhook: { main: [[{ node: 'Create', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	} satisfies WorkflowFile,
	events: {
		id: 'qEventsWebhook01',
		name: 'Queue: Dialogporten Events',
		nodes: [
			dialogCreatedTrigger('qEventsWebhook01', EVENTS_WEBHOOK_ID, EVENTS),
			{
				id: 'qEventsWebhook01-handle',
				name: 'Handle Event',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: {
			'Dialog Created': { main: [[{ node: 'Handle Event', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	} satisfies WorkflowFile,
	polling: informationPollingWorkflow('qEventsPolling01', 'Queue: Dialogporten polling', EVENTS),
};

interface Execution {
	id: string;
	workflowId?: string;
	status?: string;
	finished?: boolean;
	stoppedAt?: string | null;
	retryOf?: string | null;
	data?: {
		resultData: {
			error?: { message?: string };
			runData: Record<
				string,
				Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>
			>;
		};
	};
}

let altinn: AltinnLocal;
let cluster: QueueCluster;
let apiKey: string;
const audit = new OutputAudit();
const summary: Record<string, string | number> = {};

const main = () => cluster.main;
const hookUrl = (instance: { baseUrl: string }, pathName: string) =>
	`${instance.baseUrl}/webhook/${pathName}`;

async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON: keep the text.
	}
	return { status: response.status, body: parsed };
}

const runBatchExecution = async (pathName: string, items = ITEMS) =>
	await runSearchExecution(cluster, pathName, items);

async function executions(workflowId: string): Promise<Execution[]> {
	const all: Execution[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({
			workflowId,
			includeData: 'true',
			limit: '100',
			...(cursor ? { cursor } : {}),
		});
		const { status, body } = await main().publicApi<{ data: Execution[]; nextCursor?: string }>(
			apiKey,
			'GET',
			`executions?${query}`,
		);
		if (status !== 200) throw new Error(`GET /executions answered ${status}`);
		all.push(...body.data);
		cursor = body.nextCursor ?? undefined;
	} while (cursor);
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** JSON of the items a node emitted in one execution (none when it did not run or emitted nothing). */
function emittedBy(execution: Execution, node: string): Array<Record<string, unknown>> {
	const run = execution.data?.resultData.runData[node]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

async function setActive(workflowId: string, active: boolean): Promise<void> {
	const { status, body } = await main().publicApi(
		apiKey,
		'POST',
		`workflows/${workflowId}/${active ? 'activate' : 'deactivate'}`,
	);
	if (status !== 200)
		throw new Error(
			`${active ? 'activate' : 'deactivate'} ${workflowId}: ${status} ${JSON.stringify(body)}`,
		);
}

/** Restarts the main process (as an upgrade or a crash-and-restart would) and logs in again. */
async function restartMain(): Promise<void> {
	await main().stop();
	await main().start(10 * 60_000);
	await main().login(OWNER.email, OWNER.password);
}

/** What the workers and webhook processors printed, and the event logs n8n wrote, for the output audit. */
function collectProcessLogs(instances: N8nInstance[]): void {
	for (const instance of instances) {
		const files = existsSync(instance.logFile) ? [instance.logFile] : [];
		const dotN8n = path.join(instance.userFolder, '.n8n');
		if (existsSync(dotN8n))
			for (const file of readdirSync(dotN8n))
				if (file.endsWith('.log')) files.push(path.join(dotN8n, file));
		for (const file of files) audit.addOutput(file, readFileSync(file, 'utf8'));
	}
}

beforeAll(async () => {
	const started = Date.now();
	altinn = audit.watch(
		await startAltinnLocal({
			port: 0,
			quiet: true,
			seedDialogs: 3,
			// Events' modelled delays at 1/50 (validation retries from 20 ms, polling visibility 0.6 s).
			timeScale: 0.02,
			// One token lifetime spans the whole file, so "grants per lifetime" is what is counted.
			tokenLifetimeSeconds: { maskinporten: 3600 },
		}),
	);
	const host = await ensureN8nHost(e2eLog);
	const packed = await packPackage();
	cluster = await QueueCluster.create({
		host,
		packed,
		log: e2eLog,
		workers: 2,
		webhookProcessors: 2,
		workerConcurrency: WORKER_CONCURRENCY,
		env: {
			// A killed worker's job is found stalled within seconds instead of a minute and a half.
			QUEUE_WORKER_LOCK_DURATION: '20000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '4000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
		},
	});
	await main().importCredentials([
		{
			...TOKENS,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'supplier', { scopes: SERVICE_OWNER_SCOPES }),
		},
		{ ...RACE, type: 'maskinportenApi', data: maskinportenCredential(altinn, 'systemUser') },
		{
			...SERVICE_OWNER,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'serviceOwner'),
		},
		{
			...EVENTS,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'serviceOwner', {
				exchangeToAltinn: true,
				scopes: `${SERVICE_OWNER_SCOPES} altinn:events.subscribe altinn:serviceowner`,
			}),
		},
	]);
	await main().importWorkflows(Object.values(workflows));
	for (const workflow of [workflows.tokens, workflows.throughput, workflows.race, workflows.create])
		await main().publishWorkflow(workflow.id);
	// One worker first: the throughput test measures it alone, then with the second.
	await cluster.start({ workers: 1 });
	await main().setupOwner(OWNER);
	apiKey = await main().createApiKey('queue-mode-e2e');
	// n8n 2.41 registers published webhooks through its publication outbox after start, one workflow
	// after the other: wait for every path on every webhook processor.
	await Promise.all(
		cluster.webhookProcessors.flatMap((w) =>
			['queue-tokens', 'queue-throughput', 'queue-race', 'queue-create'].map((hook) =>
				w.waitForWebhook(hook, 120_000),
			),
		),
	);
	e2eLog(
		`queue mode up in ${((Date.now() - started) / 1000).toFixed(1)} s: Postgres :${cluster.postgres.port}, Redis :${cluster.redis.port}, main :${main().port}, webhook processors behind :${cluster.balancer.port}`,
	);
}, 45 * 60_000);

afterAll(async () => {
	await cluster?.stop();
	await altinn?.stop();
});

describe('n8n queue mode: main, 2 workers, 2 webhook processors, Postgres, Redis', () => {
	test('executions scale with workers: the same batch with 1 worker, then 2', async () => {
		const scaling = await measureWorkerScaling(cluster, altinn, {
			pathName: 'queue-throughput',
			executions: 4 * WORKER_CONCURRENCY,
			items: THROUGHPUT_ITEMS,
			latencyMs: LATENCY_MS,
		});
		summary.speedup_2_workers = scaling.ratio.toFixed(2);
		e2eLog(
			`throughput: ${scaling.executions} executions × ${scaling.items} requests (${scaling.latencyMs} ms each): 1 worker ${scaling.oneWorkerMs} ms, 2 workers ${scaling.twoWorkersMs} ms, ratio ${scaling.ratio.toFixed(2)}`,
		);
		// Both workers ran executions (the ratio itself is a measurement, printed, not asserted).
		expect(cluster.workers.every((w) => w.running)).toBe(true);
		expect(cluster.executionsByWorker().every((ids) => ids.length > 0)).toBe(true);
	});

	test('40 executions × 10 items over both workers cost one Maskinporten grant in total', async () => {
		const grants = () => altinn.stats.maskinportenGrants(supplierClient.clientId);
		expect(grants()).toBe(0);
		const before = new Set(cluster.executionsByWorker().flat());
		// The first execution gets the token; it is saved (encrypted) in the credential in Postgres.
		await runBatchExecution('queue-tokens');
		const rest = await Promise.all(
			Array.from({ length: 39 }, () => runBatchExecution('queue-tokens')),
		);
		for (const items of rest) expect(items).toHaveLength(ITEMS);

		const runs = await executions(workflows.tokens.id);
		expect(runs).toHaveLength(40);
		expect(runs.every((r) => r.status === 'success')).toBe(true);
		expect(runs.every((r) => emittedBy(r, 'Search').length === ITEMS)).toBe(true);
		const ids = new Set(runs.map((r) => Number(r.id)));
		const perWorker = cluster
			.executionsByWorker()
			.map((list) => list.filter((id) => ids.has(id) && !before.has(id)).length);
		e2eLog(`tokens: executions per worker ${perWorker.join(' + ')}, grants ${grants()}`);
		expect(perWorker.reduce((a, b) => a + b, 0)).toBe(40);
		expect(perWorker.every((n) => n > 0)).toBe(true);
		summary.executions = 40;
		summary.grants = grants();
		expect(grants()).toBe(1);
	});

	test('a cold start raced by both workers costs at most one grant per worker, then none', async () => {
		const grants = () => altinn.stats.maskinportenGrants(systemUserClient.clientId);
		expect(grants()).toBe(0);
		const batch = async () => {
			const answers = await Promise.all(
				Array.from({ length: 2 * WORKER_CONCURRENCY }, () =>
					postJson(hookUrl(cluster.balancer, 'queue-race'), {}),
				),
			);
			for (const answer of answers) expect(answer.status).toBe(200);
		};
		// Both workers start executions at once with no token anywhere.
		await batch();
		const cold = grants();
		await batch();
		summary.cold_start_grants = cold;
		e2eLog(`cold start raced by 2 workers: ${cold} grant(s); afterwards ${grants() - cold}`);
		expect(cold).toBeGreaterThanOrEqual(1);
		expect(cold).toBeLessThanOrEqual(cluster.workers.length);
		expect(grants()).toBe(cold);
	});

	describe('Events trigger through the webhook processors', () => {
		const subscription = () =>
			altinn.events
				.subscriptions()
				.find((s) => s.endPoint.startsWith(hookUrl(cluster.balancer, EVENTS_WEBHOOK_ID)));

		test("the subscription points at the webhook processors' balancer and its handshake is answered", async () => {
			await setActive(workflows.events.id, true);
			const validated = await altinn.events.waitFor(() => {
				const s = subscription();
				return s?.validated && s;
			}, 30_000);
			const secret = new URL(validated.endPoint).searchParams.get('secret') ?? '';
			audit.addSecret('the secret of the Altinn Events subscription', secret);
			const handshakes = altinn.events
				.deliveries()
				.filter((d) => d.subscriptionId === validated.id && d.kind === 'validation');
			expect(handshakes.at(-1)?.state).toBe('delivered');
			// The handshake reached one webhook processor; the next deliveries may reach the other.
			await Promise.all(
				cluster.webhookProcessors.map((w) =>
					w.waitForWebhook(`${EVENTS_WEBHOOK_ID}/webhook`, 60_000),
				),
			);
			await sleep(1000);
			expect(await executions(workflows.events.id)).toHaveLength(0);
		});

		test('each dialog change starts one execution, and a repeated delivery reaches the workflow once', async () => {
			altinn.events.flushSubscriptionCache();
			const dialogs = [];
			for (let i = 0; i < 3; i++)
				dialogs.push(
					await altinn.dialogs.create({
						serviceResource: resources.demo.urn,
						party: bakery,
						status: 'InProgress',
						isApiOnly: false,
						content: {
							title: {
								mediaType: 'text/plain',
								value: [{ languageCode: 'nb', value: `Queue ${i}` }],
							},
						},
					}),
				);
			const events = dialogs.map(
				(id) =>
					altinn.events
						.published()
						.find((e) => e.resourceinstance === id && e.type === DIALOG_CREATED) as CloudEvent,
			);
			const handled = async () =>
				(await executions(workflows.events.id)).flatMap((e) =>
					emittedBy(e, 'Handle Event').map((item) => String(item.id)),
				);
			await waitUntil(
				'one execution per dialog change',
				async () => {
					const ids = await handled();
					return events.every((e) => ids.includes(e.id)) && ids;
					// Altinn's retries (10 s, 30 s, 1 min, 5 min … scaled by 0.02) reach 56 s after the first try.
				},
				90_000,
			).catch(async (error: Error) => {
				// Say where each event stopped: its subscriptions, delivery attempts and what n8n stored.
				for (const s of altinn.events.subscriptions())
					e2eLog(
						`subscription ${s.id}: validated ${s.validated}, ${s.endPoint.replace(/secret=[^&]+/, 'secret=…')}`,
					);
				for (const event of events)
					for (const d of altinn.events.deliveries().filter((x) => x.event.id === event.id))
						e2eLog(
							`delivery of ${event.id}: ${d.state}; ${d.attempts.map((a) => `${a.at} ${a.status ?? a.error}`).join(', ')}`,
						);
				for (const run of await executions(workflows.events.id))
					e2eLog(
						`execution ${run.id}: ${run.status}; nodes ${Object.keys(run.data?.resultData.runData ?? {}).join(', ')}; ${run.data?.resultData.error?.message ?? ''}`,
					);
				throw error;
			});
			expect((await handled()).sort()).toEqual(events.map((e) => e.id).sort());

			// Altinn retrying the first event: to each webhook processor directly, then to one of them
			// after it restarted (its memory is gone; only the database remembers).
			const endPoint = new URL(subscription()!.endPoint);
			const direct = (instance: N8nInstance) =>
				`${instance.baseUrl}${endPoint.pathname}${endPoint.search}`;
			const [first, second] = cluster.webhookProcessors;
			const repeat = events[0];
			const answers = [];
			for (const instance of [first, second]) {
				answers.push(await postJson(direct(instance), repeat));
				await sleep(1500);
			}
			await first.stop();
			await first.start(10 * 60_000);
			answers.push(await postJson(direct(first), repeat));
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);

			await sleep(3000);
			const runs = await waitUntil('every execution to finish', async () => {
				const list = await executions(workflows.events.id);
				return list.every((e) => e.stoppedAt) && list;
			});
			const timesHandled = (id: string) =>
				runs.filter((r) => emittedBy(r, 'Handle Event').some((item) => item.id === id)).length;
			const endedAtTrigger = runs.filter(
				(r) =>
					r.data?.resultData.runData['Dialog Created'] &&
					!r.data.resultData.runData['Handle Event'],
			);
			summary.duplicate_event_executions = events.reduce(
				(sum, e) => sum + Math.max(0, timesHandled(e.id) - 1),
				0,
			);
			summary.repeats_ended_at_trigger = endedAtTrigger.length;
			e2eLog(
				`events: ${runs.length} executions for ${events.length} events and 3 repeated deliveries; ${endedAtTrigger.length} ended at the trigger (a repeat no webhook process remembered); answers ${answers.map((a) => JSON.stringify(a.body)).join(' | ')}`,
			);
			for (const event of events) expect(timesHandled(event.id)).toBe(1);
			expect(runs.every((r) => r.status === 'success')).toBe(true);
		});

		afterAll(async () => {
			if (apiKey) await setActive(workflows.events.id, false).catch(() => undefined);
		});
	});

	test('the polling trigger emits each change once with main restarted between polls', async () => {
		const polls = () => altinn.stats.requests('/platform/events/api/v1/events');
		const before = polls();
		await setActive(workflows.polling.id, true);
		// n8n 2.41 applies an activation shortly after answering the API call; its first poll sets the
		// cursor ("from now"), so changes made before it are history.
		await waitUntil('the first poll', async () => polls() > before, 60_000);
		await sleep(1000);
		const emitted = async () =>
			(await executions(workflows.polling.id)).flatMap((e) =>
				emittedBy(e, 'Information Activities').map((item) => String(item.activityId)),
			);
		const dialog = await altinn.dialogs.create({
			serviceResource: resources.demo.urn,
			party: bakery,
			status: 'InProgress',
			isApiOnly: false,
			content: {
				title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Polled' }] },
			},
		});
		const changes: string[] = [];
		for (const label of ['first change', 'second change']) {
			changes.push(await altinn.dialogs.addActivity(dialog, 'Information', label));
			await sleep(1000);
			// The restart activates the workflow again, which polls at once from the saved cursor.
			await restartMain();
			await waitUntil(
				`the poll after the restart to emit the ${label}`,
				async () => (await emitted()).includes(changes.at(-1)!),
				90_000,
			);
		}
		await sleep(2000);
		await setActive(workflows.polling.id, false);
		const all = await emitted();
		e2eLog(`polling: emitted ${all.length} change(s) over ${changes.length} restarts of main`);
		expect(all.sort()).toEqual([...changes].sort());
	});

	test('a worker killed while it creates a dialog: n8n fails the execution, and running it again leaves one dialog', async () => {
		const key = `queue-kill-${Date.now()}`;
		const dialogsBefore = altinn.dialogs.count();
		const creates = () => altinn.stats.requests('/dialogporten/api/v1/serviceowner/dialogs');
		const requestsBefore = creates();
		// The create reaches Dialogporten, which takes 4 s to answer: the worker dies in between.
		altinn.faults.set({
			kind: 'latency',
			pathPrefix: '/dialogporten/api/v1/serviceowner/dialogs',
			methods: ['POST'],
			latencyMs: 4000,
		});
		const startedBefore = new Set(cluster.executionsByWorker().flat());
		expect((await postJson(hookUrl(cluster.balancer, 'queue-create'), { key })).status).toBe(200);
		await waitUntil('the create request at Dialogporten', async () => creates() > requestsBefore);
		const index = cluster
			.executionsByWorker()
			.findIndex((ids) => ids.some((id) => !startedBefore.has(id)));
		expect(index).toBeGreaterThanOrEqual(0);
		const victim = cluster.workers[index];
		const startedByVictim = cluster.executionsByWorker()[index];
		const executionId = startedByVictim.filter((id) => !startedBefore.has(id)).at(-1);
		await victim.kill('SIGKILL');
		altinn.faults.clear();
		e2eLog(`killed worker ${index + 1} while it ran execution ${executionId}`);

		// Dialogporten finished the request the worker never saw answered.
		await waitUntil(
			'the dialog to exist',
			async () => altinn.dialogs.count() === dialogsBefore + 1,
		);
		// The other worker finds the job's lock expired (QUEUE_WORKER_LOCK_DURATION, here 20 s) at its
		// next stalled-job check and n8n fails the execution; it never runs it a second time.
		const stopped = await waitUntil(
			'n8n to settle the execution of the killed worker',
			async () => {
				const run = (await executions(workflows.create.id)).find(
					(r) => Number(r.id) === executionId,
				);
				return run && run.status !== 'running' && run.status !== 'new' && run;
			},
			120_000,
		);
		const reason = stopped.data?.resultData.error?.message ?? '';
		e2eLog(`execution ${executionId} of the killed worker: ${stopped.status}: ${reason}`);
		expect(stopped.status).toBe('error');
		expect(reason).toMatch(/failed to be processed too many times and will no longer retry/);
		expect(altinn.dialogs.count()).toBe(dialogsBefore + 1);

		await victim.start(10 * 60_000);

		// n8n's Retry starts from the stored execution, which holds that failure and no node run: the
		// retry fails at once with the same message and sends nothing.
		const requestsBeforeRetry = creates();
		const retry = await main().publicApi(apiKey, 'POST', `executions/${executionId}/retry`, {
			loadWorkflow: false,
		});
		expect(retry.status).toBe(200);
		const retried = await waitUntil('the retry to finish', async () =>
			(await executions(workflows.create.id)).find(
				(r) => r.retryOf === String(executionId) && r.stoppedAt,
			),
		);
		const retryReason = retried.data?.resultData.error?.message ?? '';
		e2eLog(`retry ${retried.id} of ${executionId}: ${retried.status}: ${retryReason}`);
		expect(retried.status).toBe('error');
		expect(retryReason).toBe(reason);
		expect(creates()).toBe(requestsBeforeRetry);

		// Running the workflow again with the same input reaches Create, and Dialogporten refuses the
		// idempotent key it already used: still one dialog.
		const lastId = Math.max(...(await executions(workflows.create.id)).map((r) => Number(r.id)));
		expect((await postJson(hookUrl(cluster.balancer, 'queue-create'), { key })).status).toBe(200);
		const rerun = await waitUntil('the second run to finish', async () =>
			(await executions(workflows.create.id)).find((r) => Number(r.id) > lastId && r.stoppedAt),
		);
		const error = (rerun.data?.resultData.error ?? {}) as {
			message?: string;
			description?: string;
		};
		e2eLog(
			`run ${rerun.id} with the same key: ${rerun.status}: ${error.message}: ${error.description}`,
		);
		expect(rerun.status).toBe('error');
		expect(error.description).toContain(`Idempotent key: "${key}"`);
		expect(altinn.dialogs.count()).toBe(dialogsBefore + 1);
	});

	test('one summary line', () => {
		const line = `queue mode: processes=${cluster.processes.length} executions=${summary.executions} grants=${summary.grants} duplicate_event_executions=${summary.duplicate_event_executions} speedup_2_workers=${summary.speedup_2_workers} cold_start_grants=${summary.cold_start_grants}`;
		process.stdout.write(`${line}\n`);
		expect(cluster.processes).toHaveLength(5);
		expect(summary.grants).toBe(1);
		expect(summary.duplicate_event_executions).toBe(0);
	});
});

auditOutputs(audit, () => {
	if (!cluster) return [];
	collectProcessLogs([...cluster.workers, ...cluster.webhookProcessors]);
	return [cluster.main];
});

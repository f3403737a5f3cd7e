/**
 * The Dialogporten Trigger (Altinn Events webhook) and Polling Trigger inside a real n8n (`n8n start`), against the
 * local Altinn stand-in's Events: activating the webhook workflow creates a subscription to n8n's
 * production URL, the stand-in's handshake validates it, a dialog change starts exactly one
 * execution with the CloudEvent, a push with a wrong secret and a repeated push start none, and
 * deactivating deletes the subscription. A workflow saved with the trigger's first type name
 * (`dialogportenEventsTrigger`) still runs. The polling workflow emits each change once across polls.
 */
import { startAltinnLocal, type AltinnLocal, type CloudEvent } from '../../altinn-local';
import { organizations, orgUrn, resources } from '../../altinn-local/fixtures';
import { prepareN8n, type PreparedN8n, type WorkflowFile } from './harness';
import { maskinportenCredential, SERVICE_OWNER_SCOPES } from '../support/credentials';
import { OWNER, e2eLog } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';
import {
	DIALOG_CREATED,
	INFORMATION_ACTIVITY,
	dialogCreatedTrigger,
	informationPollingWorkflow,
} from './support/workflows';

jest.setTimeout(240_000);

const CREDENTIAL = { id: 'e2eEventsCred001', name: 'Maskinporten service owner, Altinn Events' };
const WEBHOOK_ID = '5b0e8f52-6a1c-4d7e-9f30-2c4b6d8e0a11';
const bakery = orgUrn(organizations.bakery.orgNumber);

const webhookWorkflow: WorkflowFile = {
	id: 'e2eEventsWebhook',
	name: 'Dialogporten Events (webhook)',
	nodes: [dialogCreatedTrigger('e2eEventsWebhook', WEBHOOK_ID, CREDENTIAL)],
	connections: {},
	settings: { executionOrder: 'v1' },
	active: false,
};

const LEGACY_WEBHOOK_ID = '7c1f9a63-8b2d-4e8f-a041-3d5c7e9f1b22';
const legacyWorkflow: WorkflowFile = {
	id: 'e2eEventsLegacy1',
	name: 'Dialogporten Events (first type name)',
	nodes: [
		dialogCreatedTrigger(
			'e2eEventsLegacy1',
			LEGACY_WEBHOOK_ID,
			CREDENTIAL,
			'dialogportenEventsTrigger',
		),
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	active: false,
};

const pollingWorkflow = informationPollingWorkflow(
	'e2eEventsPolling',
	'Dialogporten Events (polling)',
	CREDENTIAL,
);

const dialogBody = () => ({
	serviceResource: resources.demo.urn,
	party: bakery,
	status: 'InProgress',
	isApiOnly: false,
	content: {
		title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Hendelse i n8n' }] },
	},
});

interface Execution {
	id: string;
	status?: string;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
			error?: { message?: string };
		};
	};
}

let altinn: AltinnLocal;
let ctx: PreparedN8n;
let apiKey: string;
const audit = new OutputAudit();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function executions(workflowId: string): Promise<Execution[]> {
	const { status, body } = await ctx.n8n.publicApi<{ data: Execution[] }>(
		apiKey,
		'GET',
		`executions?workflowId=${workflowId}&includeData=true&limit=100`,
	);
	if (status !== 200) throw new Error(`GET /executions answered ${status}`);
	return body.data;
}

const reportedFailures = new Set<string>();

/** Items the trigger node emitted in each execution that ran it, oldest first. */
async function emitted(
	workflowId: string,
	nodeName: string,
): Promise<Array<Array<Record<string, unknown>>>> {
	const list = await executions(workflowId);
	// A poll that fails is stored by n8n as a failed execution without the trigger's output; it
	// emitted nothing, and the next poll reads from the same cursor. It is reported, not counted.
	for (const failed of list.filter((e) => !e.data?.resultData.runData[nodeName]))
		if (!reportedFailures.has(failed.id)) {
			reportedFailures.add(failed.id);
			e2eLog(
				`execution ${failed.id} (${failed.status ?? '?'}) has no output of ${nodeName}: ${failed.data?.resultData.error?.message ?? 'no error message'}`,
			);
		}
	return list
		.filter((execution) => execution.data?.resultData.runData[nodeName])
		.sort((a, b) => Number(a.id) - Number(b.id))
		.map((execution) =>
			(execution.data?.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map(
				(item) => item.json,
			),
		);
}

async function waitUntil<T>(
	what: string,
	check: () => Promise<T | undefined | false>,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${what}\n${pollingDiagnostics()}`);
		await sleep(250);
	}
}

/** Requests the stand-in's Altinn Events API received (both of its base paths). */
function eventsApiRequests(): number {
	return altinn.stats.requests('/events/api/v1') + altinn.stats.requests('/platform/events/api/v1');
}

/** Resolves once `count` has not changed for `quietMs`. */
async function untilQuiet(count: () => number, quietMs: number): Promise<void> {
	let last = count();
	let since = Date.now();
	while (Date.now() - since < quietMs) {
		await sleep(250);
		const now = count();
		if (now !== last) {
			last = now;
			since = Date.now();
		}
	}
}

/** What n8n and the stand-in saw of the polls, for a failure message. */
function pollingDiagnostics(): string {
	const lines = ctx.n8n.output
		.split('\n')
		.filter((line) => /poll|error|warn/i.test(line) && !/IsolatedVmBridge/.test(line))
		.slice(-30);
	return [
		`events API requests so far: ${eventsApiRequests()}`,
		`n8n output about polls and errors (last ${lines.length} lines):`,
		...lines,
	].join('\n');
}

async function setActive(workflowId: string, active: boolean): Promise<void> {
	const { status, body } = await ctx.n8n.publicApi(
		apiKey,
		'POST',
		`workflows/${workflowId}/${active ? 'activate' : 'deactivate'}`,
	);
	if (status !== 200)
		throw new Error(
			`${active ? 'activate' : 'deactivate'} ${workflowId} answered ${status}: ${JSON.stringify(body)}`,
		);
}

beforeAll(async () => {
	// Modelled delays at 1/50: validation retries from 20 ms, the 30 s polling visibility in 0.6 s.
	altinn = audit.watch(
		await startAltinnLocal({ port: 0, quiet: true, seedDialogs: 3, timeScale: 0.02 }),
	);
	ctx = await prepareN8n({ log: e2eLog });
	await ctx.n8n.importCredentials([
		{
			...CREDENTIAL,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'serviceOwner', {
				exchangeToAltinn: true,
				scopes: `${SERVICE_OWNER_SCOPES} altinn:events.subscribe altinn:serviceowner`,
			}),
		},
	]);
	await ctx.n8n.importWorkflows([webhookWorkflow, legacyWorkflow, pollingWorkflow]);
	await ctx.n8n.start();
	await ctx.n8n.setupOwner(OWNER);
	apiKey = await ctx.n8n.createApiKey('events-e2e');
}, 30 * 60_000);

afterAll(async () => {
	await ctx?.n8n.dispose();
	await altinn?.stop();
});

describe('Dialogporten Trigger (Altinn Events webhook) in n8n', () => {
	const webhookUrl = () => `${ctx.n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;
	const ourSubscriptions = () =>
		altinn.events.subscriptions().filter((s) => s.endPoint.startsWith(webhookUrl()));

	test("activation subscribes n8n's production URL and the handshake validates it without an execution", async () => {
		await setActive(webhookWorkflow.id, true);
		const [subscription] = await altinn.events.waitFor(() => {
			const list = ourSubscriptions();
			return list.length === 1 && list[0].validated && list;
		}, 20_000);
		expect(subscription.resourceFilter).toBe(resources.demo.urn);
		expect(subscription.typeFilter).toBe(DIALOG_CREATED);
		expect(subscription.subjectFilter).toBeUndefined();
		const secret = new URL(subscription.endPoint).searchParams.get('secret') ?? '';
		expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
		audit.addSecret('the secret of the Altinn Events subscription', secret);
		const handshakes = altinn.events
			.deliveries()
			.filter((d) => d.subscriptionId === subscription.id && d.kind === 'validation');
		expect(handshakes.at(-1)?.state).toBe('delivered');
		e2eLog(
			`handshake attempts: ${handshakes.flatMap((d) => d.attempts.map((a) => a.status ?? a.error)).join(', ')}`,
		);
		await sleep(1000);
		expect(await executions(webhookWorkflow.id)).toHaveLength(0);
	});

	test('a dialog change starts exactly one execution carrying the CloudEvent', async () => {
		altinn.events.flushSubscriptionCache();
		const dialogId = await altinn.dialogs.create(dialogBody());
		const event = altinn.events
			.published()
			.find((e) => e.resourceinstance === dialogId && e.type === DIALOG_CREATED)!;
		const runs = await waitUntil('one execution', async () => {
			const list = await emitted(webhookWorkflow.id, 'Dialog Created');
			return list.length >= 1 && list;
		});
		await sleep(1500);
		expect(await emitted(webhookWorkflow.id, 'Dialog Created')).toHaveLength(1);
		expect(runs[0]).toHaveLength(1);
		expect(runs[0][0]).toMatchObject({
			id: event.id,
			type: DIALOG_CREATED,
			dialogId,
			party: bakery,
			serviceResource: resources.demo.urn,
		});
	});

	test('a push with a wrong or missing secret and a repeated push start no execution', async () => {
		const [subscription] = ourSubscriptions();
		const event = altinn.events
			.published()
			.filter((e) => e.type === DIALOG_CREATED)
			.at(-1) as CloudEvent;
		const post = async (url: string, body: unknown) =>
			await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json; charset=utf-8' },
				body: JSON.stringify(body),
			});

		const forged = { ...event, id: '00000000-0000-4000-8000-000000000001' };
		expect((await post(`${webhookUrl()}?secret=wrong`, forged)).status).toBe(401);
		expect((await post(webhookUrl(), forged)).status).toBe(401);

		// The same event again, to the real endpoint (Altinn retrying a delivery).
		const repeat = await post(subscription.endPoint, event);
		expect(repeat.status).toBe(200);
		expect(await repeat.json()).toEqual({ message: 'Event already received, ignored' });

		await sleep(1500);
		expect(await executions(webhookWorkflow.id)).toHaveLength(1);
	});

	test('deactivation deletes the subscription', async () => {
		const [subscription] = ourSubscriptions();
		await setActive(webhookWorkflow.id, false);
		// n8n answers the API call before its deregistration has necessarily finished.
		await altinn.events.waitFor(
			() => !altinn.events.subscriptions().some((s) => s.id === subscription.id),
			20_000,
		);
		// Altinn may keep delivering for up to the cache lifetime; n8n answers those with 404.
		const late = await fetch(subscription.endPoint, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		expect(late.status).toBe(404);
	});
});

describe('a workflow saved with the Events Trigger type name', () => {
	test('subscribes, runs once per dialog change and unsubscribes as before', async () => {
		const url = `${ctx.n8n.baseUrl}/webhook/${LEGACY_WEBHOOK_ID}/webhook`;
		const mine = () => altinn.events.subscriptions().filter((s) => s.endPoint.startsWith(url));
		await setActive(legacyWorkflow.id, true);
		await altinn.events.waitFor(() => {
			const list = mine();
			return list.length === 1 && list[0].validated;
		}, 20_000);
		altinn.events.flushSubscriptionCache();
		const dialogId = await altinn.dialogs.create(dialogBody());
		await waitUntil('one execution of the saved workflow', async () => {
			const list = await emitted(legacyWorkflow.id, 'Dialog Created');
			return list.length >= 1;
		});
		await sleep(1500);
		const runs = await emitted(legacyWorkflow.id, 'Dialog Created');
		expect(runs).toHaveLength(1);
		expect(runs[0]).toHaveLength(1);
		expect(runs[0][0]).toMatchObject({ type: DIALOG_CREATED, dialogId });
		const [subscription] = mine();
		await setActive(legacyWorkflow.id, false);
		await altinn.events.waitFor(
			() => !altinn.events.subscriptions().some((s) => s.id === subscription.id),
			20_000,
		);
	});
});

describe('Dialogporten Polling Trigger in n8n', () => {
	test('emits each change exactly once across polls, after skipping the history at activation', async () => {
		// History from the webhook tests exists; the activation poll reads past it.
		const history = await altinn.dialogs.create(dialogBody());
		await altinn.dialogs.addActivity(history, 'Information', 'before activation');
		await sleep(1000);
		const before = eventsApiRequests();
		await setActive(pollingWorkflow.id, true);
		// n8n 2.41 activates through its publication outbox, after the API call has answered. The
		// activation poll reads past the history; a change made before it has read counts as history.
		await waitUntil('the activation poll', async () => eventsApiRequests() > before, 60_000);
		await untilQuiet(eventsApiRequests, 2000);

		const first = await altinn.dialogs.create(dialogBody());
		const firstActivity = await altinn.dialogs.addActivity(first, 'Information', 'first change');
		const afterFirst = await waitUntil(
			'the first polled execution',
			async () => {
				const list = await emitted(pollingWorkflow.id, 'Information Activities');
				return list.length >= 1 && list;
			},
			130_000,
		);

		const second = await altinn.dialogs.create(dialogBody());
		const secondActivity = await altinn.dialogs.addActivity(second, 'Information', 'second change');
		const afterSecond = await waitUntil(
			'the second polled execution',
			async () => {
				const list = await emitted(pollingWorkflow.id, 'Information Activities');
				return list.length >= 2 && list;
			},
			130_000,
		);
		await setActive(pollingWorkflow.id, false);

		expect(afterFirst[0].map((item) => item.activityId)).toEqual([firstActivity]);
		expect(afterSecond).toHaveLength(2);
		expect(afterSecond[1].map((item) => item.activityId)).toEqual([secondActivity]);
		const all = afterSecond.flat();
		expect(all.every((item) => item.type === INFORMATION_ACTIVITY)).toBe(true);
		expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
		expect(all.some((item) => item.dialogId === history)).toBe(false);
	}, 300_000);
});

auditOutputs(audit, () => [ctx?.n8n]);

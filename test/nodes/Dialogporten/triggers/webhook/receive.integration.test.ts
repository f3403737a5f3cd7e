import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { DialogportenTrigger } from '../../../../../nodes/Dialogporten/DialogportenTrigger.node';
import { hashSecret } from '../../../../../nodes/Dialogporten/triggers/webhook/secret';
import { N8nRuntime } from '../../../../support/n8n-runtime';
import { webhookDataFor } from '../support/webhookBridge';

const nodeType = new DialogportenTrigger();
const NODE_KEY = 'node:Dialogporten Trigger';
const SECRET = 'k3Jq0v7bqQm2s6Hn1pWcX9aE4tYzR8uD5fG2hJ3kL0M';
const dialogId = '0194f0b2-1111-7222-8333-944455556666';

const baseParameters: INodeParameters = {
	serviceResource: 'urn:altinn:resource:super-simple-service',
	party: '',
	eventTypes: ['*'],
	includeSubunits: false,
	options: {},
};

// A new event id per test: ids emitted by one test stay remembered in this process.
let eventId = randomUUID();

function cloudEvent(overrides: IDataObject = {}): IDataObject {
	return {
		specversion: '1.0',
		id: eventId,
		type: 'dialogporten.dialog.created.v1',
		time: '2026-11-21T08:00:06.4014168Z',
		resource: 'urn:altinn:resource:super-simple-service',
		resourceinstance: dialogId,
		subject: 'urn:altinn:organization:identifier-no:991825827',
		source: `https://platform.tt02.altinn.no/dialogporten/api/v1/enduser/dialogs/${dialogId}`,
		...overrides,
	};
}

const validation = {
	specversion: '1.0',
	id: '694caa35-8b25-4cd7-b800-f6eeb93c56ed',
	source: 'https://platform.tt02.altinn.no/events/api/v1/subscriptions/1234',
	type: 'platform.events.validatesubscription',
};

describe('Dialogporten Trigger webhook()', () => {
	let runtime: N8nRuntime;

	beforeEach(() => {
		eventId = randomUUID();
		runtime = new N8nRuntime({ credentials: [] });
		runtime.staticData.set('workflow', {
			[NODE_KEY]: { secretHash: hashSecret(SECRET), subscriptions: [{ id: 1, filter: '' }] },
		});
	});

	const nodeStatic = () =>
		(runtime.staticData.get('workflow') as IDataObject)[NODE_KEY] as IDataObject;

	async function push(
		request: {
			body?: unknown;
			query?: Record<string, string>;
			rawBody?: Buffer;
			headers?: Record<string, string>;
		},
		parameters: INodeParameters = baseParameters,
	) {
		const { context, sent } = runtime.webhookContext(
			nodeType,
			{ parameters },
			webhookDataFor(nodeType, 'Dialogporten Trigger'),
			{ query: { secret: SECRET }, headers: { 'content-type': 'application/json' }, ...request },
		);
		const result = await nodeType.webhook.call(context);
		return { result, sent };
	}

	it('answers the subscription handshake with 200 and starts no execution', async () => {
		const { result } = await push({ body: validation });
		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toEqual({ message: 'Subscription validated' });
		expect(nodeStatic().seenEventIds).toBeUndefined();
	});

	it('rejects a push without the secret with 401 and no execution, also for the handshake', async () => {
		for (const body of [cloudEvent(), validation]) {
			const { result, sent } = await push({ body, query: {} });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(sent.status).toBe(401);
		}
		expect(nodeStatic().seenEventIds).toBeUndefined();
	});

	it('rejects a wrong secret, of any length, with 401 and no execution', async () => {
		for (const secret of ['wrong', `${SECRET}x`, SECRET.slice(0, -1), SECRET.toLowerCase(), '']) {
			const { result, sent } = await push({ body: cloudEvent(), query: { secret } });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(sent.status).toBe(401);
		}
	});

	it('accepts the secret an activation by an earlier version stored itself', async () => {
		runtime.staticData.set('workflow', {
			[NODE_KEY]: { secret: SECRET, subscriptions: [{ id: 1, filter: '' }] },
		});
		expect((await push({ body: validation })).result.webhookResponse).toEqual({
			message: 'Subscription validated',
		});
		expect((await push({ body: validation, query: { secret: 'wrong' } })).sent.status).toBe(401);
	});

	it('answers 503 (so Altinn retries) while no secret is stored yet', async () => {
		runtime.staticData.set('workflow', {});
		const { result, sent } = await push({ body: validation });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(503);
	});

	it('answers 400 to a body that is not a CloudEvent', async () => {
		const bodies: Array<{ body?: unknown; rawBody?: Buffer }> = [
			{ body: {} },
			{ body: { hello: 'world' } },
			{ body: [cloudEvent()] },
			{ body: cloudEvent({ id: '' }) },
			{ body: cloudEvent({ specversion: undefined }) },
			{ body: 'plain text' },
			{ body: {}, rawBody: Buffer.from('<xml/>') },
		];
		for (const request of bodies) {
			const { result, sent } = await push(request);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(sent.status).toBe(400);
		}
	});

	it('emits a selected event once, with the convenience fields', async () => {
		const event = cloudEvent();
		const { result } = await push({ body: event });
		expect(result.workflowData).toEqual([
			[
				{
					json: {
						...event,
						dialogId,
						serviceResource: event.resource,
						party: event.subject,
					},
				},
			],
		]);
	});

	it('reads an application/cloudevents+json body that n8n leaves unparsed', async () => {
		const event = cloudEvent();
		const { result } = await push({
			body: {},
			rawBody: Buffer.from(JSON.stringify(event)),
			headers: { 'content-type': 'application/cloudevents+json' },
		});
		expect(result.workflowData?.[0][0].json.id).toBe(event.id);
	});

	it('drops types the user did not select with a 2xx and no execution', async () => {
		const parameters = {
			...baseParameters,
			eventTypes: ['dialogporten.dialog.activity.form-submitted.v1'],
		};
		const { result } = await push(
			{ body: cloudEvent({ type: 'dialogporten.dialog.updated.v1' }) },
			parameters,
		);
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toEqual({ message: 'Event type not selected, ignored' });
		const selected = await push(
			{ body: cloudEvent({ type: 'dialogporten.dialog.activity.form-submitted.v1' }) },
			parameters,
		);
		expect(selected.result.workflowData).toHaveLength(1);
	});

	it('with All selected, drops events that are not Dialogporten events', async () => {
		const { result } = await push({ body: cloudEvent({ type: 'app.instance.process.completed' }) });
		expect(result.workflowData).toBeUndefined();
	});

	it('drops a repeated event id within the window, and emits a new id', async () => {
		const first = await push({ body: cloudEvent() });
		expect(first.result.workflowData).toHaveLength(1);
		const repeat = await push({ body: cloudEvent() });
		expect(repeat.result.workflowData).toBeUndefined();
		expect(repeat.result.webhookResponse).toEqual({ message: 'Event already received, ignored' });
		const otherId = randomUUID();
		const other = await push({ body: cloudEvent({ id: otherId }) });
		expect(other.result.workflowData).toHaveLength(1);
		expect(
			(nodeStatic().seenEventIds as Array<[string, number]>).map(([id]) => id).slice(-2),
		).toEqual([eventId, otherId]);
	});

	it('drops a repeated id even when n8n did not save the static data of the first push', async () => {
		const before = structuredClone(nodeStatic());
		expect((await push({ body: cloudEvent() })).result.workflowData).toHaveLength(1);
		// n8n 2.41 loses webhook() static data when the request started an execution.
		runtime.staticData.set('workflow', { [NODE_KEY]: before });
		const repeat = await push({ body: cloudEvent() });
		expect(repeat.result.workflowData).toBeUndefined();
		expect(repeat.result.webhookResponse).toEqual({ message: 'Event already received, ignored' });
	});

	it('emits repeats when the window is 0', async () => {
		const parameters = { ...baseParameters, options: { dedupeWindowHours: 0 } };
		expect((await push({ body: cloudEvent() }, parameters)).result.workflowData).toHaveLength(1);
		expect((await push({ body: cloudEvent() }, parameters)).result.workflowData).toHaveLength(1);
		expect(nodeStatic().seenEventIds).toBeUndefined();
	});

	it('forgets ids once they are older than the window', async () => {
		nodeStatic().seenEventIds = [[eventId, Date.now() - 3 * 3_600_000]] as unknown as IDataObject[];
		const parameters = { ...baseParameters, options: { dedupeWindowHours: 2 } };
		expect((await push({ body: cloudEvent() }, parameters)).result.workflowData).toHaveLength(1);
	});
});

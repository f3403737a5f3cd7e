// Property-based fuzzing of the Events trigger's webhook: any body (parsed JSON of any shape, a raw
// body of any bytes, CloudEvent-like records with hostile ids and types) gets an answer and never a
// crash or an unhandled rejection. A body that is not a CloudEvent gets 400 and starts nothing; a
// CloudEvent starts at most one execution per event id.
import fc from 'fast-check';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { DialogportenTrigger } from '../../../../../nodes/Dialogporten/DialogportenTrigger.node';
import { isCloudEvent, readCloudEvent } from '../../../../../nodes/Dialogporten/events/cloudEvent';
import { hashSecret } from '../../../../../nodes/Dialogporten/triggers/webhook/secret';
import { N8nRuntime } from '../../../../support/n8n-runtime';
import {
	emptyCounts,
	recordCounts,
	watchUnhandledRejections,
} from '../../../../support/reliability/counts';
import { webhookDataFor } from '../support/webhookBridge';

const SECRET = 'k3Jq0v7bqQm2s6Hn1pWcX9aE4tYzR8uD5fG2hJ3kL0M';
const RUNS = 300;
const nodeType = new DialogportenTrigger();
const counts = emptyCounts();
const rejections = watchUnhandledRejections();

afterAll(() => {
	const unhandled = rejections.stop();
	recordCounts(__filename, counts);
	expect(unhandled).toEqual([]);
});

/** Strings that have broken parsers and plain-object stores before. */
const hostileString = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.constantFrom(
		'__proto__',
		'constructor',
		'prototype',
		'toString',
		'',
		' ',
		'\u0000',
		'\uFEFF{}',
		'dialogporten.dialog.created.v1',
		'platform.events.validatesubscription',
		'*',
	),
);

const cloudEventLike = fc.record(
	{
		specversion: fc.oneof(fc.constant('1.0'), hostileString, fc.jsonValue()),
		id: fc.oneof(hostileString, fc.uuid(), fc.jsonValue()),
		type: fc.oneof(hostileString, fc.jsonValue()),
		source: fc.oneof(hostileString, fc.webUrl(), fc.jsonValue()),
		resourceinstance: fc.oneof(hostileString, fc.uuid(), fc.jsonValue()),
		resource: fc.oneof(hostileString, fc.jsonValue()),
		subject: fc.oneof(hostileString, fc.jsonValue()),
		time: fc.oneof(
			hostileString,
			fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
		),
		data: fc.oneof(fc.jsonValue(), fc.dictionary(hostileString, fc.jsonValue())),
	},
	{ requiredKeys: [] },
);

const anyBody = fc.oneof(
	fc.jsonValue(),
	cloudEventLike,
	fc.anything({ withNullPrototype: true, withObjectString: true }),
);

async function push(body: unknown, rawBody?: Buffer) {
	const runtime = new N8nRuntime({ credentials: [] });
	runtime.staticData.set('workflow', {
		'node:Dialogporten Trigger': {
			secretHash: hashSecret(SECRET),
			subscriptions: [{ id: 1, filter: '' }],
		},
	});
	const { context, sent } = runtime.webhookContext(
		nodeType,
		{
			parameters: {
				serviceResource: 'urn:altinn:resource:super-simple-service',
				party: '',
				eventTypes: ['*'],
				includeSubunits: false,
				options: {},
			},
		},
		webhookDataFor(nodeType, 'Dialogporten Trigger'),
		{
			body,
			rawBody,
			query: { secret: SECRET },
			headers: { 'content-type': 'application/json' },
		},
	);
	const result: IWebhookResponseData = await nodeType.webhook.call(context);
	return { result, sent };
}

function expectAnswered(
	body: unknown,
	rawBody: Buffer | undefined,
	outcome: Awaited<ReturnType<typeof push>>,
) {
	const { result, sent } = outcome;
	const event = readCloudEvent(body, rawBody);
	if (!event) {
		expect(sent.status).toBe(400);
		expect(result.workflowData).toBeUndefined();
		return;
	}
	expect(isCloudEvent(event)).toBe(true);
	if (result.workflowData) {
		expect(result.workflowData).toHaveLength(1);
		expect(result.workflowData[0]).toHaveLength(1);
		expect((result.workflowData[0][0].json as IDataObject).id).toBe(event.id);
	} else {
		expect(result.webhookResponse ?? sent.status).toBeDefined();
	}
}

describe('reliability: fuzzing the Events trigger webhook', () => {
	it(`answers any parsed body without crashing (${RUNS} runs)`, async () => {
		await fc.assert(
			fc.asyncProperty(anyBody, async (body) => {
				counts.fuzzCases++;
				expectAnswered(body, undefined, await push(body));
			}),
			{ numRuns: RUNS },
		);
	});

	it(`answers any raw body (unparsed content types) without crashing (${RUNS} runs)`, async () => {
		const rawText = fc.oneof(
			fc.string({ unit: 'binary' }),
			cloudEventLike.map((event) => JSON.stringify(event)),
			cloudEventLike.map((event) => `\uFEFF${JSON.stringify(event)}`),
			fc.jsonValue().map((value) => JSON.stringify(value)),
		);
		await fc.assert(
			fc.asyncProperty(rawText, async (text) => {
				counts.fuzzCases++;
				const raw = Buffer.from(text, 'utf8');
				expectAnswered(undefined, raw, await push(undefined, raw));
			}),
			{ numRuns: RUNS },
		);
	});
});

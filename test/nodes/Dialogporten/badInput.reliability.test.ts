// Bad input for every parameter that takes free text or JSON, one table: each row must end in a
// NodeOperationError that names the parameter and sends nothing (no request to any stand-in
// service, counted on the stand-in itself). Webhook bodies go to the Events trigger's webhook and
// must get a 400 that starts no execution and sends nothing.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DialogportenTrigger } from '../../../nodes/Dialogporten/DialogportenTrigger.node';
import { hashSecret } from '../../../nodes/Dialogporten/triggers/webhook/secret';
import { SecretScanner } from '../../credentials/support/secretScanner';
import { N8nRuntime } from '../../support/n8n-runtime';
import { emptyCounts, recordCounts } from '../../support/reliability/counts';
import { NodeHarness, dialogBody, dialogLocator, failureOf, partyLocator } from './support/harness';
import { webhookDataFor } from './triggers/support/webhookBridge';

const DIALOG = '0194f0b2-1111-7222-8333-944455556666';
const BAKERY = 'urn:altinn:organization:identifier-no:310000051';
const RESOURCE = 'urn:altinn:resource:ttd-dialogporten-demo';

interface NodeRow {
	/** What the bad value is for, as the table prints it. */
	what: string;
	who: 'serviceOwner' | 'systemUser';
	parameters: INodeParameters;
	message: RegExp;
}

const dialogId = (value: string) => ({ dialogId: dialogLocator(value) });

const rows: NodeRow[] = [
	// UUIDs
	...['42', 'not-a-uuid', '0194f0b2-1111-7222-8333-94445555666', `${DIALOG}x`, ' ', '../x'].map(
		(value): NodeRow => ({
			what: `Dialog ID ${JSON.stringify(value)}`,
			who: 'serviceOwner',
			parameters: { resource: 'dialog', operation: 'get', ...dialogId(value) },
			message: /Dialog ID (".*" is not a valid UUID|is required)/,
		}),
	),
	{
		what: 'Activity ID',
		who: 'serviceOwner',
		parameters: { resource: 'activity', operation: 'get', ...dialogId(DIALOG), activityId: 'x1' },
		message: /Activity ID "x1" is not a valid UUID/,
	},
	{
		what: 'Transmission ID',
		who: 'serviceOwner',
		parameters: {
			resource: 'transmission',
			operation: 'get',
			...dialogId(DIALOG),
			transmissionId: '1234',
		},
		message: /Transmission ID "1234" is not a valid UUID/,
	},
	{
		what: 'Seen Log Entry ID',
		who: 'systemUser',
		parameters: { resource: 'seenLog', operation: 'get', ...dialogId(DIALOG), seenLogId: 'abc' },
		message: /Seen log entry ID "abc" is not a valid UUID/,
	},
	{
		what: 'Dialog IDs of a bulk label change',
		who: 'systemUser',
		parameters: {
			resource: 'label',
			operation: 'bulkSetSystemLabels',
			dialogs: `${DIALOG}, nope`,
			addLabels: ['Bin'],
		},
		message: /Dialog 2 ID "nope" is not a valid UUID/,
	},
	// Party URNs and organization numbers
	...[
		'31000005',
		'3100000511',
		'urn:altinn:organization:identifier-no:31000005',
		'urn:altinn:person:identifier-no:1203851235',
		'urn:altinn:party:12345',
		'org:310000051',
	].map((value): NodeRow => ({
		what: `party ${JSON.stringify(value)} (create)`,
		who: 'serviceOwner',
		parameters: {
			resource: 'dialog',
			operation: 'create',
			specifyBody: 'fields',
			party: partyLocator(value),
			serviceResource: RESOURCE,
			title: 'x',
			status: 'InProgress',
		},
		message: /is not a valid party URN/,
	})),
	{
		what: 'party filter of a search',
		who: 'systemUser',
		parameters: { resource: 'dialog', operation: 'search', filters: { party: 'urn:x:1' } },
		message: /Party filter "urn:x:1" is not a valid party URN/,
	},
	{
		what: 'parties of Get Service Resources',
		who: 'systemUser',
		parameters: { resource: 'serviceResource', operation: 'getMany', parties: '12345' },
		message: /is not a valid party URN/,
	},
	{
		what: 'parties of Search End-User Contexts',
		who: 'serviceOwner',
		parameters: {
			resource: 'label',
			operation: 'searchEndUserContexts',
			parties: 'someone',
		},
		message: /is not a valid party URN/,
	},
	{
		what: 'End User ID of a label change',
		who: 'serviceOwner',
		parameters: {
			resource: 'label',
			operation: 'setSystemLabels',
			...dialogId(DIALOG),
			addLabels: ['Bin'],
			enduserId: 'urn:altinn:person:identifier-no:1',
		},
		message: /End User ID ".*" is not a valid party URN/,
	},
	// Keys and resource URNs
	{
		what: 'service resource',
		who: 'serviceOwner',
		parameters: {
			resource: 'dialog',
			operation: 'create',
			specifyBody: 'fields',
			party: partyLocator(BAKERY),
			serviceResource: 'ttd-dialogporten-demo',
			title: 'x',
			status: 'InProgress',
		},
		message: /Service Resource "ttd-dialogporten-demo" is not a valid resource URN/,
	},
	{
		what: 'service resource filter',
		who: 'serviceOwner',
		parameters: { resource: 'dialog', operation: 'search', filters: { serviceResource: 'r1' } },
		message: /Service resource filter "r1" is not a valid resource URN/,
	},
	// Dates
	...['yesterday', '2025-13-01', '31.01.2025', '2025-01-31T25:00:00Z'].map((value): NodeRow => ({
		what: `date ${JSON.stringify(value)}`,
		who: 'serviceOwner',
		parameters: { resource: 'dialog', operation: 'search', filters: { createdAfter: value } },
		message: /Created After ".*" is not a valid date and time/,
	})),
	{
		what: 'due date of a create',
		who: 'serviceOwner',
		parameters: {
			resource: 'dialog',
			operation: 'create',
			specifyBody: 'fields',
			party: partyLocator(BAKERY),
			serviceResource: RESOURCE,
			title: 'x',
			status: 'InProgress',
			additionalFields: { dueAt: 'soon' },
		},
		message: /"soon" is not a valid date and time/,
	},
	// JSON Patch
	...[
		['not JSON', '[{"op":', /JSON Patch is not valid JSON/],
		['an object', '{"op":"remove","path":"/progress"}', /JSON Patch must be a JSON array/],
		['empty', '[]', /JSON Patch has no operations/],
		['unknown op', '[{"op":"delete","path":"/a"}]', /has an invalid "op"/],
		['no path', '[{"op":"remove"}]', /needs a "path"/],
		['relative path', '[{"op":"remove","path":"status"}]', /needs a "path"/],
		['replace without value', '[{"op":"replace","path":"/status"}]', /needs a "value"/],
		['move without from', '[{"op":"move","path":"/a"}]', /needs a "from"/],
		['extra fields', '[{"op":"remove","path":"/a","x":1}]', /unknown fields: x/],
		['not an object', '[1]', /must be an object/],
	].map(([label, patchJson, message]): NodeRow => ({
		what: `JSON Patch, ${String(label)}`,
		who: 'serviceOwner',
		parameters: {
			resource: 'dialog',
			operation: 'patch',
			...dialogId(DIALOG),
			specifyPatch: 'json',
			patchJson: patchJson as string,
		},
		message: message as RegExp,
	})),
	// Raw JSON bodies
	...[
		['not JSON', '{"party": ', /Dialog \(JSON\) is not valid JSON/],
		['an array', '[]', /Dialog \(JSON\) must be a JSON object/],
		['empty', '   ', /Dialog \(JSON\) is empty/],
		['a bad status', JSON.stringify(dialogBody({ status: 'Finished' })), /status "Finished"/],
		['a bad party', JSON.stringify(dialogBody({ party: '31000005' })), /not a valid party URN/],
	].map(([label, dialogJson, message]): NodeRow => ({
		what: `dialog JSON, ${String(label)}`,
		who: 'serviceOwner',
		parameters: {
			resource: 'dialog',
			operation: 'create',
			specifyBody: 'json',
			dialogJson: dialogJson as string,
		},
		message: message as RegExp,
	})),
	{
		what: 'dialog JSON of an update',
		who: 'serviceOwner',
		parameters: {
			resource: 'dialog',
			operation: 'update',
			...dialogId(DIALOG),
			specifyBody: 'json',
			dialogJson: '{',
			ifMatch: 'none',
		},
		message: /is not valid JSON/,
	},
	{
		what: 'transmission JSON',
		who: 'serviceOwner',
		parameters: {
			resource: 'transmission',
			operation: 'create',
			...dialogId(DIALOG),
			specifyBody: 'json',
			transmissionJson: '{"type": "Shout"}',
		},
		message: /type "Shout" is not one of the allowed values/,
	},
	{
		what: 'activity JSON',
		who: 'serviceOwner',
		parameters: {
			resource: 'activity',
			operation: 'create',
			...dialogId(DIALOG),
			specifyBody: 'json',
			activityJson: 'null',
		},
		message: /must be a JSON object/,
	},
	// Keys and references typed as text
	...['urn:altinn:instance-id:abc', 'dialog-id:' + DIALOG, ''].map((value): NodeRow => ({
		what: `instance reference ${JSON.stringify(value)}`,
		who: 'serviceOwner',
		parameters: { resource: 'dialog', operation: 'lookup', instanceRef: value },
		message: /Instance reference ".*" is not recognized/,
	})),
	{
		what: 'service owner label (empty)',
		who: 'serviceOwner',
		parameters: {
			resource: 'label',
			operation: 'addServiceOwnerLabel',
			...dialogId(DIALOG),
			label: '  ',
		},
		message: /Label is required/,
	},
	// Action URLs
	{
		what: 'trusted hosts',
		who: 'systemUser',
		parameters: {
			resource: 'action',
			operation: 'fetchContent',
			...dialogId(DIALOG),
			contentSource: 'url',
			contentUrl: 'https://platform.tt02.altinn.no/x',
			trustedHosts: 'https://api.example.no/path',
		},
		message: /"https:\/\/api\.example\.no\/path" in Trusted Hosts is not a host name/,
	},
	...['ftp://example.no/file', 'not a url', 'javascript:alert(1)'].map((value): NodeRow => ({
		what: `content URL ${JSON.stringify(value)}`,
		who: 'systemUser',
		parameters: {
			resource: 'action',
			operation: 'fetchContent',
			...dialogId(DIALOG),
			contentSource: 'url',
			contentUrl: value,
		},
		message: /Content URL ".*" (is not a valid URL|must be an http or https URL)/,
	})),
	{
		what: 'content reference URL of a transmission',
		who: 'serviceOwner',
		parameters: {
			resource: 'transmission',
			operation: 'create',
			...dialogId(DIALOG),
			specifyBody: 'fields',
			title: 'x',
			transmissionType: 'Information',
			additionalFields: { contentReference: 'file:///etc/passwd' },
		},
		message: /Content Reference ".*" must be an http or https URL/,
	},
];

const WEBHOOK_BODIES: Array<[string, unknown]> = [
	['no body', undefined],
	['a string', 'hello'],
	['a number', 42],
	['an array', [{ specversion: '1.0' }]],
	['null', null],
	['an empty object', {}],
	['no id', { specversion: '1.0', type: 'dialogporten.dialog.created.v1', source: 'x' }],
	['no type', { specversion: '1.0', id: 'a', source: 'x' }],
	['a numeric id', { specversion: '1.0', id: 1, type: 't', source: 'x' }],
	['a wrong specversion', { specversion: 2, id: 'a', type: 't', source: 'x' }],
];

describe('reliability: bad input is refused with a clear error and sends nothing', () => {
	const h = new NodeHarness();
	const scanner = new SecretScanner();
	const counts = emptyCounts();

	beforeAll(async () => {
		scanner.addFixtureSecrets();
		await h.start({ seedDialogs: 3 });
		// Tokens first, so that "sends nothing" is about the input, not a token the run would fetch.
		await h.run('serviceOwner', { resource: 'dialog', operation: 'search', limit: 1 });
		await h.run('systemUser', { resource: 'party', operation: 'getMany' });
	});
	afterAll(async () => {
		for (const issued of h.local.tokens.issued()) scanner.addToken(issued.token);
		counts.leaks = scanner.findings().length;
		recordCounts(__filename, counts);
		await h.stop();
		expect(scanner.findings()).toEqual([]);
	});

	it.each(rows.map((row) => [row.what, row] as const))('%s', async (_what, row) => {
		const before = h.local.stats.requests();
		const error = await failureOf(h.run(row.who, row.parameters));
		scanner.record(error, row.what);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(row.message);
		expect(h.local.stats.requests() - before).toBe(0);
		counts.badInputs++;
	});

	describe('webhook bodies (Events trigger)', () => {
		const trigger = new DialogportenTrigger();
		const secret = 'k3Jq0v7bqQm2s6Hn1pWcX9aE4tYzR8uD5fG2hJ3kL0M';

		it.each(WEBHOOK_BODIES)('%s', async (_what, body) => {
			const runtime = new N8nRuntime({ credentials: [] });
			runtime.staticData.set('workflow', {
				'node:Dialogporten Trigger': {
					secretHash: hashSecret(secret),
					subscriptions: [{ id: 1, filter: '' }],
				},
			});
			const before = h.local.stats.requests();
			const { context, sent } = runtime.webhookContext(
				trigger,
				{
					parameters: {
						serviceResource: RESOURCE,
						party: '',
						eventTypes: ['*'],
						includeSubunits: false,
						options: {},
					},
				},
				webhookDataFor(trigger, 'Dialogporten Trigger'),
				{
					body,
					query: { secret },
					headers: { 'content-type': 'application/json' },
					rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
				},
			);
			const result = await trigger.webhook.call(context);
			scanner.record({ result, sent }, 'webhook response');
			expect(result.workflowData).toBeUndefined();
			expect(sent.status).toBe(400);
			expect((sent.body as IDataObject).message).toMatch(/Expected a CloudEvent/);
			expect(h.local.stats.requests() - before).toBe(0);
			counts.badInputs++;
		});
	});
});

// Contract suite: drives all 44 Dialogporten operations of swagger.verified.json against the
// stand-in, validating every request it sends and every response it receives with ajv, and
// asserting that there is not a single violation (neither seen by this client nor recorded by the
// stand-in's own validation).
import { ContractClient } from './contract-client';
import { fixtures, serviceOwnerToken, start, systemUserToken, type AltinnLocal } from './support';

const { organizations, persons, resources } = fixtures;
const bakery = `urn:altinn:organization:identifier-no:${organizations.bakery.orgNumber}`;
const ola = `urn:altinn:person:identifier-no:${persons.ola.pid}`;

type Paginated<T> = {
	items: T[];
	hasNextPage: boolean;
	continuationToken?: string;
	orderBy: string;
};
type Dialog = Record<string, unknown> & {
	id: string;
	revision: string;
	endUserContext: { revision: string };
	serviceOwnerContext: { revision: string };
};

let local: AltinnLocal;
let api: ContractClient;
let so: string;
let soOther: string;
let person: string;
let systemUser: string;

const loc = (nb: string, en: string) => [
	{ languageCode: 'nb', value: nb },
	{ languageCode: 'en', value: en },
];

function createBody(extra: Record<string, unknown> = {}) {
	return {
		serviceResource: resources.demo.urn,
		party: bakery,
		status: 'InProgress',
		isApiOnly: false,
		extendedStatus: 'urn:altinn:local:status:new',
		externalReference: 'contract-ref-1',
		process: 'urn:altinn:local:process:contract',
		progress: 10,
		dueAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
		content: {
			title: { mediaType: 'text/plain', value: loc('Kontraktsdialog', 'Contract dialog') },
			summary: { mediaType: 'text/plain', value: loc('Sammendrag', 'Summary') },
			senderName: { mediaType: 'text/plain', value: loc('Testdepartementet', 'The Test Ministry') },
			additionalInfo: {
				mediaType: 'text/markdown',
				value: loc('**Mer** informasjon', '**More** information'),
			},
			mainContentReference: {
				mediaType: 'application/vnd.dialogporten.frontchannelembed-url;type=text/markdown',
				value: loc('https://example.org/embed/nb', 'https://example.org/embed/en'),
			},
		},
		searchTags: [{ value: 'kontrakt' }],
		serviceOwnerContext: { serviceOwnerLabels: [{ value: 'intern-sak' }] },
		attachments: [
			{
				displayName: loc('Vedlegg', 'Attachment'),
				name: 'vedlegg.pdf',
				urls: [
					{
						url: 'https://example.org/vedlegg.pdf',
						mediaType: 'application/pdf',
						consumerType: 'Gui',
					},
				],
			},
		],
		guiActions: [
			{
				action: 'read',
				url: 'https://example.org/dialog',
				priority: 'Primary',
				httpMethod: 'GET',
				isDeleteDialogAction: false,
				title: loc('Åpne', 'Open'),
			},
			{
				action: 'write',
				url: 'https://example.org/dialog/sign',
				priority: 'Secondary',
				httpMethod: 'POST',
				isDeleteDialogAction: false,
				title: loc('Signer', 'Sign'),
				prompt: loc('Sikker?', 'Sure?'),
			},
		],
		apiActions: [
			{
				action: 'read',
				name: 'get-case',
				endpoints: [
					{
						url: 'https://example.org/api/case',
						httpMethod: 'GET',
						version: 'v1',
						deprecated: false,
					},
				],
			},
		],
		transmissions: [
			{
				type: 'Information',
				createdAt: new Date().toISOString(),
				sender: { actorType: 'ServiceOwner' },
				idempotentKey: 'transmission-1',
				content: {
					title: { mediaType: 'text/plain', value: loc('Første melding', 'First message') },
					summary: { mediaType: 'text/plain', value: loc('Hei', 'Hello') },
				},
				attachments: [
					{
						displayName: loc('Brev', 'Letter'),
						urls: [{ url: 'https://example.org/brev.pdf', consumerType: 'Api' }],
					},
				],
				navigationalActions: [{ title: loc('Se', 'See'), url: 'https://example.org/see' }],
			},
		],
		activities: [{ type: 'DialogCreated', performedBy: { actorType: 'ServiceOwner' } }],
		...extra,
	};
}

beforeAll(async () => {
	local = await start({ seedDialogs: 30 });
	api = new ContractClient(local);
	so = await serviceOwnerToken(local);
	soOther = await serviceOwnerToken(local, undefined, fixtures.otherServiceOwnerClient);
	systemUser = await systemUserToken(local);
	person = (
		await local.idporten.login({ pid: persons.ola.pid, scope: 'openid digdir:dialogporten' })
	).access_token;
});
afterAll(() => local.stop());

describe('the validator can fail', () => {
	it('rejects bodies that break the document', () => {
		expect(
			api.validator.validateRequestBody(
				'V1ServiceOwnerDialogsCommandsCreate_Dialog',
				'application/json',
				{ status: 'Nope' } as never,
			),
		).not.toEqual([]);
		expect(
			api.validator.validateRequestBody(
				'V1ServiceOwnerDialogsCommandsCreate_Dialog',
				'application/json',
				{ party: 1 } as never,
			),
		).not.toEqual([]);
		expect(
			api.validator.validateRequestBody(
				'V1ServiceOwnerDialogsCommandsCreate_Dialog',
				'application/json',
				{ unknown: true } as never,
			),
		).not.toEqual([]);
		expect(
			api.validator.validateResponse(
				'V1MetadataLimitsGet_Limits',
				200,
				'application/json',
				'{"endUserSearch":{}}',
			),
		).not.toEqual([]);
		expect(
			api.validator.validateResponse(
				'V1ServiceOwnerDialogsQueriesGet_Dialog',
				200,
				'application/json',
				JSON.stringify({ id: 'not-a-guid' }),
			),
		).not.toEqual([]);
		expect(
			api.validator.validateResponse('V1MetadataLimitsGet_Limits', 418, 'application/json', '{}'),
		).not.toEqual([]);
		expect(
			api.validator.parseParameters('V1EndUserDialogsQueriesSearch_Dialog', {
				query: new URLSearchParams('status=Bogus'),
				pathParams: {},
				headers: {},
			}).errors,
		).not.toEqual([]);
	});
});

describe('all 44 operations', () => {
	let dialogId: string;
	let transmissionId: string;
	let activityId: string;

	it('metadata (anonymous)', async () => {
		const jwks = await api.call<{ keys: Array<{ kty: string; crv: string }> }>(
			'V1WellKnownJwksGet_Jwks',
		);
		expect(jwks.status).toBe(200);
		expect(jwks.json.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
		expect(
			(await api.call('V1WellKnownOauthAuthorizationServerGet_OauthAuthorizationServer')).status,
		).toBe(200);
		expect((await api.call('V1MetadataLimitsGet_Limits')).status).toBe(200);
		const resourcesRes = await api.call<{ items: unknown[] }>(
			'V1MetadataServiceResourcesGet_ServiceResourceMetadata',
			{ headers: { 'Accept-Language': 'en' } },
		);
		expect(resourcesRes.status).toBe(200);
		expect(resourcesRes.json.items.length).toBe(Object.keys(resources).length);
	});

	it('service owner: create, get, search', async () => {
		const created = await api.call<string>('V1ServiceOwnerDialogsCommandsCreate_Dialog', {
			token: so,
			body: createBody({ idempotentKey: 'contract-1' }),
		});
		expect(created.status).toBe(201);
		dialogId = created.json;
		expect(created.headers.get('etag')).toMatch(/^[0-9a-f-]{36}$/);

		const again = await api.call('V1ServiceOwnerDialogsCommandsCreate_Dialog', {
			token: so,
			body: createBody({ idempotentKey: 'contract-1' }),
		});
		expect(again.status).toBe(409);
		const invalid = await api.call('V1ServiceOwnerDialogsCommandsCreate_Dialog', {
			token: so,
			body: createBody({ party: 'urn:altinn:organization:identifier-no:123456789' }),
		});
		expect(invalid.status).toBe(400);
		const foreign = await api.call('V1ServiceOwnerDialogsCommandsCreate_Dialog', {
			token: soOther,
			body: createBody(),
		});
		expect(foreign.status).toBe(403);

		const got = await api.call<Dialog>('V1ServiceOwnerDialogsQueriesGet_Dialog', {
			token: so,
			params: { dialogId },
		});
		expect(got.status).toBe(200);
		expect(got.json).toMatchObject({
			id: dialogId,
			org: 'ttd',
			party: bakery,
			status: 'InProgress',
			idempotentKey: 'contract-1',
		});
		transmissionId = (got.json.transmissions as Array<{ id: string }>)[0].id;
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesGet_Dialog', {
					token: soOther,
					params: { dialogId },
				})
			).status,
		).toBe(403);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesGet_Dialog', {
					token: so,
					params: { dialogId: '01900000-0000-7000-8000-000000000000' },
				})
			).status,
		).toBe(404);

		const page1 = await api.call<Paginated<{ id: string }>>(
			'V1ServiceOwnerDialogsQueriesSearch_Dialog',
			{
				token: so,
				query: { serviceResource: resources.demo.urn, limit: 2, orderBy: 'createdAt_desc' },
			},
		);
		expect(page1.status).toBe(200);
		expect(page1.json.items).toHaveLength(2);
		expect(page1.json.hasNextPage).toBe(true);
		const page2 = await api.call<Paginated<{ id: string }>>(
			'V1ServiceOwnerDialogsQueriesSearch_Dialog',
			{
				token: so,
				query: {
					serviceResource: resources.demo.urn,
					limit: 2,
					orderBy: 'createdAt_desc',
					continuationToken: page1.json.continuationToken!,
				},
			},
		);
		expect(page2.json.items.map((i) => i.id)).not.toContain(page1.json.items[0].id);
		const filtered = await api.call<Paginated<{ id: string }>>(
			'V1ServiceOwnerDialogsQueriesSearch_Dialog',
			{
				token: so,
				query: {
					party: bakery,
					externalReference: 'contract-ref-1',
					status: ['InProgress'],
					search: 'kontrakt',
					serviceOwnerLabels: 'intern*',
				},
			},
		);
		expect(filtered.json.items.map((i) => i.id)).toEqual([dialogId]);
	});

	it('service owner: update (PUT) and patch with If-Match', async () => {
		const current = (
			await api.call<Dialog>('V1ServiceOwnerDialogsQueriesGet_Dialog', {
				token: so,
				params: { dialogId },
			})
		).json;
		const stale = await api.call('V1ServiceOwnerDialogsCommandsUpdate_Dialog', {
			token: so,
			params: { dialogId },
			headers: { 'If-Match': '00000000-0000-4000-8000-000000000000' },
			body: { status: 'Awaiting', isApiOnly: false, content: createBody().content },
		});
		expect(stale.status).toBe(412);
		const put = await api.call('V1ServiceOwnerDialogsCommandsUpdate_Dialog', {
			token: so,
			params: { dialogId },
			headers: { 'If-Match': current.revision },
			body: {
				status: 'Awaiting',
				isApiOnly: false,
				progress: 50,
				process: 'urn:altinn:local:process:contract',
				externalReference: 'contract-ref-1',
				content: createBody().content,
				guiActions: createBody().guiActions,
				apiActions: createBody().apiActions,
				searchTags: [{ value: 'kontrakt' }],
				activities: [
					{
						type: 'Information',
						performedBy: { actorType: 'ServiceOwner' },
						description: loc('Oppdatert', 'Updated'),
					},
				],
			},
		});
		expect(put.status).toBe(204);
		const etag = put.headers.get('etag')!;
		const patch = await api.call('V1ServiceOwnerDialogsPatchDialog', {
			token: so,
			params: { dialogId },
			headers: { 'If-Match': etag },
			contentType: 'application/json-patch+json',
			body: [
				{ op: 'test', path: '/status', value: 'Awaiting' },
				{ op: 'replace', path: '/status', value: 'RequiresAttention' },
				{
					op: 'add',
					path: '/activities/-',
					value: { type: 'FormSaved', performedBy: { actorType: 'ServiceOwner' } },
				},
			],
		});
		expect(patch.status).toBe(204);
		const immutable = await api.call('V1ServiceOwnerDialogsPatchDialog', {
			token: so,
			params: { dialogId },
			contentType: 'application/json-patch+json',
			body: [{ op: 'remove', path: '/activities/0' }],
		});
		expect(immutable.status).toBe(400);
		const failedTest = await api.call('V1ServiceOwnerDialogsPatchDialog', {
			token: so,
			params: { dialogId },
			contentType: 'application/json-patch+json',
			body: [{ op: 'test', path: '/status', value: 'Completed' }],
		});
		expect(failedTest.status).toBe(422);
		const after = (
			await api.call<Dialog>('V1ServiceOwnerDialogsQueriesGet_Dialog', {
				token: so,
				params: { dialogId },
			})
		).json;
		expect(after.status).toBe('RequiresAttention');
		expect((after.activities as Array<{ type: string }>).map((a) => a.type)).toEqual([
			'DialogCreated',
			'Information',
			'FormSaved',
		]);
	});

	it('service owner: activities', async () => {
		const created = await api.call<string>(
			'V1ServiceOwnerDialogsCommandsCreateActivity_DialogActivity',
			{
				token: so,
				params: { dialogId },
				body: {
					type: 'TransmissionOpened',
					transmissionId,
					performedBy: { actorType: 'PartyRepresentative', actorId: ola },
				},
			},
		);
		expect(created.status).toBe(201);
		activityId = created.json;
		const bad = await api.call('V1ServiceOwnerDialogsCommandsCreateActivity_DialogActivity', {
			token: so,
			params: { dialogId },
			body: {
				type: 'PaymentMade',
				performedBy: { actorType: 'ServiceOwner' },
				description: loc('x', 'y'),
			},
		});
		expect(bad.status).toBe(400);
		const list = await api.call<Array<{ id: string }>>(
			'V1ServiceOwnerDialogsQueriesSearchActivities_DialogActivity',
			{ token: so, params: { dialogId } },
		);
		expect(list.json.map((a) => a.id)).toContain(activityId);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesGetActivity_DialogActivity', {
					token: so,
					params: { dialogId, activityId },
				})
			).status,
		).toBe(200);
	});

	it('service owner: transmissions', async () => {
		const created = await api.call<string>(
			'V1ServiceOwnerDialogsCommandsCreateTransmission_DialogTransmission',
			{
				token: so,
				params: { dialogId },
				body: {
					type: 'Request',
					createdAt: new Date().toISOString(),
					sender: { actorType: 'ServiceOwner' },
					relatedTransmissionId: transmissionId,
					idempotentKey: 'transmission-2',
					content: { title: { mediaType: 'text/plain', value: loc('Forespørsel', 'Request') } },
				},
			},
		);
		expect(created.status).toBe(201);
		const dup = await api.call(
			'V1ServiceOwnerDialogsCommandsCreateTransmission_DialogTransmission',
			{
				token: so,
				params: { dialogId },
				body: {
					type: 'Request',
					createdAt: new Date().toISOString(),
					sender: { actorType: 'ServiceOwner' },
					idempotentKey: 'transmission-2',
					content: { title: { mediaType: 'text/plain', value: loc('x', 'x') } },
				},
			},
		);
		expect(dup.status).toBe(409);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesSearchTransmissions_DialogTransmission', {
					token: so,
					params: { dialogId },
				})
			).status,
		).toBe(200);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesGetTransmission_DialogTransmission', {
					token: so,
					params: { dialogId, transmissionId: created.json },
				})
			).status,
		).toBe(200);
		const updated = await api.call(
			'V1ServiceOwnerDialogsCommandsUpdateTransmission_DialogTransmission',
			{
				token: so,
				params: { dialogId, transmissionId: created.json },
				body: {
					type: 'Request',
					isSilentUpdate: true,
					sender: { actorType: 'ServiceOwner' },
					content: {
						title: {
							mediaType: 'text/plain',
							value: loc('Forespørsel (rettet)', 'Request (corrected)'),
						},
					},
				},
			},
		);
		expect(updated.status).toBe(204);
	});

	it('service owner: labels, end-user context, notification condition, lookup', async () => {
		let d = (
			await api.call<Dialog>('V1ServiceOwnerDialogsQueriesGet_Dialog', {
				token: so,
				params: { dialogId },
			})
		).json;
		const added = await api.call(
			'V1ServiceOwnerServiceOwnerContextCommandsCreateServiceOwnerLabel_ServiceOwnerLabel',
			{
				token: so,
				params: { dialogId },
				headers: { 'If-Match': d.serviceOwnerContext.revision },
				body: { value: 'fulgt-opp' },
			},
		);
		expect(added.status).toBe(204);
		const labels = await api.call<Array<{ value: string }>>(
			'V1ServiceOwnerServiceOwnerContextQueriesGetServiceOwnerLabel_ServiceOwnerLabel',
			{ token: so, params: { dialogId } },
		);
		expect(labels.json.map((l) => l.value)).toEqual(['intern-sak', 'fulgt-opp']);
		expect(
			(
				await api.call(
					'V1ServiceOwnerServiceOwnerContextCommandsDeleteServiceOwnerLabel_ServiceOwnerLabel',
					{
						token: so,
						params: { dialogId, label: 'fulgt-opp' },
						headers: { 'If-Match': added.headers.get('etag')! },
					},
				)
			).status,
		).toBe(204);
		expect(
			(
				await api.call(
					'V1ServiceOwnerServiceOwnerContextCommandsDeleteServiceOwnerLabel_ServiceOwnerLabel',
					{ token: so, params: { dialogId, label: 'finnes-ikke' } },
				)
			).status,
		).toBe(404);

		const setLabels = await api.call(
			'V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels',
			{
				token: so,
				params: { dialogId },
				query: { enduserId: ola },
				headers: { 'If-Match': d.endUserContext.revision },
				body: { addLabels: ['Archive'] },
			},
		);
		expect(setLabels.status).toBe(204);
		const context = await api.call<Paginated<{ dialogId: string; systemLabels: string[] }>>(
			'V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContext',
			{
				token: so,
				query: { party: bakery, label: ['Archive'], limit: 1000 },
			},
		);
		expect(context.status).toBe(200);
		expect(context.json.items.find((i) => i.dialogId === dialogId)?.systemLabels).toEqual([
			'Archive',
		]);
		d = (
			await api.call<Dialog>('V1ServiceOwnerDialogsQueriesGet_Dialog', {
				token: so,
				params: { dialogId },
			})
		).json;
		const bulk = await api.call(
			'V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels',
			{
				token: so,
				query: { enduserId: ola },
				body: {
					dialogs: [{ dialogId, endUserContextRevision: d.endUserContext.revision }],
					removeLabels: ['Archive'],
				},
			},
		);
		expect(bulk.status).toBe(204);
		const stale = await api.call(
			'V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels',
			{
				token: so,
				query: { enduserId: ola },
				body: {
					dialogs: [{ dialogId, endUserContextRevision: d.endUserContext.revision }],
					addLabels: ['Bin'],
				},
			},
		);
		expect(stale.status).toBe(412);

		const condition = await api.call<{ sendNotification: boolean }>(
			'V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationCondition',
			{
				token: so,
				params: { dialogId },
				query: { conditionType: 'NotExists', activityType: 'TransmissionOpened', transmissionId },
			},
		);
		expect(condition.json.sendNotification).toBe(false);
		const lookup = await api.call<{ dialogId: string }>(
			'V1ServiceOwnerDialogLookupQueriesGet_DialogLookup',
			{ token: so, query: { instanceRef: `urn:altinn:dialog-id:${dialogId}` } },
		);
		expect(lookup.json.dialogId).toBe(dialogId);
		expect(
			(
				await api.call('V1ServiceOwnerDialogLookupQueriesGet_DialogLookup', {
					token: so,
					query: { instanceRef: 'nonsense' },
				})
			).status,
		).toBe(400);
	});

	it('end user (ID-porten person): parties, resources, search, details and children', async () => {
		const parties = await api.call<{ authorizedParties: Array<{ party: string }> }>(
			'V1EndUserAccessManagementQueriesGetParties_Parties',
			{ token: person },
		);
		expect(parties.json.authorizedParties.map((p) => p.party)).toEqual([ola, bakery]);
		expect(
			(
				await api.call('V1EndUserServiceResourcesSearch_AuthorizedServiceResources', {
					token: person,
					query: { party: bakery },
					headers: { 'Accept-Language': 'nb' },
				})
			).status,
		).toBe(200);

		const search = await api.call<
			Paginated<{ id: string; content: { title: { value: Array<{ languageCode: string }> } } }>
		>('V1EndUserDialogsQueriesSearch_Dialog', {
			token: person,
			query: {
				party: bakery,
				serviceResource: resources.demo.urn,
				orderBy: 'contentUpdatedAt_desc,dueAt_asc',
				limit: 1000,
			},
			headers: { 'Accept-Language': 'en;q=0.9, nb;q=0.5' },
		});
		expect(search.status).toBe(200);
		const item = search.json.items.find((i) => i.id === dialogId)!;
		expect(item.content.title.value.map((l) => l.languageCode)).toEqual(['en']);

		const details = await api.call<
			Dialog & { dialogToken: string; seenSinceLastUpdate: unknown[] }
		>('V1EndUserDialogsQueriesGet_Dialog', { token: person, params: { dialogId } });
		expect(details.status).toBe(200);
		expect(details.json.dialogToken).toMatch(/^eyJ/);

		const activities = await api.call<Array<{ id: string }>>(
			'V1EndUserDialogsQueriesSearchActivities_DialogActivity',
			{ token: person, params: { dialogId } },
		);
		expect(activities.json.length).toBeGreaterThan(0);
		expect(
			(
				await api.call('V1EndUserDialogsQueriesGetActivity_DialogActivity', {
					token: person,
					params: { dialogId, activityId },
				})
			).status,
		).toBe(200);
		const transmissions = await api.call<Array<{ id: string }>>(
			'V1EndUserDialogsQueriesSearchTransmissions_DialogTransmission',
			{ token: person, params: { dialogId } },
		);
		expect(transmissions.json.length).toBe(2);
		expect(
			(
				await api.call('V1EndUserDialogsQueriesGetTransmission_DialogTransmission', {
					token: person,
					params: { dialogId, transmissionId },
				})
			).status,
		).toBe(200);

		const seen = await api.call<Array<{ id: string; isCurrentEndUser: boolean }>>(
			'V1EndUserDialogsQueriesSearchSeenLogs_DialogSeenLog',
			{ token: person, params: { dialogId } },
		);
		expect(seen.json.some((s) => s.isCurrentEndUser)).toBe(true);
		const seenId = seen.json[0].id;
		expect(
			(
				await api.call('V1EndUserDialogsQueriesGetSeenLog_DialogSeenLog', {
					token: person,
					params: { dialogId, seenLogId: seenId },
				})
			).status,
		).toBe(200);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesSearchSeenLogs_DialogSeenLog', {
					token: so,
					params: { dialogId },
				})
			).status,
		).toBe(200);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesGetSeenLog_DialogSeenLog', {
					token: so,
					params: { dialogId, seenLogId: seenId },
				})
			).status,
		).toBe(200);

		const lookup = await api.call<{ authorizationEvidence: { viaRole: boolean } }>(
			'V1EndUserDialogLookupQueriesGet_DialogLookup',
			{ token: person, query: { instanceRef: `urn:altinn:dialog-id:${dialogId}` } },
		);
		expect(lookup.json.authorizationEvidence.viaRole).toBe(true);
	});

	it('end user: system labels, label log, bulk set', async () => {
		const d = (
			await api.call<Dialog>('V1EndUserDialogsQueriesGet_Dialog', {
				token: person,
				params: { dialogId },
			})
		).json;
		const set = await api.call(
			'V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels',
			{
				token: person,
				params: { dialogId },
				headers: { 'If-Match': d.endUserContext.revision },
				body: { addLabels: ['Bin'] },
			},
		);
		expect(set.status).toBe(204);
		const stale = await api.call(
			'V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels',
			{
				token: person,
				params: { dialogId },
				headers: { 'If-Match': d.endUserContext.revision },
				body: { addLabels: ['Archive'] },
			},
		);
		expect(stale.status).toBe(412);
		const log = await api.call<Array<{ name: string; action: string }>>(
			'V1EndUserEndUserContextQueriesSearchLabelAssignmentLogs_DialogLabelAssignmentLog',
			{ token: person, params: { dialogId } },
		);
		expect(log.json).toEqual(
			expect.arrayContaining([expect.objectContaining({ name: 'Bin', action: 'set' })]),
		);
		const bulk = await api.call(
			'V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels',
			{
				token: person,
				body: { dialogs: [{ dialogId }], removeLabels: ['Bin'] },
			},
		);
		expect(bulk.status).toBe(204);
	});

	it('end user (system user) sees only its owner organisation', async () => {
		const parties = await api.call<{ authorizedParties: Array<{ party: string }> }>(
			'V1EndUserAccessManagementQueriesGetParties_Parties',
			{ token: systemUser },
		);
		expect(parties.json.authorizedParties.map((p) => p.party)).toEqual([bakery]);
		const search = await api.call<Paginated<{ party: string }>>(
			'V1EndUserDialogsQueriesSearch_Dialog',
			{ token: systemUser, query: { limit: 1000 } },
		);
		expect(search.json.items.length).toBeGreaterThan(0);
		expect(new Set(search.json.items.map((i) => i.party))).toEqual(new Set([bakery]));
		expect(
			(
				await api.call('V1EndUserDialogsQueriesSearch_Dialog', {
					token: systemUser,
					query: { party: ola },
				})
			).status,
		).toBe(403);
	});

	it('service owner: freeze, delete, restore, purge', async () => {
		const second = (
			await api.call<string>('V1ServiceOwnerDialogsCommandsCreate_Dialog', {
				token: so,
				body: createBody({ transmissions: [], activities: [] }),
			})
		).json;
		const deleted = await api.call('V1ServiceOwnerDialogsCommandsDelete_Dialog', {
			token: so,
			params: { dialogId: second },
		});
		expect(deleted.status).toBe(204);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsCommandsDelete_Dialog', {
					token: so,
					params: { dialogId: second },
				})
			).status,
		).toBe(410);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesGet_Dialog', {
					token: so,
					params: { dialogId: second },
				})
			).status,
		).toBe(200);
		expect(
			(
				await api.call('V1EndUserDialogsQueriesSearchTransmissions_DialogTransmission', {
					token: person,
					params: { dialogId: second },
				})
			).status,
		).toBe(410);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsCommandsRestore_Dialog', {
					token: so,
					params: { dialogId: second },
				})
			).status,
		).toBe(204);
		expect(
			(
				await api.call('V1EndUserDialogsQueriesGet_Dialog', {
					token: person,
					params: { dialogId: second },
				})
			).status,
		).toBe(200);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsCommandsPurge_Dialog', {
					token: so,
					params: { dialogId: second },
				})
			).status,
		).toBe(204);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsQueriesGet_Dialog', {
					token: so,
					params: { dialogId: second },
				})
			).status,
		).toBe(404);

		const d = (
			await api.call<Dialog>('V1ServiceOwnerDialogsQueriesGet_Dialog', {
				token: so,
				params: { dialogId },
			})
		).json;
		const frozen = await api.call('V1ServiceOwnerDialogsCommandsFreeze_FreezeDialog', {
			token: so,
			params: { dialogId },
			headers: { 'If-Match': d.revision },
		});
		expect(frozen.status).toBe(204);
		expect(
			(
				await api.call('V1ServiceOwnerDialogsCommandsDelete_Dialog', {
					token: so,
					params: { dialogId },
				})
			).status,
		).toBe(403);
	});

	it('covered every operation with a successful call and found no violation', () => {
		const operations = [...api.validator.operations.keys()];
		expect(operations).toHaveLength(44);
		const missing = operations.filter(
			(op) => ![...(api.coverage.get(op) ?? [])].some((s) => s >= 200 && s < 300),
		);
		expect(missing).toEqual([]);
		expect(api.violations).toEqual([]);
		expect(local.specViolations).toEqual([]);
	});
});

/**
 * The Maskinporten and ID-porten credentials in n8n's own HTTP Request node (Authentication →
 * Predefined Credential Type), inside a real n8n (`n8n start`) with this package installed, against
 * the local Altinn stand-in: its correspondence-style message API and its scope-protected API
 * (`/protected-api/{scope}/...`, standing in for any other Maskinporten API).
 *
 * - n8n offers both credentials as predefined credential types of the HTTP Request node.
 * - Every grant type (client, system user, supplier), with and without the Altinn exchange, and
 *   ID-porten: the API sees the right token and caller; one grant per credential, reused. The
 *   HTTP Request node signs with the ID-porten token even when the exchange is switched on (n8n's
 *   OAuth2 support does the signing); an expired ID-porten token is refreshed once.
 * - 10 executions × 20 items cost one grant; an expired token costs one renewal, and each refused
 *   request is sent again once; an error that is not about the token costs no grant and no retry.
 * - The credential's "Allowed HTTP Request Domains" setting is honoured, for the API call and for
 *   the credential's own token request.
 * - The output audit at the end: no token in any output or error.
 */
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import {
	certificateClient,
	idPortenClient,
	organizations,
	orgUrn,
	persons,
	resources,
	serviceOwnerClient,
	supplierClient,
	systemUserClient,
	systemUsers,
} from '../../altinn-local/fixtures';
import { prepareN8n, type PreparedN8n } from './harness';
import {
	idPortenCredential,
	maskinportenCredential,
	SERVICE_OWNER_SCOPES,
	type MaskinportenFixture,
} from '../support/credentials';
import { OWNER, e2eLog, waitUntil } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';
import { emittedBy } from './support/n8n-api';
import { WebhookWorkflows } from './support/webhook-workflows';

jest.setTimeout(180_000);

/** Maskinporten and ID-porten access tokens of the short-lived stand-in live this long. */
const SHORT_SECONDS = 12;
const ITEMS = 20;
const RUNS = 10;

let altinn: AltinnLocal;
let shortLived: AltinnLocal;
let ctx: PreparedN8n;
let workflows: WebhookWorkflows;
const audit = new OutputAudit();

const bakery = orgUrn(organizations.bakery.orgNumber);

type Credential = { id: string; name: string };
type CredentialType = 'maskinportenApi' | 'idPortenOAuth2Api';

/** An HTTP Request node (typeVersion 4.2, run by its V3 code as every 4.x) with a predefined credential type. */
function httpRequest(
	name: string,
	credentialType: CredentialType,
	credential: Credential,
	url: string,
	options: { continueOnError?: boolean } = {},
) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: url.includes('{{') ? `=${url}` : url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credentialType,
			options: {},
		},
		credentials: { [credentialType]: credential },
		...(options.continueOnError ? { onError: 'continueRegularOutput' } : {}),
	};
}

const items = (count: number) => ({
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { i } }));` },
});

/** The paths the protected API answers for `count` items (sorted as strings). */
const itemPaths = (count: number) => Array.from({ length: count }, (_, i) => `/items/${i}`).sort();

/** A URL of the scope-protected API that demands `scope`. */
const protectedUrl = (local: AltinnLocal, scope: string, path: string) =>
	`${local.urls.protectedApi}/${encodeURIComponent(scope)}/${path}`;

/**
 * The credentials this file uses, imported through n8n's CLI before n8n starts; their data is
 * built then, once the stand-ins run.
 */
type CredentialData = () => Record<string, unknown> | Promise<Record<string, unknown>>;
const planned: Array<{ id: string; name: string; type: CredentialType; data: CredentialData }> = [];
function credential(
	id: string,
	name: string,
	type: CredentialType,
	data: CredentialData,
): Credential {
	planned.push({ id, name, type, data });
	return { id, name };
}
const maskinporten = (
	id: string,
	name: string,
	local: () => AltinnLocal,
	fixture: MaskinportenFixture,
	overrides: Record<string, unknown>,
) =>
	credential(id, name, 'maskinportenApi', () =>
		maskinportenCredential(local(), fixture, overrides as never),
	);

const CORRESPONDENCE_SCOPE = 'altinn:correspondence.read';

/** One row per credential flavour: its scopes, the scope the protected API asks of it, and the caller the APIs must see. */
const flavours = [
	{
		label: 'Maskinporten client (service owner)',
		credential: maskinporten('hrClient', 'Client', () => altinn, 'serviceOwner', {
			scopes: `${SERVICE_OWNER_SCOPES} ${CORRESPONDENCE_SCOPE}`,
		}),
		clientId: serviceOwnerClient.clientId,
		scope: 'digdir:dialogporten.serviceprovider',
		issuer: 'maskinporten',
		caller: { consumerOrg: organizations.serviceOwner.orgNumber },
		reads: true,
	},
	{
		label: 'Maskinporten client, Altinn exchange',
		credential: maskinporten(
			'hrClientAltinn',
			'Client, Altinn token',
			() => altinn,
			'serviceOwner',
			{
				scopes: `${SERVICE_OWNER_SCOPES} ${CORRESPONDENCE_SCOPE} altinn:serviceowner`,
				exchangeToAltinn: true,
			},
		),
		clientId: serviceOwnerClient.clientId,
		scope: 'digdir:dialogporten.serviceprovider',
		issuer: 'altinn',
		caller: { consumerOrg: organizations.serviceOwner.orgNumber },
		reads: true,
	},
	{
		label: 'Maskinporten system user',
		credential: maskinporten('hrSysUser', 'System user', () => altinn, 'systemUser', {
			scopes: `digdir:dialogporten ${CORRESPONDENCE_SCOPE}`,
		}),
		clientId: systemUserClient.clientId,
		scope: 'digdir:dialogporten',
		issuer: 'maskinporten',
		caller: {
			systemUserId: systemUsers.bakery.id,
			systemUserOwnerOrg: systemUsers.bakery.ownerOrg,
		},
		reads: true,
	},
	{
		label: 'Maskinporten system user, Altinn exchange',
		credential: maskinporten(
			'hrSysUserAltinn',
			'System user, Altinn token',
			() => altinn,
			'systemUser',
			{
				scopes: `digdir:dialogporten ${CORRESPONDENCE_SCOPE} altinn:events.subscribe`,
				exchangeToAltinn: true,
			},
		),
		clientId: systemUserClient.clientId,
		scope: 'digdir:dialogporten',
		issuer: 'altinn',
		caller: {
			systemUserId: systemUsers.bakery.id,
			systemUserOwnerOrg: systemUsers.bakery.ownerOrg,
		},
		reads: true,
	},
	// The service owner delegated only the Dialogporten scopes to its supplier: the message API
	// refuses the supplier (403), which costs no grant and is not retried.
	{
		label: 'Maskinporten supplier',
		credential: maskinporten('hrSupplier', 'Supplier', () => altinn, 'supplier', {
			scopes: SERVICE_OWNER_SCOPES,
		}),
		clientId: supplierClient.clientId,
		scope: 'digdir:dialogporten.serviceprovider',
		issuer: 'maskinporten',
		caller: {
			consumerOrg: organizations.serviceOwner.orgNumber,
			supplierOrg: organizations.supplier.orgNumber,
		},
		reads: false,
	},
	{
		label: 'Maskinporten supplier, Altinn exchange',
		credential: maskinporten(
			'hrSupplierAltinn',
			'Supplier, Altinn token',
			() => altinn,
			'supplier',
			{
				scopes: 'digdir:dialogporten.serviceprovider',
				exchangeToAltinn: true,
			},
		),
		clientId: supplierClient.clientId,
		scope: 'digdir:dialogporten.serviceprovider',
		issuer: 'altinn',
		caller: {
			consumerOrg: organizations.serviceOwner.orgNumber,
			supplierOrg: organizations.supplier.orgNumber,
		},
		reads: false,
	},
] as const;

const ID_PORTEN_SCOPE = `openid digdir:dialogporten ${CORRESPONDENCE_SCOPE}`;

/** ID-porten, connected as OLA NORDMANN: the token set n8n stores after "Connect my account". */
const idPorten = (
	id: string,
	name: string,
	local: () => AltinnLocal,
	extra: Record<string, unknown> = {},
) =>
	credential(id, name, 'idPortenOAuth2Api', async () => ({
		...idPortenCredential(local(), {
			scope: ID_PORTEN_SCOPE,
			oauthTokenData: {
				...(await local().idporten.login({ pid: persons.ola.pid, scope: ID_PORTEN_SCOPE })),
			},
		}),
		...extra,
	}));
const idPortenPlain = idPorten('hrIdPorten', 'ID-porten', () => altinn);
const idPortenExchange = idPorten(
	'hrIdPortenExchange',
	'ID-porten, exchange switched on',
	() => altinn,
	{ exchangeToAltinn: true },
);
const idPortenExpiring = idPorten(
	'hrIdPortenExpiring',
	'ID-porten, short-lived tokens',
	() => shortLived,
);
const idPortenDomains = idPorten(
	'hrIdPortenDomains',
	'ID-porten, allowed: 127.0.0.1',
	() => altinn,
	{
		allowedHttpRequestDomains: 'domains',
		allowedDomains: '127.0.0.1',
	},
);

const grantsCredential = maskinporten(
	'hrGrants',
	'Grants',
	() => altinn,
	'systemUserWithExternalRef',
	{
		scopes: 'digdir:dialogporten',
	},
);
const expiringCredential = maskinporten(
	'hrExpiring',
	'Expiring',
	() => shortLived,
	'serviceOwner',
	{
		scopes: 'digdir:dialogporten.serviceprovider',
	},
);
const domainsCredential = maskinporten(
	'hrDomains',
	'Allowed: 127.0.0.1',
	() => altinn,
	'certificate',
	{
		scopes: 'digdir:dialogporten.serviceprovider',
		allowedHttpRequestDomains: 'domains',
		allowedDomains: '127.0.0.1',
	},
);
const noDomainsCredential = maskinporten(
	'hrNoDomains',
	'Allowed: none',
	() => altinn,
	'certificate',
	{
		scopes: 'digdir:dialogporten.serviceprovider.search',
		allowedHttpRequestDomains: 'none',
	},
);
const tokenHostCredential = maskinporten(
	'hrTokenHost',
	'Allowed: localhost',
	() => altinn,
	'certificate',
	{
		scopes: 'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search',
		allowedHttpRequestDomains: 'domains',
		allowedDomains: 'localhost',
	},
);

let dialogId = '';

beforeAll(async () => {
	altinn = audit.watch(
		await startAltinnLocal({
			port: 0,
			quiet: true,
			seedDialogs: 30,
			// Long enough that no token of this stand-in expires while the file runs.
			tokenLifetimeSeconds: { maskinporten: 900, idporten: 900 },
		}),
	);
	shortLived = audit.watch(
		await startAltinnLocal({
			port: 0,
			quiet: true,
			seedDialogs: 0,
			tokenLifetimeSeconds: { maskinporten: SHORT_SECONDS, idporten: SHORT_SECONDS },
		}),
	);
	// A dialog of BAKERIET ÅS AS, found as the service owner (before any test counts grants).
	const { access_token: finder } = await altinn.tokens.maskinporten(serviceOwnerClient, {
		scope: SERVICE_OWNER_SCOPES,
	});
	const search = await fetch(
		`${altinn.urls.dialogporten}/api/v1/serviceowner/dialogs?party=${encodeURIComponent(bakery)}&serviceResource=${encodeURIComponent(resources.demo.urn)}&limit=1`,
		{ headers: { authorization: `Bearer ${finder}` } },
	);
	dialogId = ((await search.json()) as { items: Array<{ id: string }> }).items[0].id;

	ctx = await prepareN8n({ log: e2eLog });
	const credentials = [];
	for (const { id, name, type, data } of planned)
		credentials.push({ id, name, type, data: await data() });
	await ctx.n8n.importCredentials(credentials);
	await ctx.n8n.start();
	await ctx.n8n.setupOwner(OWNER);
	workflows = new WebhookWorkflows(ctx.n8n, await ctx.n8n.createApiKey('http-request-e2e'));
}, 30 * 60_000);

afterAll(async () => {
	await ctx?.n8n.dispose();
	await altinn?.stop();
	await shortLived?.stop();
});

test('n8n offers both credentials as predefined credential types of the HTTP Request node, with the Allowed HTTP Request Domains setting', async () => {
	type Description = { properties: Array<{ name: string; credentialTypes?: string[] }> };
	type CredentialDescription = {
		name: string;
		hidden?: boolean;
		restrictToSupportedNodes?: boolean;
		authenticate?: unknown;
		extends?: string[];
		properties: Array<{ name: string }>;
	};
	// The HTTP Request node's description as n8n serves it to its editor.
	const nodes = await ctx.n8n.rest<Description[]>('POST', 'node-types', {
		nodeInfos: [{ name: 'n8n-nodes-base.httpRequest', version: 4.2 }],
	});
	const credentials = await ctx.n8n.authenticatedGet<CredentialDescription[]>(
		`${ctx.n8n.baseUrl}/types/credentials.json`,
	);
	// The editor lists in "Credential Type" every credential type that matches one of these rules
	// and is neither hidden nor restricted to its own nodes.
	const selector = nodes.flatMap((n) => n.properties).find((p) => p.name === 'nodeCredentialType');
	expect(selector?.credentialTypes).toEqual(
		expect.arrayContaining(['extends:oAuth2Api', 'has:authenticate']),
	);
	const maskinportenType = credentials.find((c) => c.name === 'maskinportenApi');
	const idPortenType = credentials.find((c) => c.name === 'idPortenOAuth2Api');
	expect(maskinportenType?.authenticate).toBeDefined();
	expect(idPortenType?.extends).toContain('oAuth2Api');
	for (const type of [maskinportenType, idPortenType]) {
		expect(type?.hidden).toBeFalsy();
		expect(type?.restrictToSupportedNodes).toBeFalsy();
		expect(type?.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining(['allowedHttpRequestDomains', 'allowedDomains']),
		);
	}
});

describe.each(flavours)('$label', (flavour) => {
	const path = `hr-${flavour.credential.id.toLowerCase()}`;
	let workflowId: string;
	const grants = () => altinn.stats.maskinportenGrants(flavour.clientId);
	const exchanges = () => altinn.stats.exchanges('maskinporten');

	beforeAll(async () => {
		workflowId = await workflows.activate(`HTTP Request: ${flavour.label}`, path, [
			httpRequest(
				'Protected API',
				'maskinportenApi',
				flavour.credential,
				protectedUrl(altinn, flavour.scope, 'n8n/check?from=http-request'),
			),
			httpRequest(
				'Message API',
				'maskinportenApi',
				flavour.credential,
				`${altinn.urls.correspondence}/correspondence/${dialogId}/content`,
				{ continueOnError: !flavour.reads },
			),
		]);
	});

	test('calls the scope-protected API and the message API with the token it was configured for; one grant, reused', async () => {
		for (const run of [1, 2]) {
			const before = { grants: grants(), exchanges: exchanges() };
			const [answer] = await workflows.runOk(path);
			const execution = await workflows.newestExecution(workflowId, run - 1);
			const [called] = emittedBy(execution, 'Protected API');
			expect(called).toMatchObject({
				method: 'GET',
				path: '/n8n/check',
				query: { from: 'http-request' },
				caller: { issuer: flavour.issuer, clientId: flavour.clientId, ...flavour.caller },
			});
			expect((called.caller as { scopes: string[] }).scopes).toContain(flavour.scope);
			if (flavour.reads)
				expect(answer).toMatchObject({
					correspondenceId: dialogId,
					recipient: bakery,
					status: expect.stringMatching(/^(Published|Confirmed)$/),
				});
			else {
				// continueOnError: the refusal is the item, named by its status.
				expect(JSON.stringify(answer.error)).toContain('403');
				expect(answer).not.toHaveProperty('correspondenceId');
			}
			expect({
				grants: grants() - before.grants,
				exchanges: exchanges() - before.exchanges,
			}).toEqual({
				grants: run === 1 ? 1 : 0,
				exchanges: run === 1 && flavour.issuer === 'altinn' ? 1 : 0,
			});
		}
		e2eLog(
			`${flavour.label}: the APIs got the token ${flavour.issuer} issued; 1 grant for 2 runs${flavour.reads ? '' : ' (the message API refused it: 403, no new grant)'}`,
		);
	});
});

describe('ID-porten', () => {
	const refreshes = () => altinn.stats.idportenTokens('refresh_token');

	test.each([
		['without', idPortenPlain],
		['with', idPortenExchange],
	])(
		"%s the exchange switched on: n8n's OAuth2 signs the call with the person's ID-porten token",
		async (_, credentialRef) => {
			const path = `hr-${credentialRef.id.toLowerCase()}`;
			const workflowId = await workflows.activate(`HTTP Request: ${credentialRef.name}`, path, [
				httpRequest(
					'Protected API',
					'idPortenOAuth2Api',
					credentialRef,
					protectedUrl(altinn, 'digdir:dialogporten', 'me'),
				),
				httpRequest(
					'Message API',
					'idPortenOAuth2Api',
					credentialRef,
					`${altinn.urls.correspondence}/correspondence/${dialogId}/content`,
				),
			]);
			const before = { refreshes: refreshes(), exchanges: altinn.stats.exchanges('id-porten') };
			const [answer] = await workflows.runOk(path);
			const [called] = emittedBy(await workflows.newestExecution(workflowId, 0), 'Protected API');
			// The HTTP Request node uses n8n's OAuth2 support, which sends the ID-porten token: the
			// credential's exchange switch applies to this package's nodes only.
			expect(called.caller).toMatchObject({
				issuer: 'idporten',
				clientId: idPortenClient.clientId,
				pid: persons.ola.pid,
			});
			expect(answer).toMatchObject({ correspondenceId: dialogId, recipient: bakery });
			expect({
				refreshes: refreshes() - before.refreshes,
				exchanges: altinn.stats.exchanges('id-porten') - before.exchanges,
			}).toEqual({ refreshes: 0, exchanges: 0 });
		},
	);

	test(`after the access token expires: one refresh for ${ITEMS} items in flight, each refused request sent again once`, async () => {
		const path = 'hr-idporten-expiring';
		await workflows.activate('HTTP Request: ID-porten, expired token', path, [
			items(ITEMS),
			httpRequest(
				'Protected API',
				'idPortenOAuth2Api',
				idPortenExpiring,
				protectedUrl(shortLived, 'digdir:dialogporten', 'items/{{ $json.i }}'),
			),
		]);
		const shortRefreshes = () => shortLived.stats.idportenTokens('refresh_token');
		const shortRequests = () => shortLived.stats.requests('/protected-api');
		for (let round = 1; round <= 2; round++) {
			const issued = shortLived.tokens.issued('idporten');
			const exp = JSON.parse(
				Buffer.from(issued[issued.length - 1].token.split('.')[1], 'base64url').toString('utf8'),
			).exp as number;
			await waitUntil(
				'the ID-porten token to expire',
				async () => Date.now() >= exp * 1000 + 200,
				(SHORT_SECONDS + 5) * 1000,
			);
			const before = { refreshes: shortRefreshes(), requests: shortRequests() };
			const answered = await workflows.runOk(path);
			expect(answered.map((a) => a.path).sort()).toEqual(itemPaths(ITEMS));
			const requests = shortRequests() - before.requests;
			// n8n 2.41 refreshes an OAuth2 token once per credential however many requests were
			// refused (ID-porten may take a refresh token only once), then sends each of them again.
			expect(shortRefreshes() - before.refreshes).toBe(1);
			expect(requests).toBeGreaterThan(ITEMS);
			expect(requests).toBeLessThanOrEqual(2 * ITEMS);
			e2eLog(
				`ID-porten, expired token (round ${round}): 1 refresh; ${requests - ITEMS} of ${ITEMS} requests refused and sent again once`,
			);
		}
	});

	test('a domain not in the allowed list is refused before anything is sent', async () => {
		const path = 'hr-idporten-domains';
		const workflowId = await workflows.activate('HTTP Request: ID-porten, refused domain', path, [
			httpRequest(
				'Protected API',
				'idPortenOAuth2Api',
				idPortenDomains,
				protectedUrl(altinn, 'digdir:dialogporten', 'me').replace('://127.0.0.1:', '://localhost:'),
			),
		]);
		const before = altinn.stats.requests('/protected-api');
		expect((await workflows.run(path)).status).toBe(500);
		const execution = await workflows.newestExecution(workflowId, 0);
		expect(execution.data?.resultData.runData['Protected API']?.[0]?.error?.message).toContain(
			'Domain not allowed: This credential is restricted from accessing localhost',
		);
		expect(altinn.stats.requests('/protected-api') - before).toBe(0);
	});
});

describe('grants', () => {
	const grants = () => altinn.stats.maskinportenGrants(systemUserClient.clientId);
	const requests = () => altinn.stats.requests('/protected-api');

	test(`${RUNS} executions × ${ITEMS} items on one credential cost one grant`, async () => {
		const path = 'hr-grants';
		await workflows.activate('HTTP Request: grants', path, [
			items(ITEMS),
			httpRequest(
				'Protected API',
				'maskinportenApi',
				grantsCredential,
				protectedUrl(altinn, 'digdir:dialogporten', 'items/{{ $json.i }}'),
			),
		]);
		const before = { grants: grants(), requests: requests() };
		for (let run = 0; run < RUNS; run++) {
			const answered = await workflows.runOk(path);
			expect(answered.map((a) => a.path).sort()).toEqual(itemPaths(ITEMS));
			for (const a of answered)
				expect(a.caller).toMatchObject({
					systemUserId: systemUsers.accountant.id,
					systemUserOwnerOrg: systemUsers.accountant.ownerOrg,
				});
		}
		expect({ grants: grants() - before.grants, requests: requests() - before.requests }).toEqual({
			grants: 1,
			requests: RUNS * ITEMS,
		});
		e2eLog(`${RUNS} executions × ${ITEMS} items: ${RUNS * ITEMS} requests, 1 grant`);
	});

	test(`an expired token costs one renewal, and each of the ${ITEMS} refused requests is retried once`, async () => {
		const path = 'hr-expiring';
		await workflows.activate('HTTP Request: expiring token', path, [
			items(ITEMS),
			httpRequest(
				'Protected API',
				'maskinportenApi',
				expiringCredential,
				protectedUrl(shortLived, 'digdir:dialogporten.serviceprovider', 'items/{{ $json.i }}'),
			),
		]);
		const shortGrants = () => shortLived.stats.maskinportenGrants(serviceOwnerClient.clientId);
		const shortRequests = () => shortLived.stats.requests('/protected-api');
		const run = async () => {
			const before = { grants: shortGrants(), requests: shortRequests() };
			const answered = await workflows.runOk(path);
			expect(answered.map((a) => a.path).sort()).toEqual(itemPaths(ITEMS));
			return { grants: shortGrants() - before.grants, requests: shortRequests() - before.requests };
		};
		expect(await run()).toEqual({ grants: 1, requests: ITEMS });
		const issued = shortLived.tokens.issued('maskinporten');
		const exp = JSON.parse(
			Buffer.from(issued[issued.length - 1].token.split('.')[1], 'base64url').toString('utf8'),
		).exp as number;
		await waitUntil(
			'the Maskinporten token to expire',
			async () => Date.now() >= exp * 1000 + 200,
			(SHORT_SECONDS + 5) * 1000,
		);
		// n8n sends the stored token; the API refuses it (401); n8n asks the credential for a new
		// one and sends that request again. Requests n8n starts after the new token is stored carry
		// it at once, so how many were refused depends on timing; each item is answered once.
		const renewed = await run();
		expect(renewed.grants).toBe(1);
		expect(renewed.requests).toBeGreaterThan(ITEMS);
		expect(renewed.requests).toBeLessThanOrEqual(2 * ITEMS);
		expect(await run()).toEqual({ grants: 0, requests: ITEMS });
		e2eLog(
			`expired token: 1 grant; ${renewed.requests - ITEMS} of ${ITEMS} requests refused and sent again once`,
		);
	});

	test('an error that is not about the token (403, 404) costs no grant and is not retried', async () => {
		const path = 'hr-refused';
		await workflows.activate('HTTP Request: refused', path, [
			items(3),
			{
				...httpRequest(
					'Wrong scope',
					'maskinportenApi',
					grantsCredential,
					protectedUrl(altinn, 'altinn:serviceowner', 'x'),
					{ continueOnError: true },
				),
			},
			{
				...httpRequest(
					'Unknown message',
					'maskinportenApi',
					grantsCredential,
					`${altinn.urls.correspondence}/correspondence/00000000-0000-7000-8000-000000000000/content`,
					{ continueOnError: true },
				),
			},
		]);
		const before = {
			grants: grants(),
			protected: requests(),
			messages: altinn.stats.requests('/platform/correspondence'),
		};
		const answered = await workflows.runOk(path);
		expect(answered).toHaveLength(3);
		for (const a of answered) expect(JSON.stringify(a.error)).toMatch(/404|Not Found/);
		expect({
			grants: grants() - before.grants,
			protected: requests() - before.protected,
			messages: altinn.stats.requests('/platform/correspondence') - before.messages,
		}).toEqual({ grants: 0, protected: 3, messages: 3 });
	});
});

describe('Allowed HTTP Request Domains', () => {
	const grants = () => altinn.stats.maskinportenGrants(certificateClient.clientId);
	const viaLocalhost = (url: string) => url.replace('://127.0.0.1:', '://localhost:');

	test('a domain in the list is called; one that is not is refused before anything is sent', async () => {
		const allowed = 'hr-domain-allowed';
		await workflows.activate('HTTP Request: allowed domain', allowed, [
			httpRequest(
				'Protected API',
				'maskinportenApi',
				domainsCredential,
				protectedUrl(altinn, 'digdir:dialogporten.serviceprovider', 'allowed'),
			),
		]);
		const [answer] = await workflows.runOk(allowed);
		expect(answer).toMatchObject({
			path: '/allowed',
			caller: { clientId: certificateClient.clientId },
		});

		const refused = 'hr-domain-refused';
		const workflowId = await workflows.activate('HTTP Request: refused domain', refused, [
			httpRequest(
				'Protected API',
				'maskinportenApi',
				domainsCredential,
				viaLocalhost(protectedUrl(altinn, 'digdir:dialogporten.serviceprovider', 'refused')),
			),
		]);
		const before = { grants: grants(), requests: altinn.stats.requests('/protected-api') };
		const result = await workflows.run(refused);
		expect(result.status).toBe(500);
		const execution = await workflows.newestExecution(workflowId, 0);
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData.runData['Protected API']?.[0]?.error;
		expect(error?.message).toContain(
			'Domain not allowed: This credential is restricted from accessing localhost',
		);
		expect({
			grants: grants() - before.grants,
			requests: altinn.stats.requests('/protected-api') - before.requests,
		}).toEqual({ grants: 0, requests: 0 });
		e2eLog(`refused: ${error?.message}`);
	});

	test('"None" keeps the credential out of the HTTP Request node', async () => {
		const path = 'hr-domain-none';
		const workflowId = await workflows.activate('HTTP Request: no domains', path, [
			httpRequest(
				'Protected API',
				'maskinportenApi',
				noDomainsCredential,
				protectedUrl(altinn, 'digdir:dialogporten.serviceprovider.search', 'none'),
			),
		]);
		const before = { grants: grants(), requests: altinn.stats.requests('/protected-api') };
		expect((await workflows.run(path)).status).toBe(500);
		const execution = await workflows.newestExecution(workflowId, 0);
		expect(execution.data?.resultData.runData['Protected API']?.[0]?.error?.message).toBe(
			'This credential is configured to prevent use within an HTTP Request or GraphQL node',
		);
		expect({
			grants: grants() - before.grants,
			requests: altinn.stats.requests('/protected-api') - before.requests,
		}).toEqual({ grants: 0, requests: 0 });
	});

	test("the list also governs the credential's own token request: Maskinporten's host must be in it", async () => {
		const path = 'hr-domain-token-host';
		const workflowId = await workflows.activate('HTTP Request: token host not allowed', path, [
			httpRequest(
				'Protected API',
				'maskinportenApi',
				tokenHostCredential,
				viaLocalhost(protectedUrl(altinn, 'digdir:dialogporten.serviceprovider', 'token-host')),
			),
		]);
		const before = {
			grants: grants(),
			tokenRequests: altinn.stats.requests('/maskinporten/token'),
		};
		expect((await workflows.run(path)).status).toBe(500);
		const execution = await workflows.newestExecution(workflowId, 0);
		const message = execution.data?.resultData.runData['Protected API']?.[0]?.error?.message;
		expect(message).toContain('Domain not allowed');
		expect(message).toContain('127.0.0.1');
		expect({
			grants: grants() - before.grants,
			tokenRequests: altinn.stats.requests('/maskinporten/token') - before.tokenRequests,
		}).toEqual({ grants: 0, tokenRequests: 0 });
		e2eLog(`token request refused: ${message}`);
	});
});

auditOutputs(audit, () => [ctx?.n8n]);

/**
 * Authentication inside a real n8n (`n8n start`), against the local Altinn stand-in.
 *
 * ID-porten: an `idPortenOAuth2Api` credential (environment Custom) is created through n8n's public
 * API and connected through n8n's own OAuth2 flow, driven the way the editor and a browser drive it:
 * n8n's `/rest/oauth2-credential/auth` gives the authorization URL, the stand-in's login page is
 * consented, and n8n's callback gets the code with the owner's session cookies (n8n runs with its
 * OAuth browser binding on, so only the browser that asked may deliver the code). The Dialogporten
 * node then works as that person; after the access token expires n8n refreshes it once per run and
 * keeps the rotated refresh token. With the Altinn exchange on, the API calls carry an Altinn token.
 *
 * Maskinporten: a token Altinn stops accepting (revoked) costs exactly one new grant and one retry,
 * in the n8n server (the process keeps the token) and across `n8n execute` processes (the token is
 * persisted in the credential).
 */
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import { CLOCK_SKEW_SECONDS } from '../../altinn-local/tokens';
import {
	idPortenClient,
	organizations,
	orgUrn,
	persons,
	personUrn,
	resources,
	serviceOwnerClient,
	supplierClient,
} from '../../altinn-local/fixtures';
import { nodeItems, prepareN8n, type PreparedN8n, type WorkflowFile } from './harness';
import { maskinportenCredential, ID_PORTEN_SCOPES } from '../support/credentials';
import { OWNER, chainWorkflow, e2eLog, ours, waitUntil } from './support/harness';
import {
	claimsOf,
	connectAccount as connectAccountIn,
	idPortenForm,
	latestIdPortenAccessToken,
	oauthCallbackUrl,
	partiesThenSearch,
} from './support/idporten';
import {
	PublicApi,
	credentialState as credentialStateIn,
	runWebhook as runWebhookIn,
	webhookWorkflow,
	without,
	type SavedCredential,
} from './support/n8n-api';
import { OutputAudit, auditOutputs } from './support/output-audit';

jest.setTimeout(180_000);

/** ID-porten access tokens of the short-lived stand-in live this long. */
const SHORT_ID_PORTEN_SECONDS = 10;
const K = 5;

let altinn: AltinnLocal;
let shortLived: AltinnLocal;
let ctx: PreparedN8n;
let apiKey: string;
const audit = new OutputAudit();

const bakery = orgUrn(organizations.bakery.orgNumber);
const ola = personUrn(persons.ola.pid);

type Credential = SavedCredential;

let api: PublicApi;
const publicApi = <T>(method: string, path: string, body?: unknown) =>
	api.call<T>(method, path, body);
const createCredential = (name: string, type: string, data: Record<string, unknown>) =>
	api.createCredential(name, type, data);
const credentialState = (id: string) => credentialStateIn(ctx.n8n, id);
const activateWebhookWorkflow = (workflow: WorkflowFile, path: string) =>
	api.activateWebhookWorkflow(workflow, path);
const runWebhook = (path: string) => runWebhookIn(ctx.n8n, path);
const connectAccount = (
	local: AltinnLocal,
	credential: Credential,
	pid: string,
	options?: { otherBrowser?: boolean },
) => connectAccountIn(ctx.n8n, local, credential, pid, options);
const callbackUrl = () => oauthCallbackUrl(ctx.n8n);

/** Maskinporten credential data as a person fills in the form (the hidden token field is n8n's to fill). */
function maskinportenForm(
	fixture: Parameters<typeof maskinportenCredential>[1],
): Record<string, unknown> {
	return without(maskinportenCredential(altinn, fixture), ['accessToken']);
}

beforeAll(async () => {
	altinn = audit.watch(await startAltinnLocal({ port: 0, quiet: true }));
	shortLived = audit.watch(
		await startAltinnLocal({
			port: 0,
			quiet: true,
			tokenLifetimeSeconds: { idporten: SHORT_ID_PORTEN_SECONDS },
		}),
	);
	// The browser-binding cookie makes n8n's callback accept only the browser that started the flow.
	ctx = await prepareN8n({ log: e2eLog, env: { N8N_OAUTH_BROWSER_BINDING: 'true' } });
	for (const local of [altinn, shortLived]) local.idporten.addRedirectUri(callbackUrl());
	await ctx.n8n.start();
	await ctx.n8n.setupOwner(OWNER);
	apiKey = await ctx.n8n.createApiKey('auth-e2e');
	api = new PublicApi(ctx.n8n, apiKey);
}, 30 * 60_000);

afterAll(async () => {
	await ctx?.n8n.dispose();
	await altinn?.stop();
	await shortLived?.stop();
});

/** The items each node of the newest execution of a workflow emitted (n8n saves it right after the webhook answers). */
async function lastExecution(
	workflowId: string,
	runsBefore: number,
): Promise<Record<string, Array<Record<string, unknown>>>> {
	type Execution = {
		id: string;
		workflowId: string;
		status: string;
		data?: {
			resultData: {
				runData: Record<
					string,
					Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>
				>;
			};
		};
	};
	const runs = await waitUntil('the execution to be saved', async () => {
		const list = (await ctx.n8n.allExecutions<Execution>(apiKey, true)).filter(
			(e) => e.workflowId === workflowId && e.status !== 'running' && e.status !== 'new',
		);
		return list.length > runsBefore && list;
	});
	const newest = runs.sort((a, b) => Number(b.id) - Number(a.id))[0];
	const items: Record<string, Array<Record<string, unknown>>> = {};
	for (const [node, nodeRuns] of Object.entries(newest.data?.resultData.runData ?? {}))
		items[node] = (nodeRuns[0]?.data?.main?.[0] ?? []).map((i) => i.json);
	return items;
}

describe('ID-porten OAuth2 in n8n', () => {
	let credential: Credential;
	let workflowId: string;
	/** Dialogporten requests of a run that needs no refresh: parties, then one search per party. */
	let requestsPerRun = 0;
	const path = 'idporten-parties-search';
	const endUserRequests = () => shortLived.stats.requests('/dialogporten/api/v1/enduser');

	beforeAll(async () => {
		credential = await createCredential(
			'ID-porten (short-lived tokens)',
			'idPortenOAuth2Api',
			idPortenForm(shortLived, { scope: 'openid digdir:dialogporten' }),
		);
	});

	test("n8n's authorization URL carries what ID-porten requires: PKCE S256, state, nonce and acr_values", async () => {
		const authorizeUrl = new URL(
			await ctx.n8n.rest<string>('GET', `oauth2-credential/auth?id=${credential.id}`),
		);
		const again = new URL(
			await ctx.n8n.rest<string>('GET', `oauth2-credential/auth?id=${credential.id}`),
		);
		const q = authorizeUrl.searchParams;
		// Environment Custom: the authorize endpoint comes from the credential's own field.
		expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(
			shortLived.urls.idporten.authorize,
		);
		expect(q.get('client_id')).toBe(idPortenClient.clientId);
		expect(q.get('redirect_uri')).toBe(callbackUrl());
		expect(q.get('response_type')).toBe('code');
		expect(q.get('scope')).toBe('openid digdir:dialogporten');
		expect(q.get('code_challenge_method')).toBe('S256');
		expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(q.get('state')).toBeTruthy();
		expect(q.get('nonce')).toMatch(/^[a-z0-9]{8,}$/);
		expect(q.get('acr_values')).toBe('idporten-loa-substantial');
		// Each authorization request gets its own nonce, state and challenge.
		expect(again.searchParams.get('nonce')).not.toBe(q.get('nonce'));
		expect(again.searchParams.get('state')).not.toBe(q.get('state'));
		expect(again.searchParams.get('code_challenge')).not.toBe(q.get('code_challenge'));
		e2eLog(`authorization URL parameters: ${[...q.keys()].join(', ')}`);
	});

	test('the environments Test and Production point n8n at ID-porten TEST and ID-porten', async () => {
		for (const [environment, authorize] of [
			['test', 'https://login.test.idporten.no/authorize'],
			['production', 'https://login.idporten.no/authorize'],
		]) {
			const form = without(idPortenForm(shortLived, {}), [
				'customAuthUrl',
				'customAccessTokenUrl',
				'platformUrl',
				'dialogportenUrl',
				'inboxUrl',
			]);
			const other = await createCredential(`ID-porten ${environment}`, 'idPortenOAuth2Api', {
				...form,
				environment,
			});
			const url = new URL(
				await ctx.n8n.rest<string>('GET', `oauth2-credential/auth?id=${other.id}`),
			);
			expect(`${url.origin}${url.pathname}`).toBe(authorize);
			expect(url.searchParams.get('nonce')).toMatch(/^[a-z0-9]{8,}$/);
			await publicApi('DELETE', `credentials/${other.id}`);
		}
	});

	test("consenting at ID-porten and n8n's callback connect the credential; a callback from another browser is refused", async () => {
		expect(await credentialState(credential.id)).not.toHaveProperty('oauthTokenData');
		const codesBefore = shortLived.stats.idportenTokens('authorization_code');
		// The code delivered to n8n's callback without the cookies of the browser that asked for it.
		const stolen = await connectAccount(shortLived, credential, persons.ola.pid, {
			otherBrowser: true,
		});
		const refusal = /This OAuth flow was started in a different browser[^<]*/.exec(
			stolen.callbackPage,
		)?.[0];
		expect(refusal).toBeDefined();
		e2eLog(`callback without the browser's cookies: "${refusal}"`);
		expect(shortLived.stats.idportenTokens('authorization_code')).toBe(codesBefore);
		expect(await credentialState(credential.id)).not.toHaveProperty('oauthTokenData');

		const consent = await connectAccount(shortLived, credential, persons.ola.pid);
		expect(consent.callbackStatus).toBe(200);
		expect(consent.callbackPage).not.toMatch(/error/i);
		// n8n redeemed the code with its PKCE verifier (the stand-in checks it against the challenge).
		expect(shortLived.stats.idportenTokens('authorization_code')).toBe(codesBefore + 1);
		expect(await credentialState(credential.id)).toMatchObject({ oauthTokenData: true });
	});

	test('the Dialogporten node lists the parties and searches their dialogs as the person', async () => {
		workflowId = await activateWebhookWorkflow(
			webhookWorkflow('ID-porten: parties, search', path, partiesThenSearch(credential)),
			path,
		);
		const refreshesBefore = shortLived.stats.idportenTokens('refresh_token');
		const { exp } = claimsOf(latestIdPortenAccessToken(shortLived).token);
		const requestsBefore = endUserRequests();
		const found = await runWebhook(path);
		const finishedAt = Date.now();
		const { Parties: parties } = await lastExecution(workflowId, 0);
		expect(parties.map((p) => p.party).sort()).toEqual([bakery, ola].sort());
		expect(found.length).toBeGreaterThan(0);
		for (const dialog of found) {
			expect([ola, bakery]).toContain(dialog.party);
			expect(dialog.serviceResource).toBe(resources.demo.urn);
			expect(shortLived.dialogs.get(String(dialog.id))?.party).toBe(dialog.party);
		}
		requestsPerRun = endUserRequests() - requestsBefore;
		expect(requestsPerRun).toBe(1 + parties.length);
		// Inside the first token's lifetime, the token from the callback served the whole run.
		if (finishedAt < exp * 1000)
			expect(shortLived.stats.idportenTokens('refresh_token')).toBe(refreshesBefore);
		e2eLog(
			`as ${persons.ola.name}: ${parties.length} parties, ${found.length} dialog(s) found, ${requestsPerRun} requests`,
		);
	});

	test('after the access token expires, n8n refreshes it once per run and keeps the rotated refresh token', async () => {
		expect(requestsPerRun).toBeGreaterThan(0);
		for (const round of [1, 2]) {
			const { exp } = claimsOf(latestIdPortenAccessToken(shortLived).token);
			// Dialogporten, like Altinn's, refuses a token once its exp is past its clock skew.
			await waitUntil(
				'the ID-porten access token to expire',
				async () => Date.now() >= (exp + CLOCK_SKEW_SECONDS.dialogporten) * 1000 + 200,
				(SHORT_ID_PORTEN_SECONDS + 5) * 1000,
			);
			const refreshes = shortLived.stats.idportenTokens('refresh_token');
			const requestsBefore = endUserRequests();
			const found = await runWebhook(path);
			expect(found.length).toBeGreaterThan(0);
			expect(shortLived.stats.idportenTokens('refresh_token')).toBe(refreshes + 1);
			// One request refused with the expired token, retried after the refresh.
			expect(endUserRequests() - requestsBefore).toBe(requestsPerRun + 1);
			e2eLog(
				`round ${round}: the expired token was refreshed once and the refused request retried once`,
			);
		}
		// The second refresh presented the refresh token the first one returned (the stand-in refuses a
		// used refresh token), so n8n stored the rotated token; and the credential stays connected.
		expect(await credentialState(credential.id)).toMatchObject({ oauthTokenData: true });
	});
});

describe('ID-porten with the Altinn token exchange', () => {
	test('the API calls carry an exchanged Altinn token; a refused one is exchanged again once and the call retried once', async () => {
		const credential = await createCredential(
			'ID-porten with Altinn exchange',
			'idPortenOAuth2Api',
			idPortenForm(altinn, { scope: ID_PORTEN_SCOPES, exchangeToAltinn: true }),
		);
		const consent = await connectAccount(altinn, credential, persons.kari.pid);
		expect(consent.authorizeUrl.searchParams.get('scope')).toBe(ID_PORTEN_SCOPES);
		expect(consent.callbackStatus).toBe(200);
		expect(await credentialState(credential.id)).toMatchObject({ oauthTokenData: true });
		const path = 'idporten-exchange';
		const workflowId = await activateWebhookWorkflow(
			webhookWorkflow('ID-porten, Altinn exchange', path, partiesThenSearch(credential)),
			path,
		);

		const exchanges = () => altinn.stats.exchanges('id-porten');
		const refreshes = () => altinn.stats.idportenTokens('refresh_token');
		const requests = () => altinn.stats.requests('/dialogporten/api/v1/enduser');
		const run = async () => {
			const before = { exchanges: exchanges(), refreshes: refreshes(), requests: requests() };
			const found = await runWebhook(path);
			expect(found.length).toBeGreaterThan(0);
			for (const dialog of found)
				expect(altinn.dialogs.get(String(dialog.id))?.party).toBe(dialog.party);
			return {
				exchanges: exchanges() - before.exchanges,
				refreshes: refreshes() - before.refreshes,
				requests: requests() - before.requests,
			};
		};

		const first = await run();
		const { Parties: parties } = await lastExecution(workflowId, 0);
		expect(parties.map((p) => p.party)).toContain(personUrn(persons.kari.pid));
		expect(first).toEqual({ exchanges: 1, refreshes: 0, requests: 1 + parties.length });

		// Altinn stops accepting the exchanged token: one new exchange, the refused call retried once.
		altinn.tokens.revoke(altinn.tokens.issued('altinn').at(-1)!.token);
		expect(await run()).toEqual({ exchanges: 1, refreshes: 0, requests: first.requests + 1 });

		// The calls do not carry the ID-porten token: with it revoked, the cached Altinn token still serves.
		altinn.tokens.revoke(latestIdPortenAccessToken(altinn).token);
		expect(await run()).toEqual({ exchanges: 0, refreshes: 0, requests: first.requests });
		e2eLog(
			`Altinn exchange as ${persons.kari.name}: ${parties.length} parties; 1 exchange, then 1 re-exchange after a refused Altinn token`,
		);
	});
});

describe('Maskinporten: a token Altinn refuses costs one grant and one retry', () => {
	const tenItems = (k: number) => ({
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return Array.from({ length: ${k} }, (_, i) => ({ json: { i } }));` },
	});
	const search = (credential: Credential) => ({
		name: 'Search',
		type: ours('dialogporten'),
		typeVersion: 1,
		parameters: {
			api: 'serviceowner',
			authentication: 'maskinportenApi',
			resource: 'dialog',
			operation: 'search',
			returnAll: false,
			limit: 1,
			filters: {},
		},
		credentials: { maskinportenApi: credential },
	});
	const searches = () => altinn.stats.requests('/dialogporten/api/v1/serviceowner/dialogs');

	/** Runs once, revokes the token the run was granted, runs with K items again. */
	async function refusedTokenRoundTrip(
		clientId: string,
		runOnce: () => Promise<Array<Record<string, unknown>>>,
	) {
		const grants = () => altinn.stats.maskinportenGrants(clientId);
		const issued = () =>
			altinn.tokens.issued('maskinporten').filter((t) => t.clientId === clientId);
		const grantsBefore = grants();
		const issuedBefore = issued().length;
		expect(await runOnce()).toHaveLength(K);
		expect(grants()).toBe(grantsBefore + 1);
		expect(issued()).toHaveLength(issuedBefore + 1);
		altinn.tokens.revoke(issued().at(-1)!.token);

		const searchesBefore = searches();
		const found = await runOnce();
		expect(found).toHaveLength(K);
		for (const dialog of found) expect(typeof dialog.id).toBe('string');
		expect(grants()).toBe(grantsBefore + 2);
		// The first search was refused (401) and sent again with the new token; the others used it.
		expect(searches() - searchesBefore).toBe(K + 1);
	}

	test(`in the n8n server (the process keeps the token): ${K} items after a revoked token → 1 grant, ${K + 1} requests`, async () => {
		const credential = await createCredential(
			'Maskinporten service owner',
			'maskinportenApi',
			maskinportenForm('serviceOwner'),
		);
		const path = 'maskinporten-revoked';
		await activateWebhookWorkflow(
			webhookWorkflow('Maskinporten after a revoked token (server)', path, [
				tenItems(K),
				search(credential),
			]),
			path,
		);
		await refusedTokenRoundTrip(serviceOwnerClient.clientId, () => runWebhook(path));
	});

	test(`across n8n execute processes (the token is persisted in the credential): the same`, async () => {
		const credential = await createCredential(
			'Maskinporten supplier',
			'maskinportenApi',
			maskinportenForm('supplier'),
		);
		const { name, nodes, connections, settings } = chainWorkflow(
			'unused',
			'Maskinporten after a revoked token (n8n execute)',
			[tenItems(K), search(credential)],
		);
		const { id } = await publicApi<{ id: string }>('POST', 'workflows', {
			name,
			nodes,
			connections,
			settings,
		});
		await refusedTokenRoundTrip(supplierClient.clientId, async () =>
			nodeItems(await ctx.n8n.executeOk(id), 'Search'),
		);
	});
});

auditOutputs(audit, () => [ctx?.n8n]);

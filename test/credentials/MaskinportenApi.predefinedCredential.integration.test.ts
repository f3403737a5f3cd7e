/**
 * The Maskinporten credential as a predefined credential type of n8n's HTTP Request node, in
 * process: n8n-core's `requestWithAuthentication` (what the HTTP Request node calls) with the
 * CredentialsHelper's preAuthentication, against the local Altinn stand-in's scope-protected API.
 *
 * n8n's `requestWithAuthentication` asks the credential for a new token after any failed request
 * (a 404, a 403, a refused domain), not only after a 401, and sends the request again. The
 * credential answers with a new token only when the one sent has expired (or is within its
 * refresh margin) or was made for other settings; otherwise n8n reports the request's own error.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import { serviceOwnerClient } from '../../altinn-local/fixtures';
import { MaskinportenApi } from '../../credentials/MaskinportenApi.credentials';
import { TokenService, setTokenService } from '../../nodes/Dialogporten/auth';
import { maskinportenCredential } from '../support/credentials';
import { N8nRuntime } from '../support/n8n-runtime';
import { PredefinedCredentialRequest } from './support/predefinedCredentialRequest.node';
import { SecretScanner } from './support/secretScanner';

const node = new PredefinedCredentialRequest();
const scanner = new SecretScanner();
const SCOPE = 'digdir:dialogporten.serviceprovider';

let local: AltinnLocal;
beforeAll(async () => {
	local = await startAltinnLocal({ port: 0, seedDialogs: 0 });
	scanner.addFixtureSecrets();
});
afterAll(async () => {
	await local.stop();
});

let previousService: TokenService;
beforeEach(() => {
	// A fresh process-wide cache per test: each test counts its own grants.
	previousService = setTokenService(new TokenService());
	local.stats.reset();
});
afterEach(() => {
	setTokenService(previousService);
});

function runtimeWith(overrides: ICredentialDataDecryptedObject = {}) {
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi] });
	const id = runtime.addCredential(
		'maskinportenApi',
		maskinportenCredential(local, 'serviceOwner', { scopes: SCOPE, ...overrides }),
	);
	return { runtime, id };
}

const grants = () => local.stats.maskinportenGrants(serviceOwnerClient.clientId);
const requests = () => local.stats.requests('/protected-api');

async function send(
	runtime: N8nRuntime,
	id: string,
	url: string,
	items = 1,
): Promise<INodeExecutionData[]> {
	const output = await runtime.execute(node, {
		parameters: { url, nodeCredentialType: 'maskinportenApi' },
		credentials: { maskinportenApi: id },
		items: Array.from({ length: items }, (_, i) => ({ json: { i } })),
		continueOnFail: true,
	});
	scanner.record(output);
	return output[0];
}

const protectedUrl = (scope: string, path = 'x') =>
	`${local.urls.protectedApi}/${encodeURIComponent(scope)}/${path}`;

it('one grant serves every item of every execution', async () => {
	const { runtime, id } = runtimeWith();
	for (let execution = 0; execution < 3; execution++) {
		const output = await send(runtime, id, protectedUrl(SCOPE), 5);
		expect(output.map((o) => o.json.caller)).toEqual(
			Array(5).fill(expect.objectContaining({ clientId: serviceOwnerClient.clientId })),
		);
	}
	expect({ grants: grants(), requests: requests() }).toEqual({ grants: 1, requests: 15 });
});

it.each([
	['a 403 (a scope the token lacks)', () => protectedUrl('altinn:serviceowner'), '403'],
	['a 404', () => `${local.baseUrl}/platform/nothing-here`, '404'],
])('%s costs no new token and is not sent again', async (_, url, status) => {
	const { runtime, id } = runtimeWith();
	await send(runtime, id, protectedUrl(SCOPE));
	const before = { grants: grants(), requests: local.stats.requests() };
	const output = await send(runtime, id, url(), 4);
	expect(output.map((o) => (o.json.error as { httpCode?: string }).httpCode)).toEqual(
		Array(4).fill(status),
	);
	expect({
		grants: grants() - before.grants,
		requests: local.stats.requests() - before.requests,
	}).toEqual({ grants: 0, requests: 4 });
	expect(runtime.credentialsHelper.preAuthenticationCalls.filter((c) => c.forced)).toHaveLength(4);
});

it('a request that gets no answer (a refused domain, a closed port) costs no token', async () => {
	const { runtime, id } = runtimeWith();
	await send(runtime, id, protectedUrl(SCOPE));
	const before = { grants: grants(), requests: local.stats.requests() };
	const [answer] = await send(runtime, id, 'http://127.0.0.1:1/nothing-listens-here');
	expect(answer.json.error).toBeDefined();
	expect({
		grants: grants() - before.grants,
		requests: local.stats.requests() - before.requests,
	}).toEqual({ grants: 0, requests: 0 });
});

it('a stored token within its refresh margin that the API refuses is replaced once; each refused request is sent again once', async () => {
	// 11 s tokens are handed out until 10 s before expiry, i.e. for 1 s.
	const shortLived = await startAltinnLocal({
		port: 0,
		seedDialogs: 0,
		tokenLifetimeSeconds: { maskinporten: 11 },
	});
	try {
		const runtime = new N8nRuntime({ credentials: [MaskinportenApi] });
		const id = runtime.addCredential(
			'maskinportenApi',
			maskinportenCredential(shortLived, 'serviceOwner', { scopes: SCOPE }),
		);
		const url = `${shortLived.urls.protectedApi}/${SCOPE}/again`;
		await send(runtime, id, url);
		const refused = String(runtime.credentialData(id).accessToken);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		// The API stops taking it, as it does at expiry (n8n keeps sending a stored token until then).
		shortLived.tokens.revoke(refused);
		const shortGrants = () => shortLived.stats.maskinportenGrants(serviceOwnerClient.clientId);
		const shortRequests = () => shortLived.stats.requests('/protected-api');
		const before = { grants: shortGrants(), requests: shortRequests() };
		const output = await send(runtime, id, url, 5);
		expect(output.map((o) => o.json.path)).toEqual(Array(5).fill('/again'));
		expect({
			grants: shortGrants() - before.grants,
			requests: shortRequests() - before.requests,
		}).toEqual({ grants: 1, requests: 10 });
		expect(runtime.credentialData(id).accessToken).not.toBe(refused);
		for (const token of shortLived.tokens.issued()) scanner.addToken(token.token);
	} finally {
		await shortLived.stop();
	}
});

it('a stored token made for other settings is replaced when the API refuses it', async () => {
	const { runtime, id } = runtimeWith();
	await send(runtime, id, protectedUrl(SCOPE));
	// The credential is edited (a scope added); the stored token still has the old scopes.
	const stored = runtime.credentialsHelper.store.get(id)!;
	stored.data = { ...stored.data, scopes: `${SCOPE} altinn:serviceowner` };
	const before = { grants: grants(), requests: requests() };
	const [answer] = await send(runtime, id, protectedUrl('altinn:serviceowner'));
	expect(answer.json.caller).toEqual(
		expect.objectContaining({ scopes: [SCOPE, 'altinn:serviceowner'] }),
	);
	expect({ grants: grants() - before.grants, requests: requests() - before.requests }).toEqual({
		grants: 1,
		requests: 2,
	});
});

it('a fresh token the API refuses is kept: the 401 is reported, not retried', async () => {
	const { runtime, id } = runtimeWith();
	await send(runtime, id, protectedUrl(SCOPE));
	local.tokens.revoke(String(runtime.credentialData(id).accessToken));
	const before = { grants: grants(), requests: requests() };
	const [answer] = await send(runtime, id, protectedUrl(SCOPE));
	expect((answer.json.error as { httpCode?: string }).httpCode).toBe('401');
	expect({ grants: grants() - before.grants, requests: requests() - before.requests }).toEqual({
		grants: 0,
		requests: 1,
	});
});

it('no output or error holds a token or key', () => {
	for (const token of local.tokens.issued()) scanner.addToken(token.token);
	expect(scanner.recorded).toBeGreaterThan(0);
	expect(scanner.findings()).toEqual([]);
});

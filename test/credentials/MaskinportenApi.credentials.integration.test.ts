/**
 * The Maskinporten credential driven the way n8n drives it (in-process runtime: n8n-core's
 * ExecuteContext, httpRequestWithAuthentication, the CredentialsHelper's preAuthentication and
 * 401 handling) against the local Altinn stand-in, counting the grants it receives.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import { IdPortenOAuth2Api } from '../../credentials/IdPortenOAuth2Api.credentials';
import { MaskinportenApi } from '../../credentials/MaskinportenApi.credentials';
import { TokenService, setTokenService } from '../../nodes/Dialogporten/auth';
import { maskinportenCredential, type MaskinportenFixture } from '../support/credentials';
import { N8nRuntime } from '../support/n8n-runtime';
import { nodeCredentialTest, runCredentialTest } from './credentialTester';
import { Dialogporten } from '../../nodes/Dialogporten/Dialogporten.node';
import { DialogportenTrigger } from '../../nodes/Dialogporten/DialogportenTrigger.node';
import { DialogportenPollingTrigger } from '../../nodes/Dialogporten/DialogportenPollingTrigger.node';
import { SecretScanner } from './support/secretScanner';
import { AuthProbe } from './support/authProbe.node';
import {
	serviceOwnerClient,
	supplierClient,
	systemUserClient,
	certificateClient,
} from '../../altinn-local/fixtures';

/** The error a promise rejects with; fails the test when it resolves. */
async function rejectionOf<E = Error & { description?: string; httpCode?: string }>(
	promise: Promise<unknown>,
): Promise<E> {
	try {
		await promise;
	} catch (error) {
		return error as E;
	}
	throw new Error('expected the promise to reject');
}

const probe = new AuthProbe();
const scanner = new SecretScanner();

let local: AltinnLocal;
beforeAll(async () => {
	local = await startAltinnLocal({ port: 0, seedDialogs: 5 });
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
	local.faults.clear();
});
afterEach(() => {
	setTokenService(previousService);
});

function runtimeWith(data: ICredentialDataDecryptedObject) {
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
	const id = runtime.addCredential('maskinportenApi', data);
	return { runtime, id };
}

const endUserPath = '/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:310000051';
const PATHS: Record<MaskinportenFixture, string> = {
	serviceOwner: '/api/v1/serviceowner/dialogs',
	supplier: '/api/v1/serviceowner/dialogs',
	certificate: '/api/v1/serviceowner/dialogs',
	systemUser: endUserPath,
	systemUserWithExternalRef:
		'/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:310000078',
};
const CLIENTS: Record<MaskinportenFixture, string> = {
	serviceOwner: serviceOwnerClient.clientId,
	supplier: supplierClient.clientId,
	certificate: certificateClient.clientId,
	systemUser: systemUserClient.clientId,
	systemUserWithExternalRef: systemUserClient.clientId,
};

async function run(
	runtime: N8nRuntime,
	id: string,
	path: string,
	items = 1,
): Promise<INodeExecutionData[]> {
	try {
		const output = await runtime.execute(probe, {
			parameters: { authentication: 'maskinportenApi', path },
			credentials: { maskinportenApi: id },
			items: Array.from({ length: items }, (_, i) => ({ json: { i } })),
		});
		scanner.record(output);
		return output[0];
	} catch (error) {
		scanner.record(error);
		throw error;
	}
}

function grants(fixture: MaskinportenFixture) {
	return local.stats.maskinportenGrants(CLIENTS[fixture]);
}

describe('Maskinporten credential in n8n, against the local Altinn', () => {
	it.each(Object.keys(PATHS) as MaskinportenFixture[])(
		'%s: one grant serves every item and every execution',
		async (fixture) => {
			const { runtime, id } = runtimeWith(maskinportenCredential(local, fixture));
			for (let execution = 0; execution < 3; execution++) {
				const output = await run(runtime, id, PATHS[fixture], 4);
				expect(output).toHaveLength(4);
				for (const item of output)
					expect(item.json.response).toEqual(expect.objectContaining({ items: expect.any(Array) }));
			}
			expect(grants(fixture)).toBe(1);
			expect(local.stats.maskinportenRejections()).toBe(0);
			// n8n ran preAuthentication once (empty token), and never had to recover from a 401.
			expect(runtime.credentialsHelper.preAuthenticationCalls).toEqual([
				{ type: 'maskinportenApi', forced: false },
			]);
			scanner.addToken(String(runtime.credentialData(id).accessToken));
		},
	);

	it('shares the token between credentials with the same configuration in one process', async () => {
		for (let i = 0; i < 3; i++) {
			const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
			await run(runtime, id, PATHS.serviceOwner, 2);
		}
		expect(grants('serviceOwner')).toBe(1);
	});

	it('uses a token another n8n process persisted while it is fresh', async () => {
		const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
		await run(runtime, id, PATHS.serviceOwner);
		const persisted = runtime.credentialData(id);
		expect(persisted).toEqual(
			expect.objectContaining({
				accessToken: expect.any(String),
				expiresAt: expect.any(Number),
				refreshAt: expect.any(Number),
				configFingerprint: expect.stringMatching(/^maskinporten:[0-9a-f]{40}$/),
			}),
		);
		scanner.addToken(String(persisted.accessToken));
		// Another process: empty memory cache, same stored credential.
		setTokenService(new TokenService());
		await run(runtime, id, PATHS.serviceOwner, 3);
		expect(grants('serviceOwner')).toBe(1);
	});

	it('does not use a persisted token of another configuration', async () => {
		const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
		await run(runtime, id, PATHS.serviceOwner);
		const stored = runtime.credentialsHelper.store.get(id)!;
		stored.data = {
			...stored.data,
			scopes: `${stored.data.scopes} digdir:dialogporten.serviceprovider.changetransmissions`,
		};
		setTokenService(new TokenService());
		await run(runtime, id, PATHS.serviceOwner);
		expect(grants('serviceOwner')).toBe(2);
	});

	it('gets a new token ahead of expiry instead of sending an expired one', async () => {
		const shortLived = await startAltinnLocal({
			port: 0,
			seedDialogs: 1,
			tokenLifetimeSeconds: { maskinporten: 11 },
		});
		try {
			const clock = { offset: 0 };
			setTokenService(new TokenService(() => Date.now() + clock.offset));
			const { runtime, id } = runtimeWith(maskinportenCredential(shortLived, 'serviceOwner'));
			await run(runtime, id, PATHS.serviceOwner);
			// 11 s tokens are handed out until 10 s before expiry, i.e. for 1 s.
			await new Promise((resolve) => setTimeout(resolve, 1_100));
			await run(runtime, id, PATHS.serviceOwner, 2);
			expect(shortLived.stats.maskinportenGrants(serviceOwnerClient.clientId)).toBe(2);
			expect(runtime.credentialsHelper.preAuthenticationCalls.every((c) => !c.forced)).toBe(true);
			scanner.addToken(String(runtime.credentialData(id).accessToken));
		} finally {
			await shortLived.stop();
		}
	});

	it('after a 401, gets exactly one new token and retries once', async () => {
		const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
		await run(runtime, id, PATHS.serviceOwner);
		const revoked = String(runtime.credentialData(id).accessToken);
		scanner.addToken(revoked);
		local.tokens.revoke(revoked);
		const before = local.stats.requests('/dialogporten/api/v1/serviceowner/dialogs');
		const output = await run(runtime, id, PATHS.serviceOwner, 5);
		expect(output).toHaveLength(5);
		expect(grants('serviceOwner')).toBe(2);
		expect(runtime.credentialsHelper.preAuthenticationCalls).toEqual([
			{ type: 'maskinportenApi', forced: false },
			{ type: 'maskinportenApi', forced: true },
		]);
		// 5 items + the one refused attempt.
		expect(local.stats.requests('/dialogporten/api/v1/serviceowner/dialogs') - before).toBe(6);
		scanner.addToken(String(runtime.credentialData(id).accessToken));
	});

	it('fails after one retry when the new token is refused too, without leaking it', async () => {
		const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
		// Every token handed out from now on is revoked at the stand-in before it is used.
		const issued: string[] = [];
		await run(runtime, id, PATHS.serviceOwner);
		issued.push(String(runtime.credentialData(id).accessToken));
		local.tokens.revoke(issued[0]);
		const service = new TokenService();
		setTokenService(service);
		const original = service.maskinportenAccessToken.bind(service);
		service.maskinportenAccessToken = async (...args) => {
			const token = await original(...args);
			local.tokens.revoke(token.token);
			issued.push(token.token);
			return token;
		};
		const error = await rejectionOf(run(runtime, id, PATHS.serviceOwner));
		expect(error.httpCode).toBe('401');
		expect(grants('serviceOwner')).toBe(2);
		for (const token of issued) scanner.addToken(token);
	});

	it('exchanges to an Altinn token once and uses it for every item and execution', async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'serviceOwner', { exchangeToAltinn: true }),
		);
		for (let execution = 0; execution < 3; execution++)
			await run(runtime, id, PATHS.serviceOwner, 3);
		expect(grants('serviceOwner')).toBe(1);
		expect(local.stats.exchanges('maskinporten')).toBe(1);
		const token = String(runtime.credentialData(id).accessToken);
		scanner.addToken(token);
		expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))).toEqual(
			expect.objectContaining({ 'urn:altinn:authenticatemethod': 'maskinporten' }),
		);
	});

	it('exchanges a system-user token, as other Altinn APIs need', async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'systemUser', { exchangeToAltinn: true }),
		);
		await run(runtime, id, PATHS.systemUser, 2);
		expect(local.stats.exchanges('maskinporten')).toBe(1);
		scanner.addToken(String(runtime.credentialData(id).accessToken));
	});

	it('rejects bad settings before sending anything', async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'systemUser', { systemUserOrg: '310000052' }),
		);
		const before = local.stats.requests();
		const error = await rejectionOf(run(runtime, id, PATHS.systemUser));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			'System User Organization "310000052" is not a valid organization number (the mod-11 check digit does not match)',
		);
		expect(local.stats.requests() - before).toBe(0);
	});

	it("surfaces Maskinporten's error code and description when a grant is refused", async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'systemUser', { systemUserOrg: '310000086' }),
		);
		const error = await rejectionOf(run(runtime, id, PATHS.systemUser));
		expect(error.message).toMatch(
			/^Maskinporten refused the token request \(HTTP 400\): invalid_altinn_customer_configuration: .*MP-303/,
		);
		expect(error.description).toMatch(
			/System User Organization must be the organization that owns the system user/,
		);
		expect(local.stats.maskinportenRejections()).toBe(1);
	});
});

describe('Maskinporten credential Test button', () => {
	const PROVEN = /^Proven with a new token from these settings: /;

	it('proves the token and a service-owner search with one fresh grant', async () => {
		const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		expect(result).toEqual({
			status: 'OK',
			message: `Proven with a new token from these settings: Maskinporten token and the Dialogporten service-owner search`,
		});
		expect(grants('serviceOwner')).toBe(1);
		expect(local.stats.operations('V1ServiceOwnerDialogsQueriesSearch_Dialog')).toBe(1);
	});

	it('proves a system user through the end-user API and says for how many parties', async () => {
		const { runtime, id } = runtimeWith(maskinportenCredential(local, 'systemUser'));
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		expect(result).toEqual({
			status: 'OK',
			message: `Proven with a new token from these settings: Maskinporten token and the Dialogporten end-user API (1 party)`,
		});
		expect(local.stats.operations('V1EndUserAccessManagementQueriesGetParties_Parties')).toBe(1);
	});

	it('proves the service-owner API without the search scope by a read that finds nothing (404)', async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'serviceOwner', {
				scopes: 'digdir:dialogporten.serviceprovider',
			}),
		);
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		expect(result.message).toBe(
			'Proven with a new token from these settings: Maskinporten token and the Dialogporten service-owner API',
		);
		expect(local.stats.operations('V1ServiceOwnerDialogsQueriesGet_Dialog')).toBe(1);
	});

	it('makes a new grant and exchange on every press, and names the exchange it proved', async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'certificate', { exchangeToAltinn: true }),
		);
		for (let press = 0; press < 2; press++) {
			expect(await runCredentialTest(runtime, 'maskinportenApi', id)).toEqual({
				status: 'OK',
				message:
					'Proven with a new token from these settings: Maskinporten token, Altinn token exchange and the Dialogporten service-owner search',
			});
		}
		expect(grants('certificate')).toBe(2);
		expect(local.stats.exchanges('maskinporten')).toBe(2);
	});

	it.each([
		['a client ID Maskinporten does not know', { clientId: 'not-a-registered-client' }, /MP-100/],
		['a key whose kid is not registered', { keyId: 'not-registered' }, /kid/i],
		[
			'the key of another client',
			{ privateJwk: JSON.stringify(systemUserClient.keys[0].privateJwk) },
			/MP-124|signature|kid/i,
		],
	])(
		'is not fooled by the token stored in the credential: %s fails at the grant',
		async (_, changed, reason) => {
			// The credential has been used, so it holds a valid token for its saved settings.
			const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
			await run(runtime, id, PATHS.serviceOwner);
			const stored = runtime.credentialData(id);
			expect(stored.accessToken).toEqual(expect.any(String));
			scanner.addToken(String(stored.accessToken));
			// The dialog sends the edited values together with the stored token.
			const result = await runCredentialTest(runtime, 'maskinportenApi', id, {
				...stored,
				...changed,
			});
			scanner.record(result);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/^Step 1 of 2 \(Maskinporten token\) failed: Maskinporten refused the token request \(HTTP 400\): /,
			);
			expect(result.message).toMatch(reason);
		},
	);

	it.each([
		['an unknown kid', { keyId: 'not-registered' }, /invalid_grant: .*kid/i],
		[
			'an expired key',
			{ privateJwk: JSON.stringify(serviceOwnerClient.keys[1].privateJwk) },
			/MP-121.*keys live one year/,
		],
		[
			'a scope the client does not have',
			{ scopes: 'digdir:dialogporten.serviceprovider.admin' },
			/invalid_scope: .*MP-20/,
		],
		['the wrong audience', { audience: 'https://test.maskinporten.no/' }, /MP-110.*Wrong audience/],
	])("reports Maskinporten's error and what to check for %s", async (_, overrides, message) => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'serviceOwner', overrides as ICredentialDataDecryptedObject),
		);
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		scanner.record(result);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Step 1 of \d \(Maskinporten token\) failed: Maskinporten refused the token request \(HTTP 400\): /,
		);
		expect(result.message).toMatch(message);
	});

	it('fails a client token with the end-user scope at Dialogporten, though Maskinporten grants it', async () => {
		// The grant works (the client has the scope), but the end-user API needs a system user.
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'systemUser', { grantType: 'client' }),
		);
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		scanner.record(result);
		expect(grants('systemUser')).toBe(1);
		expect(result).toEqual({
			status: 'Error',
			message:
				'Step 2 of 2 (the Dialogporten end-user API) failed: the Dialogporten end-user API refused the token (HTTP 403). The end-user API acts for a system user or a person: choose Grant Type System User (a plain client token is refused).',
		});
	});

	it('fails a service owner missing the service-provider scope at the search, naming both scopes', async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'serviceOwner', {
				scopes: 'digdir:dialogporten.serviceprovider.search',
			}),
		);
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		scanner.record(result);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Step 2 of 2 \(the Dialogporten service-owner search\) failed: the Dialogporten service-owner search refused the token \(HTTP 403\)\. The organization that owns the client must be registered as a service owner .* Searching needs both digdir:dialogporten\.serviceprovider and digdir:dialogporten\.serviceprovider\.search\.$/,
		);
	});

	it('names the exchange when Altinn refuses it, with what Altinn said', async () => {
		local.faults.set({ kind: '500', pathPrefix: '/platform/authentication' });
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'serviceOwner', { exchangeToAltinn: true }),
		);
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		scanner.record(result);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Step 2 of 3 \(Altinn token exchange\) failed: The Altinn token exchange answered HTTP 500/,
		);
		expect(local.stats.operations()).toBe(0);
	});

	it('reports a bad setting without contacting Maskinporten', async () => {
		const { runtime, id } = runtimeWith(
			maskinportenCredential(local, 'supplier', { consumerOrg: '31000001' }),
		);
		const before = local.stats.requests();
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		expect(result).toEqual({
			status: 'Error',
			message:
				'Consumer Organization "31000001" must be a 9-digit organization number (optionally prefixed 0192:)',
		});
		expect(local.stats.requests() - before).toBe(0);
	});

	it('leaves the stored token alone', async () => {
		const { runtime, id } = runtimeWith(maskinportenCredential(local, 'serviceOwner'));
		const result = await runCredentialTest(runtime, 'maskinportenApi', id);
		expect(result.message).toMatch(PROVEN);
		expect(runtime.credentialData(id).accessToken).toBe('');
	});
});

describe('Maskinporten credential definition', () => {
	const definition = new MaskinportenApi();

	it('has the field names the other parts of the package use', () => {
		const names = definition.properties.map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'environment',
				'tokenUrl',
				'audience',
				'platformUrl',
				'dialogportenUrl',
				'inboxUrl',
				'clientId',
				'grantType',
				'scopes',
				'systemUserOrg',
				'externalRef',
				'consumerOrg',
				'keyType',
				'privateJwk',
				'keyId',
				'certificateChain',
				'privateKey',
				'algorithm',
				'exchangeToAltinn',
				'altinnTestOrg',
				'accessToken',
			]),
		);
		expect(definition.properties.find((p) => p.name === 'accessToken')).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
		});
		for (const secret of ['privateJwk', 'privateKey', 'certificateChain']) {
			expect(definition.properties.find((p) => p.name === secret)?.typeOptions?.password).toBe(
				true,
			);
		}
	});

	it('offers the Altinn test organization only for the Test and Custom environments', () => {
		const testOrg = definition.properties.find((p) => p.name === 'altinnTestOrg');
		expect(testOrg?.displayOptions?.show?.environment).toEqual(['test', 'custom']);
		expect(testOrg?.displayOptions?.show?.exchangeToAltinn).toEqual([true]);
	});

	it('has no declarative test, so n8n uses the node-side test every node that uses it names', () => {
		expect((definition as { test?: unknown }).test).toBeUndefined();
		for (const node of [
			new Dialogporten(),
			new DialogportenTrigger(),
			new DialogportenPollingTrigger(),
		]) {
			const entry = node.description.credentials?.find((c) => c.name === 'maskinportenApi');
			expect(entry?.testedBy).toBe('maskinportenApiTest');
			expect(node.methods?.credentialTest?.maskinportenApiTest).toBe(
				nodeCredentialTest('maskinportenApi'),
			);
		}
	});
});

describe('secrets', () => {
	// Runs last: every output, error and log line recorded above.
	it('no output, error, credential-test message or log line of this suite holds key material or a token', () => {
		expect(scanner.recorded).toBeGreaterThan(30);
		expect(scanner.findings()).toEqual([]);
	});
});

/**
 * The ID-porten credential in the in-process n8n runtime against the local Altinn: n8n's OAuth2
 * handling signs and refreshes; with the Altinn exchange on, the package exchanges once per
 * ID-porten token, re-exchanges once after a 401, and renews the ID-porten token ahead of expiry.
 */
import {
	NodeHelpers,
	NodeOperationError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypes,
} from 'n8n-workflow';
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import { persons } from '../../altinn-local/fixtures';
import { IdPortenOAuth2Api } from '../../credentials/IdPortenOAuth2Api.credentials';
import { MaskinportenApi } from '../../credentials/MaskinportenApi.credentials';
import { TokenService, getTokenService, setTokenService } from '../../nodes/Dialogporten/auth';
import {
	idPortenExchangeKey,
	parseIdPortenCredential,
} from '../../nodes/Dialogporten/auth/idporten';
import { ID_PORTEN_SCOPES, idPortenCredential } from '../support/credentials';
import { N8nRuntime } from '../support/n8n-runtime';
import { AuthProbe } from './support/authProbe.node';
import { SecretScanner } from './support/secretScanner';

const probe = new AuthProbe();
const scanner = new SecretScanner();
const PATH = `/api/v1/enduser/dialogs?party=urn:altinn:person:identifier-no:${persons.ola.pid}`;

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
	previousService = setTokenService(new TokenService());
	local.stats.reset();
});
afterEach(() => {
	setTokenService(previousService);
});

/** Rejects with the error a promise rejects with; fails when it resolves. */
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

/** A credential connected as Ola; `grantedScope` (default: the credential's scope) is what the login asked for. */
async function connected(
	options: {
		exchange?: boolean;
		scope?: string;
		grantedScope?: string;
		altinn?: AltinnLocal;
		/** The level the login reached (default: substantial). */
		acr?: string;
		/** The credential's Security Level (default: substantial). */
		acrValues?: string;
	} = {},
) {
	const altinn = options.altinn ?? local;
	const tokens = await altinn.idporten.login({
		scope: options.grantedScope ?? options.scope ?? ID_PORTEN_SCOPES,
		acr: options.acr,
	});
	for (const value of [tokens.access_token, tokens.refresh_token, tokens.id_token])
		scanner.addToken(value);
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
	const id = runtime.addCredential(
		'idPortenOAuth2Api',
		idPortenCredential(altinn, {
			oauthTokenData: { ...tokens } as unknown as ICredentialDataDecryptedObject,
			exchangeToAltinn: options.exchange ?? false,
			scope: options.scope,
			acrValues: options.acrValues,
		}),
	);
	// Counts from here on exclude the login's own code grant.
	altinn.stats.reset();
	return { runtime, id, tokens };
}

async function run(runtime: N8nRuntime, id: string, items = 1): Promise<INodeExecutionData[]> {
	try {
		const output = await runtime.execute(probe, {
			parameters: { authentication: 'idPortenOAuth2Api', path: PATH },
			credentials: { idPortenOAuth2Api: id },
			items: Array.from({ length: items }, (_, i) => ({ json: { i } })),
		});
		scanner.record(output);
		return output[0];
	} catch (error) {
		scanner.record(error);
		throw error;
	}
}

function storedAccessToken(runtime: N8nRuntime, id: string): string {
	return String(
		(runtime.credentialData(id).oauthTokenData as Record<string, unknown>).access_token,
	);
}

describe('ID-porten credential in n8n, against the local Altinn', () => {
	it("signs requests with the ID-porten token through n8n's OAuth2 support", async () => {
		const { runtime, id } = await connected();
		const output = await run(runtime, id, 3);
		expect(output).toHaveLength(3);
		for (const item of output)
			expect(item.json.response).toEqual(expect.objectContaining({ items: expect.any(Array) }));
		expect(local.stats.exchanges()).toBe(0);
		expect(local.stats.idportenTokens()).toBe(0);
	});

	it('lets n8n refresh the ID-porten token once after a 401 and stores the rotated tokens', async () => {
		const { runtime, id, tokens } = await connected();
		local.tokens.revoke(tokens.access_token);
		await run(runtime, id, 2);
		expect(local.stats.idportenTokens()).toBe(1);
		const stored = runtime.credentialData(id).oauthTokenData as Record<string, string>;
		expect(stored.access_token).not.toBe(tokens.access_token);
		// ID-porten (like the stand-in) may make refresh tokens single-use: the new one is stored...
		expect(stored.refresh_token).not.toBe(tokens.refresh_token);
		scanner.addToken(stored.access_token);
		scanner.addToken(stored.refresh_token);
		// ...and used for the next refresh.
		local.tokens.revoke(stored.access_token);
		await run(runtime, id);
		expect(local.stats.idportenTokens()).toBe(2);
		const again = runtime.credentialData(id).oauthTokenData as Record<string, string>;
		scanner.addToken(again.access_token);
		scanner.addToken(again.refresh_token);
	});

	it('says the credential is not connected before sending anything', async () => {
		const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
		const id = runtime.addCredential(
			'idPortenOAuth2Api',
			idPortenCredential(local, { exchangeToAltinn: true }),
		);
		const before = local.stats.requests();
		const error = await rejectionOf(run(runtime, id));
		expect(error.message).toBe(
			'The ID-porten credential is not connected: open it and click "Connect my account"',
		);
		expect(local.stats.requests() - before).toBe(0);
	});

	it('refuses a token granted fewer scopes than the credential asks for, naming them, before sending anything', async () => {
		// What n8n before 2.20 does: it connects with the default scope, whatever Scope says.
		const { runtime, id } = await connected({
			exchange: true,
			scope: `${ID_PORTEN_SCOPES} altinn:correspondence.read`,
			grantedScope: 'openid digdir:dialogporten',
		});
		const error = await rejectionOf<NodeOperationError>(run(runtime, id));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'The ID-porten token lacks scopes the credential asks for: altinn:portal/enduser altinn:correspondence.read',
		);
		expect(error.description).toMatch(/^n8n releases before 2\.20 connect a community OAuth2/);
		expect(local.stats.requests()).toBe(0);
	});

	it('refuses a login below the Security Level the credential asks for, before sending anything', async () => {
		const { runtime, id } = await connected({
			acr: 'idporten-loa-substantial',
			acrValues: 'idporten-loa-high',
		});
		const error = await rejectionOf<NodeOperationError>(run(runtime, id));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			"The ID-porten login has security level idporten-loa-substantial, below the credential's Security Level idporten-loa-high",
		);
		expect(error.description).toMatch(/reconnect the credential/);
		expect(local.stats.requests()).toBe(0);
	});

	it('accepts a login at or above the Security Level the credential asks for', async () => {
		const { runtime, id } = await connected({
			acr: 'idporten-loa-high',
			acrValues: 'idporten-loa-substantial',
		});
		expect(await run(runtime, id)).toHaveLength(1);
	});

	it('says to reconnect the credential when ID-porten refuses the refresh token', async () => {
		const { runtime, id, tokens } = await connected();
		// Consent ended (ID-porten keeps it up to 90 days) or was withdrawn: both tokens are refused.
		local.tokens.revoke(tokens.access_token);
		local.tokens.revoke(tokens.refresh_token);
		const error = await rejectionOf<NodeOperationError>(run(runtime, id));
		expect(error.message).toBe('ID-porten refused to renew the sign-in of this credential');
		expect(error.description).toMatch(/reconnect the credential/i);
		expect(error.description).toMatch(
			/^ID-porten answered .*refresh token is invalid, expired, revoked/,
		);
		expect(JSON.stringify(error)).not.toContain(tokens.refresh_token);
		scanner.record(error);
	});

	describe('with the Altinn token exchange', () => {
		it('exchanges once per ID-porten token for every item and execution', async () => {
			const { runtime, id } = await connected({ exchange: true });
			for (let execution = 0; execution < 3; execution++)
				expect(await run(runtime, id, 3)).toHaveLength(3);
			expect(local.stats.exchanges('id-porten')).toBe(1);
			expect(local.stats.idportenTokens()).toBe(0);
		});

		it('re-exchanges once and retries once when Altinn refuses the exchanged token', async () => {
			const { runtime, id } = await connected({ exchange: true });
			await run(runtime, id);
			const config = parseIdPortenCredential(runtime.credentialData(id));
			const altinnToken = getTokenService().altinn.fresh(
				idPortenExchangeKey(config, storedAccessToken(runtime, id)),
			)!.token;
			scanner.addToken(altinnToken);
			local.tokens.revoke(altinnToken);
			const before = local.stats.requests('/dialogporten/api/v1/enduser/dialogs');
			await run(runtime, id, 3);
			expect(local.stats.exchanges('id-porten')).toBe(2);
			// the refused attempt, its retry, and the two other items
			expect(local.stats.requests('/dialogporten/api/v1/enduser/dialogs') - before).toBe(4);
		});

		it('fails after one re-exchange when the new Altinn token is refused as well', async () => {
			const { runtime, id } = await connected({ exchange: true });
			const service = new TokenService();
			setTokenService(service);
			const original = service.idPortenAltinnToken.bind(service);
			service.idPortenAltinnToken = async (...args) => {
				const token = await original(...args);
				local.tokens.revoke(token.token);
				scanner.addToken(token.token);
				return token;
			};
			const error = await rejectionOf(run(runtime, id));
			expect(error.httpCode).toBe('401');
			expect(local.stats.exchanges('id-porten')).toBe(2);
		});

		it('renews the ID-porten token ahead of its expiry, so the exchanged token is never used expired', async () => {
			const shortLived = await startAltinnLocal({
				port: 0,
				seedDialogs: 1,
				tokenLifetimeSeconds: { idporten: 12 },
			});
			try {
				const { runtime, id } = await connected({ exchange: true, altinn: shortLived });
				await run(runtime, id);
				expect(shortLived.stats.exchanges('id-porten')).toBe(1);
				// 12 s tokens are within their 10 s margin after 2 s.
				await new Promise((resolve) => setTimeout(resolve, 2_100));
				const before = shortLived.stats.requests('/dialogporten/api/v1/enduser/dialogs');
				await run(runtime, id, 2);
				expect(shortLived.stats.idportenTokens()).toBe(1);
				expect(shortLived.stats.exchanges('id-porten')).toBe(2);
				expect(shortLived.stats.requests('/dialogporten/api/v1/enduser/dialogs') - before).toBe(2);
				scanner.addToken(storedAccessToken(runtime, id));
			} finally {
				await shortLived.stop();
			}
		});

		it('explains that the exchange needs an altinn: scope when Altinn answers 403', async () => {
			const { runtime, id } = await connected({
				exchange: true,
				scope: 'openid digdir:dialogporten',
			});
			const error = await rejectionOf(run(runtime, id));
			expect(error.message).toBe(
				'The Altinn token exchange refused the ID-porten token (HTTP 403)',
			);
			expect(error.description).toMatch(/only when it carries an altinn: scope/);
		});
	});
});

describe('ID-porten credential definition, resolved as n8n resolves it', () => {
	// n8n's CredentialsHelper.applyDefaultsAndOverwrites: drop stored values of pinned hidden OAuth
	// fields, apply the definition's defaults, then resolve expressions with $self = the data.
	const PINNED = [
		'useDynamicClientRegistration',
		'authUrl',
		'accessTokenUrl',
		'grantType',
		'authentication',
		'usePkce',
	];

	function resolve(stored: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const runtime = new N8nRuntime({ credentials: [IdPortenOAuth2Api] });
		const properties = runtime.credentialsHelper.getCredentialsProperties('idPortenOAuth2Api');
		const data = { ...stored };
		for (const field of PINNED)
			if (properties.some((p) => p.name === field && p.type === 'hidden')) delete data[field];
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as INodeParameters;
		const node: INode = {
			id: 'n',
			name: 'mock',
			type: 'mock',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const nodeTypes: INodeTypes = {
			getByName: () => ({ description: { properties: [] } }) as never,
			getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return workflow.expression.getComplexParameterValue(
			node,
			withDefaults,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	it.each([
		['test', 'https://login.test.idporten.no/authorize', 'https://test.idporten.no/token'],
		['production', 'https://login.idporten.no/authorize', 'https://idporten.no/token'],
	])(
		'uses ID-porten %s endpoints, PKCE, and sends acr_values with a fresh nonce',
		(environment, authUrl, accessTokenUrl) => {
			const first = resolve({
				environment,
				clientId: 'c',
				clientSecret: 's',
				authUrl: 'https://attacker.example/authorize',
				grantType: 'authorizationCode',
			});
			expect(first).toMatchObject({
				authUrl,
				accessTokenUrl,
				grantType: 'pkce',
				scope: 'openid digdir:dialogporten',
				authentication: 'header',
			});
			expect(first.authQueryParameters).toMatch(
				/^acr_values=idporten-loa-substantial&nonce=[0-9a-f]{64}$/,
			);
			const second = resolve({ environment, acrValues: 'idporten-loa-high' });
			expect(second.authQueryParameters).toMatch(
				/^acr_values=idporten-loa-high&nonce=[0-9a-f]{64}$/,
			);
			expect(second.authQueryParameters).not.toBe(first.authQueryParameters);
		},
	);

	it('takes the custom URLs from their own fields', () => {
		const resolved = resolve({
			environment: 'custom',
			customAuthUrl: 'http://127.0.0.1:7780/idporten/authorize',
			customAccessTokenUrl: 'http://127.0.0.1:7780/idporten/token',
			platformUrl: 'http://127.0.0.1:7780/platform',
			dialogportenUrl: 'http://127.0.0.1:7780/dialogporten',
			scope: 'openid digdir:dialogporten altinn:portal/enduser',
			authentication: 'body',
		});
		expect(resolved).toMatchObject({
			authUrl: 'http://127.0.0.1:7780/idporten/authorize',
			accessTokenUrl: 'http://127.0.0.1:7780/idporten/token',
			scope: 'openid digdir:dialogporten altinn:portal/enduser',
		});
		expect(parseIdPortenCredential(resolved).endpoints).toEqual({
			platform: 'http://127.0.0.1:7780/platform',
			dialogporten: 'http://127.0.0.1:7780/dialogporten',
			events: 'http://127.0.0.1:7780/platform/events/api/v1',
		});
		expect(parseIdPortenCredential(resolved).exchangeUrl).toBe(
			'http://127.0.0.1:7780/platform/authentication/api/v1/exchange/id-porten',
		);
	});
});

describe('secrets', () => {
	it('no output, error or log line of this suite holds key material, a client secret or a token', () => {
		expect(scanner.recorded).toBeGreaterThan(10);
		expect(scanner.findings()).toEqual([]);
	});
});

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { decodeJwt } from 'jose';
import {
	exchangeForAltinnToken,
	parseExchangeBody,
	parseMaskinportenCredential,
	requestMaskinportenToken,
} from '../../../../nodes/Dialogporten/auth/maskinporten';
import {
	certificateChain,
	rsaMaterial,
	type CertificateChain,
	type RsaMaterial,
} from './keyMaterial';

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

let rsa: RsaMaterial;
let chain: CertificateChain;
beforeAll(() => {
	rsa = rsaMaterial('kid-1');
	chain = certificateChain();
});

function credential(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		environment: 'test',
		clientId: 'client-1',
		grantType: 'client',
		scopes: 'digdir:dialogporten.serviceprovider',
		keyType: 'jwk',
		privateJwk: JSON.stringify(rsa.jwk),
		keyId: '',
		algorithm: 'RS256',
		exchangeToAltinnToken: false,
		altinnTestOrg: false,
		...overrides,
	};
}

function unsignedJwt(claims: Record<string, unknown>): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('Maskinporten credential configuration', () => {
	it('uses the documented endpoints for Test and Production', () => {
		const test = parseMaskinportenCredential(credential());
		expect(test).toMatchObject({
			tokenUrl: 'https://test.maskinporten.no/token',
			audience: 'https://test.maskinporten.no/',
			endpoints: {
				platform: 'https://platform.tt02.altinn.no',
				dialogporten: 'https://platform.tt02.altinn.no/dialogporten',
				events: 'https://platform.tt02.altinn.no/events/api/v1',
			},
			exchangeUrl: 'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten',
		});
		const production = parseMaskinportenCredential(
			credential({ environment: 'production', exchangeToAltinnToken: true, altinnTestOrg: true }),
		);
		expect(production).toMatchObject({
			tokenUrl: 'https://maskinporten.no/token',
			audience: 'https://maskinporten.no/',
			endpoints: {
				platform: 'https://platform.altinn.no',
				dialogporten: 'https://platform.altinn.no/dialogporten',
			},
			exchangeUrl:
				'https://platform.altinn.no/authentication/api/v1/exchange/maskinporten?test=true',
		});
	});

	it('takes every URL from the credential in Custom, without trailing slashes', () => {
		const config = parseMaskinportenCredential(
			credential({
				environment: 'custom',
				tokenUrl: 'http://127.0.0.1:7780/maskinporten/token',
				audience: 'http://127.0.0.1:7780/maskinporten/',
				platformUrl: 'http://127.0.0.1:7780/platform/',
				dialogportenUrl: 'http://127.0.0.1:7780/dialogporten/',
			}),
		);
		expect(config).toMatchObject({
			tokenUrl: 'http://127.0.0.1:7780/maskinporten/token',
			audience: 'http://127.0.0.1:7780/maskinporten/',
			endpoints: {
				platform: 'http://127.0.0.1:7780/platform',
				dialogporten: 'http://127.0.0.1:7780/dialogporten',
				events: 'http://127.0.0.1:7780/platform/events/api/v1',
			},
		});
	});

	it.each([
		[
			{ environment: 'staging' },
			'Unknown environment "staging": choose Test, Production or Custom',
		],
		[{ environment: 'custom' }, 'Token URL is required when the environment is Custom'],
		[
			{ environment: 'custom', tokenUrl: 'not a url', audience: 'x' },
			'Token URL "not a url" is not a valid URL',
		],
		[
			{ environment: 'custom', tokenUrl: 'ftp://x/token' },
			'Token URL must be an http or https URL',
		],
		[
			{ environment: 'custom', tokenUrl: 'http://x/token' },
			'Audience (the Maskinporten issuer) is required when the environment is Custom',
		],
		[
			{ environment: 'custom', tokenUrl: 'http://x/token', audience: 'http://x/' },
			'Altinn Platform URL is required when the environment is Custom',
		],
		[
			{
				environment: 'custom',
				tokenUrl: 'http://x/token',
				audience: 'http://x/',
				platformUrl: 'http://x/platform',
			},
			'Dialogporten URL is required when the environment is Custom',
		],
		[{ clientId: ' ' }, 'Client ID is required (the integration id from Samarbeidsportalen)'],
		[
			{ grantType: 'password' },
			'Unknown grant type "password": choose Client, System User or Supplier',
		],
		[
			{ scopes: '' },
			'Scopes is empty: Maskinporten requires at least one scope (for example digdir:dialogporten.serviceprovider)',
		],
		[{ grantType: 'systemUser', systemUserOrg: '' }, 'System User Organization is required'],
		[
			{ grantType: 'systemUser', systemUserOrg: '310000018' },
			'System User Organization "310000018" is not a valid organization number (the mod-11 check digit does not match)',
		],
		[
			{ grantType: 'systemUser', systemUserOrg: '310000051', externalRef: 'kunde 4711' },
			'External Reference contains characters Altinn does not allow (" "); use only a-z, A-Z, 0-9, æ, ø, å, Æ, Ø, Å, _ and -',
		],
		[
			{ grantType: 'supplier', consumerOrg: '12345678' },
			'Consumer Organization "12345678" must be a 9-digit organization number (optionally prefixed 0192:)',
		],
		[
			{ algorithm: 'HS256' },
			'Signing algorithm "HS256" is not supported: Maskinporten accepts RS256, RS384 and RS512',
		],
		[{ keyType: 'pkcs12' }, 'Unknown key type "pkcs12": choose JWK or Business Certificate'],
		[
			{ privateJwk: '{' },
			'Private Key (JWK) is not valid JSON: paste the private JWK, e.g. {"kty":"RSA","kid":"…","n":"…","e":"AQAB","d":"…",…}',
		],
	])('rejects %j before any request: %s', (overrides, message) => {
		expect(() =>
			parseMaskinportenCredential(credential(overrides as ICredentialDataDecryptedObject)),
		).toThrow(message);
	});

	it('ignores the fields of other grant types', () => {
		const config = parseMaskinportenCredential(
			credential({ systemUserOrg: 'nonsense', consumerOrg: 'nonsense', externalRef: '!!' }),
		);
		expect(config.systemUserOrg).toBeUndefined();
		expect(config.consumerOrg).toBeUndefined();
	});

	describe('cache key', () => {
		const base = () =>
			credential({ grantType: 'systemUser', systemUserOrg: '310000051', externalRef: 'a' });
		const variations: Array<[string, ICredentialDataDecryptedObject]> = [
			['environment', { environment: 'production' }],
			['client id', { clientId: 'client-2' }],
			['key', { privateJwk: '' }],
			['kid', { keyId: 'another-kid' }],
			['algorithm', { algorithm: 'RS512' }],
			['scopes', { scopes: 'digdir:dialogporten altinn:correspondence.read' }],
			['grant type', { grantType: 'client' }],
			['system-user org', { systemUserOrg: '310000078' }],
			['externalRef', { externalRef: 'b' }],
			['exchange', { exchangeToAltinnToken: true }],
		];

		it.each(variations)('changes with the %s', (name, change) => {
			const original = parseMaskinportenCredential(base()).cacheKey;
			const changed =
				name === 'key' ? { privateJwk: JSON.stringify(rsaMaterial('kid-1').jwk) } : change;
			expect(parseMaskinportenCredential({ ...base(), ...changed }).cacheKey).not.toBe(original);
		});

		it('changes with consumer_org, the test-org flag and custom URLs', () => {
			const supplier = (org: string) =>
				parseMaskinportenCredential(credential({ grantType: 'supplier', consumerOrg: org }))
					.cacheKey;
			expect(supplier('310000019')).not.toBe(supplier('310000027'));
			const exchange = (test: boolean) =>
				parseMaskinportenCredential(
					credential({ exchangeToAltinnToken: true, altinnTestOrg: test }),
				).cacheKey;
			expect(exchange(true)).not.toBe(exchange(false));
			const custom = (audience: string) =>
				parseMaskinportenCredential(
					credential({
						environment: 'custom',
						tokenUrl: 'http://x/token',
						audience,
						platformUrl: 'http://x/p',
						dialogportenUrl: 'http://x/d',
					}),
				).cacheKey;
			expect(custom('http://x/')).not.toBe(custom('http://y/'));
		});

		it('keeps the Maskinporten key when only the exchange changes', () => {
			const plain = parseMaskinportenCredential(base());
			const exchanged = parseMaskinportenCredential({ ...base(), exchangeToAltinnToken: true });
			expect(exchanged.maskinportenKey).toBe(plain.maskinportenKey);
			expect(exchanged.cacheKey).not.toBe(plain.cacheKey);
		});

		it('is the same for the same configuration and holds no key material', () => {
			const a = parseMaskinportenCredential(base());
			const b = parseMaskinportenCredential(base());
			expect(a.cacheKey).toBe(b.cacheKey);
			expect(a.cacheKey).toMatch(/^maskinporten:[0-9a-f]{40}$/);
			const cert = parseMaskinportenCredential(
				credential({
					keyType: 'certificate',
					certificateChain: chain.leafPem,
					privateKey: chain.leafKeyPem,
				}),
			);
			for (const key of [a.cacheKey, cert.cacheKey]) {
				expect(key).not.toContain(String(rsa.jwk.d).slice(0, 16));
				expect(key).not.toContain('client-1');
			}
		});
	});
});

describe('token request', () => {
	const now = () => 1_700_000_000_000;

	function endpoint(respond: (form: URLSearchParams) => { statusCode: number; body: string }) {
		const requests: IHttpRequestOptions[] = [];
		const http = async (options: IHttpRequestOptions) => {
			requests.push(options);
			const response = respond(new URLSearchParams(String(options.body)));
			return { ...response, headers: {} };
		};
		return { http, requests };
	}

	it('posts the signed grant form-encoded to the token URL and reads expires_in', async () => {
		const { http, requests } = endpoint(() => ({
			statusCode: 200,
			body: JSON.stringify({
				access_token: 'mp-token',
				token_type: 'Bearer',
				expires_in: 119,
				scope: 'digdir:dialogporten.serviceprovider',
			}),
		}));
		const config = parseMaskinportenCredential(credential());
		const token = await requestMaskinportenToken(http, config, now);
		expect(token).toEqual({
			token: 'mp-token',
			expiresAt: now() + 119_000,
			issuedAt: now(),
			scope: 'digdir:dialogporten.serviceprovider',
		});
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: 'https://test.maskinporten.no/token',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		const form = new URLSearchParams(String(requests[0].body));
		expect([...form.keys()].sort()).toEqual(['assertion', 'grant_type']);
		expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
		expect(decodeJwt(form.get('assertion')!)).toMatchObject({
			aud: 'https://test.maskinporten.no/',
			iss: 'client-1',
		});
	});

	it("reports Maskinporten's error code and description with a hint, never the grant", async () => {
		let assertion = '';
		const { http } = endpoint((form) => {
			assertion = form.get('assertion')!;
			return {
				statusCode: 400,
				body: JSON.stringify({
					error: 'invalid_altinn_customer_configuration',
					error_description: 'MP-303 Invalid authorization details values. (trace_id: 4f1d2a)',
				}),
			};
		});
		const config = parseMaskinportenCredential(
			credential({ grantType: 'systemUser', systemUserOrg: '310000051' }),
		);
		const error = await rejectionOf(requestMaskinportenToken(http, config, now));
		expect(error.message).toBe(
			'Maskinporten refused the token request (HTTP 400): invalid_altinn_customer_configuration: MP-303 Invalid authorization details values. (trace_id: 4f1d2a)',
		);
		expect(error.description).toMatch(
			/System User Organization must be the organization that owns the system user/,
		);
		expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
			assertion,
		);
		expect(assertion).not.toBe('');
	});

	it('retries once on 503 and then reports it', async () => {
		const { http, requests } = endpoint(() => ({ statusCode: 503, body: 'Service Unavailable' }));
		const config = parseMaskinportenCredential(credential());
		await expect(requestMaskinportenToken(http, config, now)).rejects.toThrow(
			'Maskinporten answered HTTP 503: Service Unavailable',
		);
		expect(requests).toHaveLength(2);
	});

	it('does not retry a refused grant', async () => {
		const { http, requests } = endpoint(() => ({
			statusCode: 400,
			body: JSON.stringify({ error: 'invalid_scope', error_description: 'MP-200 Invalid scope' }),
		}));
		await expect(
			requestMaskinportenToken(http, parseMaskinportenCredential(credential()), now),
		).rejects.toThrow('invalid_scope: MP-200 Invalid scope');
		expect(requests).toHaveLength(1);
	});

	it('reports an unreachable endpoint by its error code only', async () => {
		const http = async () => {
			throw Object.assign(new Error('connect ECONNREFUSED'), {
				code: 'ECONNREFUSED',
				config: { data: 'assertion=secret' },
			});
		};
		const error = await rejectionOf(
			requestMaskinportenToken(http, parseMaskinportenCredential(credential()), now),
		);
		expect(error.message).toBe(
			'Could not reach Maskinporten at https://test.maskinporten.no/token (ECONNREFUSED)',
		);
		expect(error.cause).toBeUndefined();
	});
});

describe('Altinn token exchange', () => {
	const now = () => 1_700_000_000_000;
	const altinnToken = unsignedJwt({ iat: 1_700_000_000, exp: 1_700_001_800, scope: 'x' });

	it.each([
		['a raw JWT', altinnToken],
		['a JSON-quoted JWT', JSON.stringify(altinnToken)],
		['a JSON-quoted JWT with whitespace', `  ${JSON.stringify(altinnToken)}\n`],
	])('accepts %s', (_, body) => {
		expect(parseExchangeBody(body)).toBe(altinnToken);
	});

	it.each(['', '""', '"not a token"', '{"token":"x"}', 'eyJ.broken'])('rejects %j', (body) => {
		expect(parseExchangeBody(body)).toBeUndefined();
	});

	it("sends the bearer token and caches by the exchanged token's own exp", async () => {
		const requests: IHttpRequestOptions[] = [];
		const http = async (options: IHttpRequestOptions) => {
			requests.push(options);
			return { statusCode: 200, body: JSON.stringify(altinnToken), headers: {} };
		};
		const result = await exchangeForAltinnToken(
			http,
			'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten?test=true',
			'mp-token',
			'Maskinporten',
			now,
		);
		expect(result).toEqual({
			ok: true,
			token: { token: altinnToken, expiresAt: 1_700_001_800_000, issuedAt: 1_700_000_000_000 },
		});
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: 'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten?test=true',
			headers: { Authorization: 'Bearer mp-token' },
		});
	});

	it("reports a refusal with Altinn's problem details, never the bearer token", async () => {
		const bearer = unsignedJwt({ scope: 'openid digdir:dialogporten' });
		const http = async () => ({
			statusCode: 403,
			body: JSON.stringify({
				title: 'Forbidden',
				detail: `Token ${bearer} lacks an altinn scope`,
				traceId: '00-abc-01',
			}),
			headers: {},
		});
		const result = await exchangeForAltinnToken(
			http,
			'https://x/exchange/id-porten',
			bearer,
			'ID-porten',
			now,
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.status).toBe(403);
		expect(result.error.message).toBe(
			'The Altinn token exchange refused the ID-porten token (HTTP 403): Forbidden – Token [redacted] lacks an altinn scope – traceId 00-abc-01',
		);
		expect(result.error.description).toMatch(/altinn: scope/);
	});
});

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { parseMaskinportenCredential } from '../../../../nodes/Dialogporten/auth/maskinporten';
import { maskinportenData } from './credentialData';
import {
	certificateChain,
	rsaMaterial,
	type CertificateChain,
	type RsaMaterial,
} from './keyMaterial';

let rsa: RsaMaterial;
let chain: CertificateChain;
beforeAll(() => {
	rsa = rsaMaterial('kid-1');
	chain = certificateChain();
});

function credential(overrides: ICredentialDataDecryptedObject = {}) {
	return maskinportenData(rsa.jwk, overrides);
}

describe('Maskinporten credential configuration', () => {
	it('parses a set of settings once a minute, whatever token n8n stored beside it', () => {
		const now = Date.now();
		const first = parseMaskinportenCredential(credential(), now);
		const withToken = parseMaskinportenCredential(
			credential({ accessToken: 'a', expiresAt: 1, refreshAt: 1, configFingerprint: 'x' }),
			now + 1000,
		);
		expect(withToken).toBe(first);
		expect(parseMaskinportenCredential(credential({ scopes: 'other:scope' }), now)).not.toBe(first);
		expect(parseMaskinportenCredential(credential(), now + 61_000)).not.toBe(first);
		expect(parseMaskinportenCredential(credential(), now + 61_000)).toEqual(first);
	});

	it('uses the documented endpoints for Test and Production', () => {
		const test = parseMaskinportenCredential(credential());
		expect(test).toMatchObject({
			tokenUrl: 'https://test.maskinporten.no/token',
			audience: 'https://test.maskinporten.no/',
			endpoints: {
				platform: 'https://platform.tt02.altinn.no',
				dialogporten: 'https://platform.tt02.altinn.no/dialogporten',
				events: 'https://platform.tt02.altinn.no/events/api/v1',
				inbox: 'https://af.tt.altinn.no',
			},
			exchangeUrl: 'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten',
		});
		const production = parseMaskinportenCredential(
			credential({ environment: 'production', exchangeToAltinn: true, altinnTestOrg: true }),
		);
		expect(production).toMatchObject({
			tokenUrl: 'https://maskinporten.no/token',
			audience: 'https://maskinporten.no/',
			endpoints: {
				platform: 'https://platform.altinn.no',
				dialogporten: 'https://platform.altinn.no/dialogporten',
				inbox: 'https://af.altinn.no',
			},
			// The test organization exists only in TT02: a switch left on from Test is ignored.
			exchangeUrl: 'https://platform.altinn.no/authentication/api/v1/exchange/maskinporten',
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
		// No inbox named: the dialog picker links to the API instead.
		expect(config.endpoints.inbox).toBeUndefined();
		const withInbox = parseMaskinportenCredential(
			credential({
				environment: 'custom',
				tokenUrl: 'http://127.0.0.1:7780/maskinporten/token',
				audience: 'http://127.0.0.1:7780/maskinporten/',
				platformUrl: 'http://127.0.0.1:7780/platform/',
				dialogportenUrl: 'http://127.0.0.1:7780/dialogporten/',
				inboxUrl: ' http://127.0.0.1:7780/af/ ',
			}),
		);
		expect(withInbox.endpoints.inbox).toBe('http://127.0.0.1:7780/af');
	});

	it.each([
		[
			{ environment: 'staging' },
			'Unknown environment "staging": choose Test, Production or Custom',
		],
		[{ environment: 'custom' }, 'Token URL is required when the environment is Custom'],
		[
			{
				environment: 'custom',
				tokenUrl: 'http://x/token',
				audience: 'http://x/',
				platformUrl: 'http://x/p',
				dialogportenUrl: 'http://x/d',
				inboxUrl: 'af.example.no',
			},
			'Altinn Inbox URL "af.example.no" is not a valid URL',
		],
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
			['exchange', { exchangeToAltinn: true }],
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
				parseMaskinportenCredential(credential({ exchangeToAltinn: true, altinnTestOrg: test }))
					.cacheKey;
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
			const exchanged = parseMaskinportenCredential({ ...base(), exchangeToAltinn: true });
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

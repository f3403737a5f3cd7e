import { X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, importJWK, importX509, jwtVerify, type KeyLike } from 'jose';
import {
	GRANT_LIFETIME_SECONDS,
	buildGrant,
	type GrantInput,
	type MaskinportenGrantType,
} from '../../../../nodes/Dialogporten/auth/grant';
import {
	parseCertificateKey,
	parseJwkKey,
	type SigningAlgorithm,
	type SigningKey,
} from '../../../../nodes/Dialogporten/auth/keys';
import {
	certificateChain,
	rsaMaterial,
	type CertificateChain,
	type RsaMaterial,
} from './keyMaterial';

const AUDIENCE = 'https://test.maskinporten.no/';
const CLIENT_ID = '2f4c6d8e-1a3b-4c5d-9e7f-0a1b2c3d4e5f';
let NOW: number;

let jwkMaterial: RsaMaterial;
let chain: CertificateChain;
beforeAll(() => {
	jwkMaterial = rsaMaterial('my-registered-kid');
	chain = certificateChain();
	NOW = Date.now();
});

type KeyKind = 'jwk' | 'certificate';

function signingKey(kind: KeyKind): SigningKey {
	return kind === 'jwk'
		? parseJwkKey(JSON.stringify(jwkMaterial.jwk))
		: parseCertificateKey(`${chain.leafPem}\n${chain.caPem}`, chain.leafKeyPem, NOW);
}

async function verificationKey(kind: KeyKind, alg: SigningAlgorithm): Promise<KeyLike> {
	if (kind === 'jwk') {
		const { kty, n, e } = jwkMaterial.jwk as Record<string, string>;
		return (await importJWK({ kty, n, e }, alg)) as KeyLike;
	}
	return await importX509(chain.leafPem, alg);
}

function input(
	grantType: MaskinportenGrantType,
	kind: KeyKind,
	algorithm: SigningAlgorithm = 'RS256',
): GrantInput {
	return {
		audience: AUDIENCE,
		clientId: CLIENT_ID,
		scopes:
			grantType === 'systemUser'
				? ['digdir:dialogporten', 'altinn:correspondence.read']
				: ['digdir:dialogporten.serviceprovider'],
		grantType,
		systemUserOrg: grantType === 'systemUser' ? '310000051' : undefined,
		externalRef: grantType === 'systemUser' ? 'kunde-4711' : undefined,
		consumerOrg: grantType === 'supplier' ? '310000019' : undefined,
		algorithm,
		key: signingKey(kind),
		now: NOW,
	};
}

const cases: Array<[MaskinportenGrantType, KeyKind]> = [
	['client', 'jwk'],
	['client', 'certificate'],
	['systemUser', 'jwk'],
	['systemUser', 'certificate'],
	['supplier', 'jwk'],
	['supplier', 'certificate'],
];

describe('Maskinporten JWT grant', () => {
	describe.each(cases)('%s grant signed with a %s key', (grantType, kind) => {
		it.each(['RS256', 'RS384', 'RS512'] as SigningAlgorithm[])(
			'verifies with %s and carries exactly the documented header and claims',
			async (alg) => {
				const grant = buildGrant(input(grantType, kind, alg));
				const { payload, protectedHeader } = await jwtVerify(
					grant,
					await verificationKey(kind, alg),
					{
						algorithms: [alg],
						audience: AUDIENCE,
						issuer: CLIENT_ID,
						currentDate: new Date(NOW),
					},
				);

				if (kind === 'jwk') {
					expect(protectedHeader).toEqual({ alg, kid: 'my-registered-kid' });
				} else {
					expect(protectedHeader).toEqual({ alg, x5c: [chain.leafDerBase64, chain.caDerBase64] });
				}

				const expectedKeys = ['aud', 'exp', 'iat', 'iss', 'jti', 'scope'];
				if (grantType === 'systemUser') expectedKeys.push('authorization_details');
				if (grantType === 'supplier') expectedKeys.push('consumer_org');
				expect(Object.keys(payload).sort()).toEqual(expectedKeys.sort());
				expect(payload.aud).toBe(AUDIENCE);
				expect(payload.iss).toBe(CLIENT_ID);
				expect(payload.iat).toBe(Math.floor(NOW / 1000));
				expect(payload.exp! - payload.iat!).toBeGreaterThan(0);
				expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(120);
				expect(payload.exp! - payload.iat!).toBe(GRANT_LIFETIME_SECONDS);
				expect(payload.jti).toMatch(
					/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
				);

				if (grantType === 'systemUser') {
					expect(payload.scope).toBe('digdir:dialogporten altinn:correspondence.read');
					expect(payload.authorization_details).toEqual([
						{
							type: 'urn:altinn:systemuser',
							systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:310000051' },
							externalRef: 'kunde-4711',
						},
					]);
				} else {
					expect(payload.scope).toBe('digdir:dialogporten.serviceprovider');
				}
				if (grantType === 'supplier') expect(payload.consumer_org).toBe('310000019');
			},
		);
	});

	it('omits externalRef when the system user has none', async () => {
		const grant = buildGrant({ ...input('systemUser', 'jwk'), externalRef: undefined });
		const { payload } = await jwtVerify(grant, await verificationKey('jwk', 'RS256'), {
			currentDate: new Date(NOW),
		});
		expect(payload.authorization_details).toEqual([
			{
				type: 'urn:altinn:systemuser',
				systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:310000051' },
			},
		]);
	});

	it('gives every grant its own jti', () => {
		const jtis = new Set<string>();
		for (let i = 0; i < 500; i++) {
			const grant = buildGrant(input('client', 'jwk'));
			const payload = JSON.parse(
				Buffer.from(grant.split('.')[1], 'base64url').toString('utf8'),
			) as { jti: string };
			jtis.add(payload.jti);
		}
		expect(jtis.size).toBe(500);
	});

	it('sends x5c as standard base64 DER, leaf first even when the chain is pasted CA first', () => {
		const key = parseCertificateKey(`${chain.caPem}${chain.leafPem}`, chain.leafKeyPem, NOW);
		const header = decodeProtectedHeader(buildGrant({ ...input('client', 'jwk'), key }));
		expect(header.x5c).toEqual([chain.leafDerBase64, chain.caDerBase64]);
		const leaf = new X509Certificate(Buffer.from(header.x5c![0], 'base64'));
		expect(leaf.checkPrivateKey(key.privateKey)).toBe(true);
		expect(header.x5c!.every((c) => /^[A-Za-z0-9+/]+={0,2}$/.test(c))).toBe(true);
		expect(header).not.toHaveProperty('kid');
	});

	it('uses the Key ID override as kid', () => {
		const key = parseJwkKey(JSON.stringify(jwkMaterial.jwk), 'registered-in-samarbeidsportalen');
		expect(decodeProtectedHeader(buildGrant({ ...input('client', 'jwk'), key }))).toEqual({
			alg: 'RS256',
			kid: 'registered-in-samarbeidsportalen',
		});
	});
});

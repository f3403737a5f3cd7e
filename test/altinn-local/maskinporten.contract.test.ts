// Maskinporten grant verification, rule by rule: each documented rule with a grant that passes and
// one that fails with the documented error.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import {
	createGrant,
	decodeJwt,
	fixtures,
	grant,
	postGrant,
	start,
	type AltinnLocal,
} from './support';

const {
	serviceOwnerClient,
	certificateClient,
	systemUserClient,
	supplierClient,
	organizations,
	pki,
} = fixtures;
const SCOPE = 'digdir:dialogporten.serviceprovider';

let local: AltinnLocal;
beforeAll(async () => {
	local = await start({ seedDialogs: 0 });
});
afterAll(() => local.stop());

function expectError(
	result: { status: number; body: Record<string, unknown> },
	error: string,
	code?: string,
) {
	expect(result.status).toBeGreaterThanOrEqual(400);
	expect(result.body.error).toBe(error);
	expect(typeof result.body.error_description).toBe('string');
	if (code) expect(result.body.error_description).toContain(code);
	expect(result.body.access_token).toBeUndefined();
}

describe('successful grant', () => {
	it('issues a signed JWT access token with the documented claims and an honest expires_in', async () => {
		const result = await grant(local, serviceOwnerClient, { scope: SCOPE });
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ token_type: 'Bearer', scope: SCOPE, expires_in: 120 });
		const jwks = createRemoteJWKSet(new URL(local.urls.maskinporten.jwks));
		const { payload } = await jwtVerify(result.body.access_token as string, jwks, {
			issuer: local.urls.maskinporten.issuer,
		});
		expect(payload).toMatchObject({
			client_id: serviceOwnerClient.clientId,
			client_amr: 'private_key_jwt',
			token_type: 'Bearer',
			scope: SCOPE,
			aud: 'unspecified',
			consumer: {
				authority: 'iso6523-actorid-upis',
				ID: `0192:${organizations.serviceOwner.orgNumber}`,
			},
		});
		expect((payload.exp as number) - (payload.iat as number)).toBe(result.body.expires_in);
		expect(local.stats.maskinportenGrants(serviceOwnerClient.clientId)).toBeGreaterThan(0);
	});

	it('publishes the well-known metadata with the issuer used as grant audience', async () => {
		const res = await fetch(local.urls.maskinporten.wellKnown);
		const body = await res.json();
		expect(body).toMatchObject({
			issuer: local.urls.maskinporten.issuer,
			token_endpoint: local.urls.maskinporten.token,
			jwks_uri: local.urls.maskinporten.jwks,
			token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
		});
		expect(local.urls.maskinporten.issuer).toBe(`${local.baseUrl}/maskinporten/`);
	});
});

describe('alg: RS256, RS384, RS512 only', () => {
	it.each(['RS256', 'RS384', 'RS512'])('accepts %s', async (alg) => {
		expect((await grant(local, serviceOwnerClient, { scope: SCOPE, alg })).status).toBe(200);
	});
	it('rejects PS256', async () => {
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, alg: 'PS256' }),
			'invalid_grant',
		);
	});
});

describe('kid or x5c', () => {
	it('accepts a registered kid', async () => {
		expect(
			(
				await grant(local, serviceOwnerClient, {
					scope: SCOPE,
					kid: serviceOwnerClient.keys[0].kid,
				})
			).status,
		).toBe(200);
	});
	it('rejects an unknown kid (MP-100)', async () => {
		expectError(
			await grant(local, serviceOwnerClient, {
				scope: SCOPE,
				kid: 'no-such-key',
				privateJwk: { ...serviceOwnerClient.keys[0].privateJwk, kid: 'no-such-key' },
			}),
			'invalid_grant',
			'MP-100',
		);
	});
	it('rejects an expired key (MP-121)', async () => {
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, kid: 'ttd-altinn-local-key-expired' }),
			'invalid_grant',
			'MP-121',
		);
	});
	it('accepts the business certificate in x5c', async () => {
		const result = await grant(local, certificateClient, { scope: SCOPE, useCertificate: true });
		expect(result.status).toBe(200);
		expect(decodeJwt(result.body.access_token as string).client_amr).toBe('virksomhetssertifikat');
	});
	it('rejects x5c that is not an array (MP-123)', async () => {
		const good = await createGrant(certificateClient, {
			issuer: local.urls.maskinporten.issuer,
			scope: SCOPE,
			useCertificate: true,
		});
		const [h] = good.split('.');
		const header = JSON.parse(Buffer.from(h, 'base64url').toString());
		const bad = await createGrant(certificateClient, {
			issuer: local.urls.maskinporten.issuer,
			scope: SCOPE,
			useCertificate: true,
			extraHeader: { x5c: header.x5c[0] },
		});
		expectError(await postGrant(local, bad), 'invalid_grant', 'MP-123');
	});
	it('rejects a grant with neither kid nor x5c', async () => {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const { SignJWT } = await import('jose');
		const now = Math.floor(Date.now() / 1000);
		const assertion = await new SignJWT({
			aud: local.urls.maskinporten.issuer,
			iss: serviceOwnerClient.clientId,
			scope: SCOPE,
			iat: now,
			exp: now + 60,
			jti: 'x-' + now,
		})
			.setProtectedHeader({ alg: 'RS256' })
			.sign(privateKey);
		expectError(await postGrant(local, assertion), 'invalid_grant', 'MP-100');
	});
	it('refuses a header with both kid and x5c', async () => {
		expectError(
			await grant(local, certificateClient, {
				scope: SCOPE,
				useCertificate: true,
				extraHeader: { kid: serviceOwnerClient.keys[0].kid },
			}),
			'invalid_grant',
			'MP-100',
		);
	});
	it('accepts the business certificate alone and with its chain up to the test CA', async () => {
		const der = (pem: string) => new X509Certificate(pem).raw.toString('base64');
		expect(
			(await grant(local, certificateClient, { scope: SCOPE, useCertificate: true })).status,
		).toBe(200);
		const withChain = await grant(local, certificateClient, {
			scope: SCOPE,
			useCertificate: true,
			extraHeader: { x5c: [der(certificateClient.certificatePem), der(pki.testCa)] },
		});
		expect(withChain.status).toBe(200);
	});
	it('refuses a certificate without a trusted test CA behind it (MP-120)', async () => {
		expectError(
			await grant(
				local,
				{ ...certificateClient, ...pki.selfSignedCertificate },
				{
					scope: SCOPE,
					useCertificate: true,
				},
			),
			'invalid_grant',
			'MP-120',
		);
	});
	it('refuses a production certificate in the test environment (MP-120)', async () => {
		const result = await grant(
			local,
			{ ...certificateClient, ...pki.productionCertificate },
			{
				scope: SCOPE,
				useCertificate: true,
			},
		);
		expectError(result, 'invalid_grant', 'MP-120');
		expect(result.body.error_description).toContain('Production certificates');
	});
	it('refuses an x5c chain that does not link up (MP-123)', async () => {
		const der = (pem: string) => new X509Certificate(pem).raw.toString('base64');
		expectError(
			await grant(local, certificateClient, {
				scope: SCOPE,
				useCertificate: true,
				extraHeader: { x5c: [der(certificateClient.certificatePem), der(pki.productionCa)] },
			}),
			'invalid_grant',
			'MP-123',
		);
	});
	it("refuses another organisation's test certificate (MP-122)", async () => {
		expectError(
			await grant(
				local,
				{ ...certificateClient, ...pki.otherOrganizationCertificate },
				{
					scope: SCOPE,
					useCertificate: true,
				},
			),
			'invalid_grant',
			'MP-122',
		);
	});
	it('rejects a signature made with another key (MP-124)', async () => {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const jwk = {
			...(privateKey.export({ format: 'jwk' }) as Record<string, string>),
			kid: serviceOwnerClient.keys[0].kid,
			alg: 'RS256',
			use: 'sig',
		} as fixtures.PrivateJwk;
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, privateJwk: jwk }),
			'invalid_grant',
			'MP-124',
		);
	});
});

describe('claims', () => {
	it('aud must be the issuer, not the token endpoint (MP-110)', async () => {
		expect(
			(
				await grant(local, serviceOwnerClient, {
					scope: SCOPE,
					aud: local.urls.maskinporten.issuer,
				})
			).status,
		).toBe(200);
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, aud: local.urls.maskinporten.token }),
			'invalid_grant',
			'MP-110',
		);
	});
	it('aud must be a single value: an array is refused, even of the issuer alone (MP-110)', async () => {
		expectError(
			await grant(local, serviceOwnerClient, {
				scope: SCOPE,
				extraClaims: { aud: [local.urls.maskinporten.issuer] },
			}),
			'invalid_grant',
			'MP-110',
		);
	});
	it('iss must be a known client id (MP-100)', async () => {
		expect(
			(await grant(local, serviceOwnerClient, { scope: SCOPE, iss: serviceOwnerClient.clientId }))
				.status,
		).toBe(200);
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, iss: 'not-a-client' }),
			'invalid_grant',
			'MP-100',
		);
	});
	it('exp - iat may be at most 120 seconds', async () => {
		const now = Math.floor(Date.now() / 1000);
		expect(
			(await grant(local, serviceOwnerClient, { scope: SCOPE, iat: now, exp: now + 120 })).status,
		).toBe(200);
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, iat: now, exp: now + 121 }),
			'invalid_grant',
		);
	});
	it('iat must be within 10 seconds of now', async () => {
		const now = Math.floor(Date.now() / 1000);
		expect(
			(await grant(local, serviceOwnerClient, { scope: SCOPE, iat: now - 8, exp: now + 60 }))
				.status,
		).toBe(200);
		expect(
			(await grant(local, serviceOwnerClient, { scope: SCOPE, iat: now + 8, exp: now + 60 }))
				.status,
		).toBe(200);
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, iat: now + 15, exp: now + 60 }),
			'invalid_grant',
		);
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, iat: now - 15, exp: now + 60 }),
			'invalid_grant',
		);
	});
	it('an expired grant is rejected (MP-130)', async () => {
		const now = Math.floor(Date.now() / 1000);
		expectError(
			await grant(local, serviceOwnerClient, { scope: SCOPE, iat: now - 5, exp: now - 1 }),
			'invalid_grant',
			'MP-130',
		);
	});
	it('a jti is never accepted twice (MP-012)', async () => {
		const assertion = await createGrant(serviceOwnerClient, {
			issuer: local.urls.maskinporten.issuer,
			scope: SCOPE,
			jti: `once-${Date.now()}`,
		});
		expect((await postGrant(local, assertion)).status).toBe(200);
		expectError(await postGrant(local, assertion), 'invalid_grant', 'MP-012');
		// A different assertion with the same jti is a replay too.
		const again = await createGrant(serviceOwnerClient, {
			issuer: local.urls.maskinporten.issuer,
			scope: SCOPE,
			jti: decodeJwt(assertion).jti as string,
		});
		expectError(await postGrant(local, again), 'invalid_grant', 'MP-012');
	});
	it('scopes must be allowed for the client (MP-200)', async () => {
		expect(
			(await grant(local, serviceOwnerClient, { scope: `${SCOPE} altinn:serviceowner` })).status,
		).toBe(200);
		expectError(
			await grant(local, serviceOwnerClient, { scope: 'digdir:dialogporten' }),
			'invalid_scope',
			'MP-200',
		);
		expectError(await grant(local, systemUserClient, { scope: SCOPE }), 'invalid_scope', 'MP-200');
	});
	it('undocumented claims give "Invalid assertion"', async () => {
		expect(
			(
				await grant(local, serviceOwnerClient, {
					scope: SCOPE,
					resource: ['https://dialogporten.example/'],
				})
			).status,
		).toBe(200);
		const result = await grant(local, serviceOwnerClient, {
			scope: SCOPE,
			extraClaims: { sub: serviceOwnerClient.clientId },
		});
		expectError(result, 'invalid_grant');
		expect(result.body.error_description).toContain('Invalid assertion');
	});
	it('resource becomes the token audience', async () => {
		const result = await grant(local, serviceOwnerClient, {
			scope: SCOPE,
			resource: ['https://dialogporten.example/'],
		});
		expect(decodeJwt(result.body.access_token as string).aud).toBe('https://dialogporten.example/');
	});
	it('rejects a malformed request (MP-011) and another grant type', async () => {
		expectError(await postGrant(local, 'not.a-jwt'), 'invalid_request', 'MP-011');
		const res = await fetch(local.urls.maskinporten.token, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=client_credentials',
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toBe('unsupported_grant_type');
	});
});

describe('consumer_org (supplier)', () => {
	it('is accepted for a client with a delegation from that organisation', async () => {
		const result = await grant(local, supplierClient, {
			scope: SCOPE,
			consumerOrg: organizations.serviceOwner.orgNumber,
		});
		expect(result.status).toBe(200);
		const claims = decodeJwt(result.body.access_token as string);
		expect(claims.consumer).toEqual({
			authority: 'iso6523-actorid-upis',
			ID: `0192:${organizations.serviceOwner.orgNumber}`,
		});
		expect(claims.supplier).toEqual({
			authority: 'iso6523-actorid-upis',
			ID: `0192:${organizations.supplier.orgNumber}`,
		});
	});
	it('is rejected for a client without delegation', async () => {
		expectError(
			await grant(local, serviceOwnerClient, {
				scope: SCOPE,
				consumerOrg: organizations.bakery.orgNumber,
			}),
			'invalid_scope',
			'MP-251',
		);
		expectError(
			await grant(local, supplierClient, {
				scope: SCOPE,
				consumerOrg: organizations.bakery.orgNumber,
			}),
			'invalid_scope',
			'MP-251',
		);
	});
	it('is rejected for a delegated client asking for a scope that was not delegated (MP-250)', async () => {
		expectError(
			await grant(local, supplierClient, {
				scope: 'altinn:serviceowner',
				consumerOrg: organizations.serviceOwner.orgNumber,
			}),
			'invalid_scope',
			'MP-250',
		);
	});
	it('is not a way to get scopes the client does not have (no consumer_org)', async () => {
		expectError(await grant(local, supplierClient, { scope: SCOPE }), 'invalid_scope', 'MP-200');
	});
});

describe('authorization_details (system user)', () => {
	it('issues a system-user token for the owning organisation', async () => {
		const result = await grant(local, systemUserClient, {
			scope: 'digdir:dialogporten',
			systemUserOrg: organizations.bakery.orgNumber,
		});
		expect(result.status).toBe(200);
		const claims = decodeJwt(result.body.access_token as string);
		expect(claims.authorization_details).toEqual([
			{
				type: 'urn:altinn:systemuser',
				systemuser_org: {
					authority: 'iso6523-actorid-upis',
					id: `0192:${organizations.bakery.orgNumber}`,
				},
				systemuser_id: [fixtures.systemUsers.bakery.id],
				system_id: fixtures.systemUsers.bakery.systemId,
			},
		]);
		expect(claims.consumer).toEqual({
			authority: 'iso6523-actorid-upis',
			ID: `0192:${organizations.systemVendor.orgNumber}`,
		});
	});
	it('requires externalRef when the system user has one', async () => {
		const org = organizations.accountant.orgNumber;
		expectError(
			await grant(local, systemUserClient, { scope: 'digdir:dialogporten', systemUserOrg: org }),
			'invalid_altinn_customer_configuration',
			'MP-303',
		);
		expectError(
			await grant(local, systemUserClient, {
				scope: 'digdir:dialogporten',
				systemUserOrg: org,
				externalRef: 'wrong-ref',
			}),
			'invalid_altinn_customer_configuration',
			'MP-303',
		);
		const ok = await grant(local, systemUserClient, {
			scope: 'digdir:dialogporten',
			systemUserOrg: org,
			externalRef: 'kunde-4711',
		});
		expect(ok.status).toBe(200);
		expect(
			(
				decodeJwt(ok.body.access_token as string).authorization_details as Array<{
					externalRef: string;
				}>
			)[0].externalRef,
		).toBe('kunde-4711');
	});
	it('rejects an organisation without a system user for the client (MP-303)', async () => {
		expectError(
			await grant(local, systemUserClient, {
				scope: 'digdir:dialogporten',
				systemUserOrg: organizations.fishery.orgNumber,
			}),
			'invalid_altinn_customer_configuration',
			'MP-303',
		);
		expectError(
			await grant(local, serviceOwnerClient, {
				scope: SCOPE,
				systemUserOrg: organizations.bakery.orgNumber,
			}),
			'invalid_altinn_customer_configuration',
			'MP-303',
		);
	});
	it('rejects an unknown type (MP-301) and unknown fields (MP-302)', async () => {
		const base = { scope: 'digdir:dialogporten' };
		expectError(
			await grant(local, systemUserClient, {
				...base,
				extraClaims: {
					authorization_details: [
						{
							type: 'urn:altinn:consent',
							systemuser_org: {
								authority: 'iso6523-actorid-upis',
								ID: `0192:${organizations.bakery.orgNumber}`,
							},
						},
					],
				},
			}),
			'invalid_authorization_details',
			'MP-301',
		);
		expectError(
			await grant(local, systemUserClient, {
				...base,
				extraClaims: {
					authorization_details: [
						{
							type: 'urn:altinn:systemuser',
							systemuser_org: {
								authority: 'iso6523-actorid-upis',
								ID: `0192:${organizations.bakery.orgNumber}`,
							},
							party: 'x',
						},
					],
				},
			}),
			'invalid_authorization_details',
			'MP-302',
		);
	});
});

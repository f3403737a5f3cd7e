import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import {
	TokenService,
	maskinportenAuthenticate,
	maskinportenPreAuthentication,
	setTokenService,
} from '../../../../nodes/Dialogporten/auth';
import { parseMaskinportenCredential } from '../../../../nodes/Dialogporten/auth/maskinporten';
import { markRetriedOnlyAfter401 } from '../../../../nodes/Dialogporten/auth/preAuthentication';
import { maskinportenData, unsignedJwt } from './credentialData';
import { rsaMaterial, type RsaMaterial } from './keyMaterial';

const NOW = 1_700_000_000_000;
let rsa: RsaMaterial;
let grants = 0;
let previous: TokenService;

beforeAll(() => {
	rsa = rsaMaterial('kid-1');
});
beforeEach(() => {
	grants = 0;
	previous = setTokenService(new TokenService(() => NOW));
});
afterEach(() => {
	setTokenService(previous);
});

/** What n8n hands preAuthentication: helpers whose httpRequest is Maskinporten's token endpoint. */
const helpers: IHttpRequestHelper = {
	helpers: {
		httpRequest: async (options: IHttpRequestOptions) => {
			grants++;
			expect(options.url).toBe('https://test.maskinporten.no/token');
			return {
				statusCode: 200,
				headers: {},
				body: JSON.stringify({
					access_token: unsignedJwt({ iat: NOW / 1000, exp: NOW / 1000 + 120, n: grants }),
					expires_in: 120,
				}),
			};
		},
	} as IHttpRequestHelper['helpers'],
};

/** Credential data as n8n stores it after a preAuthentication that returned `token`. */
function stored(token: string, overrides: ICredentialDataDecryptedObject = {}) {
	const data = maskinportenData(rsa.jwk, overrides);
	return {
		...data,
		accessToken: token,
		expiresAt: NOW + 120_000,
		refreshAt: NOW + 90_000,
		configFingerprint: parseMaskinportenCredential(data).cacheKey,
	};
}

/** n8n's order for one request: authenticate (the token goes out), then preAuthentication after a failure. */
async function afterFailedRequest(data: ICredentialDataDecryptedObject) {
	const request = await maskinportenAuthenticate(data, { url: 'https://api.example/x' });
	expect(request.headers).toEqual({ Authorization: `Bearer ${String(data.accessToken)}` });
	return await maskinportenPreAuthentication.call(helpers, data);
}

const fresh = unsignedJwt({ iat: NOW / 1000 - 10, exp: NOW / 1000 + 110 });
const withinMargin = unsignedJwt({ iat: NOW / 1000 - 100, exp: NOW / 1000 + 20 });

it('gets a token when none is stored', async () => {
	const output = await maskinportenPreAuthentication.call(helpers, stored(''));
	expect(output.accessToken).toEqual(expect.any(String));
	expect(grants).toBe(1);
});

it('keeps a fresh token after a failed request that was not about it (no token returned)', async () => {
	expect(await afterFailedRequest(stored(fresh))).toEqual({});
	expect(grants).toBe(0);
});

it('replaces a token within its refresh margin, by the JWT’s own exp and iat', async () => {
	const output = await afterFailedRequest(stored(withinMargin, {}));
	expect(output.accessToken).not.toBe(withinMargin);
	expect(grants).toBe(1);
});

it('judges a token that is not a JWT by the stored refresh time', async () => {
	expect(await afterFailedRequest({ ...stored('opaque-token'), refreshAt: NOW + 1 })).toEqual({});
	expect(
		(await afterFailedRequest({ ...stored('opaque-token'), refreshAt: NOW })).accessToken,
	).toEqual(expect.any(String));
	expect(grants).toBe(1);
});

it('replaces a token made for other settings', async () => {
	const data = {
		...stored(fresh),
		scopes: 'digdir:dialogporten.serviceprovider altinn:serviceowner',
	};
	expect((await afterFailedRequest(data)).accessToken).toEqual(expect.any(String));
	expect(grants).toBe(1);
});

it('replaces a fresh token when the request was one of the nodes’ (refused only with a 401)', async () => {
	const data = stored(fresh);
	markRetriedOnlyAfter401(data);
	expect((await afterFailedRequest(data)).accessToken).toEqual(expect.any(String));
	expect(grants).toBe(1);
});

it('replaces a stored token it has not seen sent (n8n asks with one only after a failed request)', async () => {
	const output = await maskinportenPreAuthentication.call(helpers, stored(fresh));
	expect(output.accessToken).not.toBe(fresh);
	expect(grants).toBe(1);
});

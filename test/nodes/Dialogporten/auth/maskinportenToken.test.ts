import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { decodeJwt } from 'jose';
import { parseMaskinportenCredential } from '../../../../nodes/Dialogporten/auth/maskinporten';
import { requestMaskinportenToken } from '../../../../nodes/Dialogporten/auth/maskinportenToken';
import { maskinportenData, rejectionOf } from './credentialData';
import { rsaMaterial, type RsaMaterial } from './keyMaterial';

let rsa: RsaMaterial;
beforeAll(() => {
	rsa = rsaMaterial('kid-1');
});

function credential(overrides: ICredentialDataDecryptedObject = {}) {
	return maskinportenData(rsa.jwk, overrides);
}

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
			'Could not reach Maskinporten at https://test.maskinporten.no/token (connection refused)',
		);
		expect(error.cause).toBeUndefined();
	});

	it("names n8n's refusal of a host outside the credential's allowed domains", async () => {
		// What n8n throws, before sending, for a credential restricted to specific domains.
		const refusal =
			'Domain not allowed: This credential is restricted from accessing test.maskinporten.no. Only the following domains are allowed: platform.tt02.altinn.no';
		const http = async () => {
			throw new Error(refusal);
		};
		const error = await rejectionOf(
			requestMaskinportenToken(http, parseMaskinportenCredential(credential()), now),
		);
		expect(error.message).toBe(
			`Could not reach Maskinporten at https://test.maskinporten.no/token: ${refusal}`,
		);
	});
});

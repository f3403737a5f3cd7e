import { SecretScanner } from './secretScanner';
import { serviceOwnerClient } from '../../../altinn-local/fixtures';

function jwt(header: Record<string, unknown>, payload: Record<string, unknown>) {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('SecretScanner', () => {
	it('finds fixture key material, registered tokens and credential-issued JWTs anywhere in a value', () => {
		const scanner = new SecretScanner();
		scanner.addFixtureSecrets();
		scanner.addToken('opaque-token-0123456789');
		scanner.record({ json: { note: `key ${serviceOwnerClient.keys[0].privateJwk.d}` } }, 'output');
		scanner.record(
			Object.assign(new Error('failed'), {
				cause: { headers: { Authorization: 'Bearer opaque-token-0123456789' } },
			}),
			'error',
		);
		scanner.record(
			`grant ${jwt({ alg: 'RS256', kid: 'k' }, { aud: 'http://127.0.0.1:1/maskinporten/', iss: 'c', scope: 's', jti: 'j' })}`,
			'log',
		);
		scanner.record(
			`token ${jwt({ alg: 'RS256' }, { iss: 'http://127.0.0.1:1/platform/authentication/api/v1/openid/' })}`,
			'description',
		);
		expect(scanner.findings()).toEqual([
			expect.stringMatching(/member d in output$/),
			'token in error',
			'grant assertion in log',
			expect.stringMatching(/^token from .*platform.* in description$/),
		]);
		expect(() => scanner.assertClean()).toThrow(/Secrets found/);
	});

	it('passes clean values and JWTs that are API data', () => {
		const scanner = new SecretScanner();
		scanner.addFixtureSecrets();
		scanner.record({
			json: {
				id: 'dialog-1',
				dialogToken: jwt(
					{ alg: 'EdDSA' },
					{ iss: 'https://platform.tt02.altinn.no/dialogporten/api/v1' },
				),
			},
		});
		expect(scanner.findings()).toEqual([]);
	});
});

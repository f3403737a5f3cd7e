import { UserError } from 'n8n-workflow';
import {
	assertIdPortenScopesGranted,
	missingIdPortenScopes,
} from '../../../../nodes/Dialogporten/auth/idporten';

const unsignedJwt = (claims: Record<string, unknown>) =>
	`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

const ASKED = 'openid digdir:dialogporten altinn:portal/enduser altinn:correspondence.read';

describe('scopes the stored ID-porten token lacks', () => {
	it('are the asked-for scopes missing from the token response n8n stored', () => {
		expect(
			missingIdPortenScopes({
				scope: ASKED,
				oauthTokenData: {
					access_token: unsignedJwt({ scope: ASKED }),
					scope: 'openid digdir:dialogporten',
				},
			}),
		).toEqual(['altinn:portal/enduser', 'altinn:correspondence.read']);
	});

	it("are read from the access token's scope claim when the token response named none", () => {
		expect(
			missingIdPortenScopes({
				scope: ASKED,
				oauthTokenData: { access_token: unsignedJwt({ scope: 'openid digdir:dialogporten' }) },
			}),
		).toEqual(['altinn:portal/enduser', 'altinn:correspondence.read']);
	});

	it('are none when every asked-for scope was granted, in any order, space or comma separated', () => {
		expect(
			missingIdPortenScopes({
				scope: 'openid, digdir:dialogporten,altinn:portal/enduser',
				oauthTokenData: { scope: 'altinn:portal/enduser openid digdir:dialogporten extra' },
			}),
		).toEqual([]);
	});

	it('leave out openid and profile, which concern the login rather than the APIs', () => {
		expect(
			missingIdPortenScopes({
				scope: 'openid profile digdir:dialogporten',
				oauthTokenData: { scope: 'digdir:dialogporten' },
			}),
		).toEqual([]);
	});

	it('are none when the token does not say what it was granted (an opaque token, no scope field)', () => {
		expect(
			missingIdPortenScopes({ scope: ASKED, oauthTokenData: { access_token: 'opaque-token' } }),
		).toEqual([]);
		expect(missingIdPortenScopes({ scope: ASKED })).toEqual([]);
	});
});

describe('a token without the asked-for scopes', () => {
	it('is refused with the missing scopes and the likely cause: an n8n before 2.20', () => {
		let error: unknown;
		try {
			assertIdPortenScopesGranted({
				scope: ASKED,
				oauthTokenData: { scope: 'openid digdir:dialogporten' },
			});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(UserError);
		const { message, description } = error as UserError;
		expect(message).toBe(
			'The ID-porten token lacks scopes the credential asks for: altinn:portal/enduser altinn:correspondence.read',
		);
		expect(description).toContain('n8n releases before 2.20');
		expect(description).toContain('upgrade n8n to 2.20 or later and reconnect the credential');
		expect(description).toContain('the Scope was changed after the account was connected');
	});

	it('passes when nothing is missing', () => {
		expect(() =>
			assertIdPortenScopesGranted({ scope: ASKED, oauthTokenData: { scope: ASKED } }),
		).not.toThrow();
	});
});

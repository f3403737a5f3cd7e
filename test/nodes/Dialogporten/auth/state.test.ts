import { parseJwkKey } from '../../../../nodes/Dialogporten/auth/keys';
import {
	getTokenService,
	refreshIdPortenTokenOnce,
	setTokenService,
} from '../../../../nodes/Dialogporten/auth/state';
import { TokenService } from '../../../../nodes/Dialogporten/auth/tokenService';
import { rsaMaterial, type RsaMaterial } from './keyMaterial';

let rsa: RsaMaterial;
let original: TokenService;
beforeAll(() => {
	rsa = rsaMaterial('kid-1');
	original = getTokenService();
});
afterAll(() => {
	setTokenService(original);
});

describe('process-wide auth state', () => {
	it('setTokenService installs the service and hands back the previous one', () => {
		const mine = new TokenService();
		const previous = setTokenService(mine);
		expect(getTokenService()).toBe(mine);
		expect(setTokenService(previous)).toBe(mine);
		expect(getTokenService()).toBe(previous);
	});

	it('parses a signing key once, until setTokenService starts afresh', () => {
		const first = parseJwkKey(JSON.stringify(rsa.jwk));
		expect(parseJwkKey(JSON.stringify(rsa.jwk))).toBe(first);
		setTokenService(new TokenService());
		const after = parseJwkKey(JSON.stringify(rsa.jwk));
		expect(after).not.toBe(first);
		expect(after.fingerprint).toBe(first.fingerprint);
	});

	it('runs one ID-porten refresh per token at a time, and forgets it on setTokenService', async () => {
		let refreshes = 0;
		let finish: () => void = () => undefined;
		const gate = new Promise<void>((resolve) => (finish = resolve));
		const refresh = async () => {
			refreshes++;
			await gate;
		};
		const a = refreshIdPortenTokenOnce('token-1', refresh);
		const b = refreshIdPortenTokenOnce('token-1', refresh);
		expect(refreshes).toBe(1);
		setTokenService(new TokenService());
		const c = refreshIdPortenTokenOnce('token-1', refresh);
		expect(refreshes).toBe(2);
		finish();
		await Promise.all([a, b, c]);
	});
});

import { createPrivateKey } from 'node:crypto';
import {
	parseAlgorithm,
	parseCertificateKey,
	parseJwkKey,
} from '../../../../nodes/Dialogporten/auth/keys';
import {
	certificateChain,
	ecMaterial,
	rsaMaterial,
	type CertificateChain,
	type RsaMaterial,
} from './keyMaterial';

let rsa: RsaMaterial;
let other: RsaMaterial;
let chain: CertificateChain;
beforeAll(() => {
	rsa = rsaMaterial('kid-1');
	other = rsaMaterial('kid-2');
	chain = certificateChain();
});

describe('JWK keys', () => {
	it('reads a private JWK and uses its kid', () => {
		const key = parseJwkKey(JSON.stringify(rsa.jwk));
		expect(key.header).toEqual({ kid: 'kid-1' });
		expect(key.privateKey.asymmetricKeyType).toBe('rsa');
		expect(key.fingerprint).toMatch(/^[0-9a-f]{32}$/);
	});

	it('accepts base64-encoded JWK and a key set with one key', () => {
		expect(parseJwkKey(Buffer.from(JSON.stringify(rsa.jwk)).toString('base64')).header).toEqual({
			kid: 'kid-1',
		});
		expect(parseJwkKey(JSON.stringify({ keys: [rsa.jwk] })).header).toEqual({ kid: 'kid-1' });
		expect(parseJwkKey(JSON.stringify({ keys: [rsa.jwk, other.jwk] }), 'kid-2').fingerprint).toBe(
			parseJwkKey(JSON.stringify(other.jwk)).fingerprint,
		);
	});

	it('gives different keys and different kids different fingerprints', () => {
		const a = parseJwkKey(JSON.stringify(rsa.jwk));
		expect(parseJwkKey(JSON.stringify(other.jwk)).fingerprint).not.toBe(a.fingerprint);
		expect(parseJwkKey(JSON.stringify(rsa.jwk), 'another-kid').fingerprint).not.toBe(a.fingerprint);
	});

	it.each([
		['an empty field', '', /Private Key \(JWK\) is required/],
		['malformed JSON', '{"kty":"RSA",', /Private Key \(JWK\) is not valid JSON/],
		[
			'a PEM key',
			'-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
			/holds a PEM key; choose Key Type "Business Certificate"/,
		],
		['an array', '[1,2]', /must be a JSON object/],
	])('rejects %s', (_, value, message) => {
		expect(() => parseJwkKey(value)).toThrow(message);
	});

	it('rejects an EC key', () => {
		expect(() => parseJwkKey(JSON.stringify(ecMaterial().jwk))).toThrow(
			'Private Key (JWK) has kty "EC"; Maskinporten grants are signed with RSA keys (kty "RSA")',
		);
	});

	it('rejects a public JWK', () => {
		const { kty, n, e, kid } = rsa.jwk;
		expect(() => parseJwkKey(JSON.stringify({ kty, n, e, kid }))).toThrow(
			/is a public key: paste the private JWK/,
		);
	});

	it('rejects a JWK with malformed or mismatched members', () => {
		expect(() => parseJwkKey(JSON.stringify({ ...rsa.jwk, d: 42 }))).toThrow(/is a public key/);
		expect(() => parseJwkKey(JSON.stringify({ ...rsa.jwk, n: 'not base64url!' }))).toThrow(
			/Private Key \(JWK\) is not/,
		);
		// The private members of another key: each is well-formed, but they do not fit this modulus.
		const { d, p, q, dp, dq, qi } = other.jwk;
		expect(() => parseJwkKey(JSON.stringify({ ...rsa.jwk, d, p, q, dp, dq, qi }))).toThrow(
			'Private Key (JWK) is not a consistent RSA private key: its members do not form one key pair',
		);
	});

	it('rejects a JWK without kid unless Key ID is set', () => {
		const withoutKid = { ...rsa.jwk };
		delete withoutKid.kid;
		expect(() => parseJwkKey(JSON.stringify(withoutKid))).toThrow(
			'Private Key (JWK) has no "kid": set Key ID to the key id registered for the client in Samarbeidsportalen',
		);
		expect(parseJwkKey(JSON.stringify(withoutKid), 'set-by-user').header).toEqual({
			kid: 'set-by-user',
		});
	});

	it('asks for a kid when a key set has several keys', () => {
		expect(() => parseJwkKey(JSON.stringify({ keys: [rsa.jwk, other.jwk] }))).toThrow(
			/key set with 2 keys/,
		);
	});

	it('never puts key material in an error message', () => {
		const broken = JSON.stringify({ ...rsa.jwk, kty: 'oct' });
		let message = '';
		try {
			parseJwkKey(broken);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/kty "oct"/);
		expect(message).not.toContain(String(rsa.jwk.d));
		expect(message).not.toContain(String(rsa.jwk.n).slice(0, 20));
	});
});

describe('business certificate keys', () => {
	it('reads PKCS#8 and PKCS#1 keys and puts the chain in x5c, leaf first', () => {
		const pkcs8 = parseCertificateKey(`${chain.leafPem}${chain.caPem}`, chain.leafKeyPem);
		expect(pkcs8.header).toEqual({ x5c: [chain.leafDerBase64, chain.caDerBase64] });
		const pkcs1Pem = rsaFromPkcs8ToPkcs1(chain.leafKeyPem);
		expect(parseCertificateKey(chain.leafPem, pkcs1Pem).header).toEqual({
			x5c: [chain.leafDerBase64],
		});
	});

	it('tolerates PEM pasted with literal \\n sequences or flattened whitespace', () => {
		const escaped = chain.leafPem.replace(/\n/g, '\\n');
		const flattened = chain.leafKeyPem.replace(/\n/g, ' ');
		expect(parseCertificateKey(escaped, flattened).header).toEqual({ x5c: [chain.leafDerBase64] });
	});

	it('finds the key in the chain field when Private Key is empty (a combined PEM file)', () => {
		expect(parseCertificateKey(`${chain.leafPem}${chain.leafKeyPem}`, '').header).toEqual({
			x5c: [chain.leafDerBase64],
		});
	});

	it('rejects a key that does not belong to the certificate', () => {
		expect(() => parseCertificateKey(chain.leafPem, other.pkcs8)).toThrow(
			'The Private Key does not belong to the certificate: no certificate in the chain has the public key of this private key',
		);
	});

	it('rejects an expired or not yet valid certificate', () => {
		const tenYears = 3651 * 24 * 3600 * 1000;
		expect(() =>
			parseCertificateKey(chain.leafPem, chain.leafKeyPem, Date.now() + tenYears),
		).toThrow(/The certificate \(.*TESTBEDRIFT AS.*\) expired on/);
		expect(() =>
			parseCertificateKey(chain.leafPem, chain.leafKeyPem, Date.now() - 24 * 3600 * 1000),
		).toThrow(/is not valid before/);
	});

	it.each([
		['no certificate', '', 'KEY', /Certificate Chain is required/],
		['text that is not PEM', 'MIIC…', 'KEY', /Certificate Chain holds no PEM certificate/],
		[
			'a certificate block with broken base64',
			'-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----',
			'KEY',
			/not valid base64/,
		],
		[
			'a certificate block that is not X.509',
			'-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
			'KEY',
			/could not be read as an X.509 certificate/,
		],
		['no private key', 'CHAIN', '', /Private Key is required/],
		[
			'a private key field without PEM',
			'CHAIN',
			'not a key',
			/Private Key holds no PEM private key/,
		],
		[
			'an encrypted key',
			'CHAIN',
			'-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----',
			/encrypted with a passphrase/,
		],
		[
			'an EC key block',
			'CHAIN',
			'-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----',
			/is a "EC PRIVATE KEY"; Maskinporten grants are signed with RSA keys/,
		],
		[
			'a corrupt key',
			'CHAIN',
			'-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
			/Private Key could not be read as a private key/,
		],
	])('rejects %s', (_, chainText, keyText, message) => {
		const chainValue = chainText === 'CHAIN' ? chain.leafPem : chainText;
		const keyValue = keyText === 'KEY' ? chain.leafKeyPem : keyText;
		expect(() => parseCertificateKey(chainValue, keyValue)).toThrow(message);
	});

	it('rejects a non-RSA PEM key', () => {
		expect(() => parseCertificateKey(chain.leafPem, ecMaterial().pkcs8)).toThrow(
			'Private Key is a EC key; Maskinporten grants are signed with RSA (RS256/RS384/RS512)',
		);
	});
});

describe('algorithm', () => {
	it('defaults to RS256 and accepts RS384/RS512 only', () => {
		expect(parseAlgorithm('')).toBe('RS256');
		expect(parseAlgorithm('RS512')).toBe('RS512');
		expect(() => parseAlgorithm('ES256')).toThrow(
			'Signing algorithm "ES256" is not supported: Maskinporten accepts RS256, RS384 and RS512',
		);
	});
});

function rsaFromPkcs8ToPkcs1(pkcs8: string): string {
	return createPrivateKey(pkcs8).export({ format: 'pem', type: 'pkcs1' }) as string;
}

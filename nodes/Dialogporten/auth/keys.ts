/**
 * Reads the signing key of a Maskinporten client: a private JWK (header `kid`) or a business
 * certificate chain with its private key (header `x5c`). Everything is checked here, before any
 * request, and reported without echoing key material. Parsed keys are kept with the rest of the
 * process-wide state (state.ts), keyed by a hash of the input.
 */
import {
	X509Certificate,
	createHash,
	createPrivateKey,
	createPublicKey,
	sign,
	verify,
	type KeyObject,
} from 'node:crypto';
import { UserError } from 'n8n-workflow';
import { signingKeyFor } from './state';

export type SigningAlgorithm = 'RS256' | 'RS384' | 'RS512';
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'RS384', 'RS512'];

export type KeyHeader = { kid: string } | { x5c: string[] };

export interface SigningKey {
	privateKey: KeyObject;
	/** The header member that identifies the key to Maskinporten. */
	header: KeyHeader;
	/** Hash of the public key (and certificate chain); identifies the key in cache keys, never the key. */
	fingerprint: string;
}

export function parseAlgorithm(value: unknown): SigningAlgorithm {
	if (value === undefined || value === null || value === '') return 'RS256';
	if (SIGNING_ALGORITHMS.includes(value as SigningAlgorithm)) return value as SigningAlgorithm;
	throw new UserError(
		`Signing algorithm "${String(value)}" is not supported: Maskinporten accepts RS256, RS384 and RS512`,
	);
}

/** Parses once per process and input: a busy workflow reads the same key for every request. */
function memoized(parts: string[], parse: () => SigningKey): SigningKey {
	return signingKeyFor(createHash('sha256').update(parts.join('\u0000')).digest('hex'), parse);
}

function publicKeyHash(privateKey: KeyObject, extra = ''): string {
	const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
	return createHash('sha256').update(spki).update(extra).digest('hex').slice(0, 32);
}

/** The result of `parse`, or undefined when it throws (the caller reports the problem in its own words). */
function attempt<T>(parse: () => T): T | undefined {
	try {
		return parse();
	} catch {
		return undefined;
	}
}

function assertRsa(key: KeyObject, what: string) {
	if (key.asymmetricKeyType !== 'rsa') {
		throw new UserError(
			`${what} is a ${key.asymmetricKeyType?.toUpperCase() ?? 'non-RSA'} key; Maskinporten grants are signed with RSA (RS256/RS384/RS512)`,
		);
	}
}

/** Signs and verifies a probe, so a key whose members do not fit together fails here, not at Maskinporten. */
function assertSigns(key: KeyObject, what: string) {
	const probe = Buffer.from('maskinporten key check');
	const works = attempt(() =>
		verify('sha256', probe, createPublicKey(key), sign('sha256', probe, key)),
	);
	if (!works)
		throw new UserError(
			`${what} is not a consistent RSA private key: its members do not form one key pair`,
		);
}

// ---------------------------------------------------------------- JWK

function decodeJwkText(value: unknown): unknown {
	if (value !== null && typeof value === 'object') return value;
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new UserError('Private Key (JWK) is required');
	const attempts = [text];
	// Altinn's .NET client configures keys as base64-encoded JWK; accept that form too.
	if (!text.startsWith('{') && /^[A-Za-z0-9+/=_-]+$/.test(text)) {
		attempts.push(Buffer.from(text, 'base64').toString('utf8'));
	}
	for (const attempt of attempts) {
		try {
			return JSON.parse(attempt);
		} catch {
			// try the next form
		}
	}
	if (text.startsWith('-----BEGIN')) {
		throw new UserError(
			'Private Key (JWK) holds a PEM key; choose Key Type "Business Certificate" or paste the key as JWK JSON',
		);
	}
	throw new UserError(
		'Private Key (JWK) is not valid JSON: paste the private JWK, e.g. {"kty":"RSA","kid":"…","n":"…","e":"AQAB","d":"…",…}',
	);
}

function pickJwk(parsed: unknown, keyId: string | undefined): Record<string, unknown> {
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new UserError('Private Key (JWK) must be a JSON object');
	}
	const object = parsed as Record<string, unknown>;
	if (!Array.isArray(object.keys)) return object;
	const keys = object.keys.filter(
		(k): k is Record<string, unknown> => k !== null && typeof k === 'object',
	);
	if (keys.length === 1) return keys[0];
	const match = keyId ? keys.find((k) => k.kid === keyId) : undefined;
	if (match) return match;
	throw new UserError(
		`Private Key (JWK) is a key set with ${keys.length} keys; paste a single key or set Key ID to the kid of the key to use`,
	);
}

export function parseJwkKey(privateJwk: unknown, keyIdOverride?: unknown): SigningKey {
	const override =
		typeof keyIdOverride === 'string' && keyIdOverride.trim() !== ''
			? keyIdOverride.trim()
			: undefined;
	const raw = typeof privateJwk === 'string' ? privateJwk : JSON.stringify(privateJwk ?? '');
	return memoized(['jwk', raw, override ?? ''], () => {
		const jwk = pickJwk(decodeJwkText(privateJwk), override);
		if (jwk.kty !== 'RSA') {
			throw new UserError(
				`Private Key (JWK) has kty "${String(jwk.kty ?? '')}"; Maskinporten grants are signed with RSA keys (kty "RSA")`,
			);
		}
		if (typeof jwk.d !== 'string' || jwk.d === '') {
			throw new UserError(
				'Private Key (JWK) is a public key: paste the private JWK (it has a "d" member); the public part is what you register in Samarbeidsportalen',
			);
		}
		const privateKey = attempt(() => createPrivateKey({ key: jwk as never, format: 'jwk' }));
		if (!privateKey) {
			throw new UserError(
				'Private Key (JWK) is not a valid RSA private key (a member such as n, e, d, p or q is missing or malformed)',
			);
		}
		assertRsa(privateKey, 'Private Key (JWK)');
		assertSigns(privateKey, 'Private Key (JWK)');
		const kid =
			override ??
			(typeof jwk.kid === 'string' && jwk.kid.trim() !== '' ? jwk.kid.trim() : undefined);
		if (!kid) {
			throw new UserError(
				'Private Key (JWK) has no "kid": set Key ID to the key id registered for the client in Samarbeidsportalen',
			);
		}
		return { privateKey, header: { kid }, fingerprint: publicKeyHash(privateKey, `kid:${kid}`) };
	});
}

// ---------------------------------------------------------------- PEM

interface PemBlock {
	label: string;
	der: Buffer;
	encryptedLegacy: boolean;
}

function pemBlocks(value: unknown, field: string): PemBlock[] {
	// Keys pasted through JSON or environment files often carry literal "\n" instead of newlines.
	const text = (typeof value === 'string' ? value : '').replace(/\\r\\n|\\n/g, '\n');
	const blocks: PemBlock[] = [];
	const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
	for (const match of text.matchAll(pattern)) {
		let body = match[2];
		const encryptedLegacy = /Proc-Type:\s*4,ENCRYPTED/i.test(body);
		body = body.replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
			throw new UserError(`${field} contains a ${match[1]} block that is not valid base64`);
		}
		blocks.push({ label: match[1], der: Buffer.from(body, 'base64'), encryptedLegacy });
	}
	return blocks;
}

function privateKeyFromBlocks(blocks: PemBlock[], field: string): KeyObject | undefined {
	const block = blocks.find((b) => b.label.endsWith('PRIVATE KEY'));
	if (!block) return undefined;
	if (block.label === 'ENCRYPTED PRIVATE KEY' || block.encryptedLegacy) {
		throw new UserError(
			`${field} is encrypted with a passphrase; export it without a passphrase (PKCS#8 "PRIVATE KEY" or "RSA PRIVATE KEY")`,
		);
	}
	if (block.label !== 'PRIVATE KEY' && block.label !== 'RSA PRIVATE KEY') {
		throw new UserError(
			`${field} is a "${block.label}"; Maskinporten grants are signed with RSA keys`,
		);
	}
	const key = attempt(() =>
		createPrivateKey({
			key: block.der,
			format: 'der',
			type: block.label === 'RSA PRIVATE KEY' ? 'pkcs1' : 'pkcs8',
		}),
	);
	if (!key) throw new UserError(`${field} could not be read as a private key`);
	assertRsa(key, field);
	assertSigns(key, field);
	return key;
}

export function parseCertificateKey(
	certificateChain: unknown,
	privateKeyPem: unknown,
	now = Date.now(),
): SigningKey {
	const chainText = typeof certificateChain === 'string' ? certificateChain : '';
	const keyText = typeof privateKeyPem === 'string' ? privateKeyPem : '';
	return memoized(['certificate', chainText, keyText, String(Math.floor(now / 3_600_000))], () => {
		const chainBlocks = pemBlocks(chainText, 'Certificate Chain');
		const certificateBlocks = chainBlocks.filter((b) => b.label === 'CERTIFICATE');
		if (chainText.trim() === '') throw new UserError('Certificate Chain is required');
		if (certificateBlocks.length === 0) {
			throw new UserError(
				'Certificate Chain holds no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)',
			);
		}
		const keyBlocks = pemBlocks(keyText, 'Private Key');
		let privateKey = privateKeyFromBlocks(keyBlocks, 'Private Key');
		if (!privateKey && keyText.trim() === '')
			privateKey = privateKeyFromBlocks(chainBlocks, 'Private Key');
		if (!privateKey) {
			throw new UserError(
				keyText.trim() === ''
					? 'Private Key is required'
					: 'Private Key holds no PEM private key (a block labelled PRIVATE KEY or RSA PRIVATE KEY)',
			);
		}
		const certificates = certificateBlocks.map((block, i) => {
			const x509 = attempt(() => new X509Certificate(block.der));
			if (!x509)
				throw new UserError(
					`Certificate ${i + 1} of the Certificate Chain could not be read as an X.509 certificate`,
				);
			return { der: block.der, x509 };
		});
		const leafIndex = certificates.findIndex((c) => c.x509.checkPrivateKey(privateKey));
		if (leafIndex < 0) {
			throw new UserError(
				'The Private Key does not belong to the certificate: no certificate in the chain has the public key of this private key',
			);
		}
		const leaf = certificates[leafIndex];
		const validFrom = Date.parse(leaf.x509.validFrom);
		const validTo = Date.parse(leaf.x509.validTo);
		if (Number.isFinite(validTo) && validTo < now) {
			throw new UserError(
				`The certificate (${leaf.x509.subject.replace(/\n/g, ', ')}) expired on ${leaf.x509.validTo}`,
			);
		}
		if (Number.isFinite(validFrom) && validFrom > now) {
			throw new UserError(
				`The certificate (${leaf.x509.subject.replace(/\n/g, ', ')}) is not valid before ${leaf.x509.validFrom}`,
			);
		}
		const ordered = [leaf, ...certificates.filter((_, i) => i !== leafIndex)];
		// x5c is an array of base64 (not base64url) DER certificates, leaf first (RFC 7515 §4.1.6).
		const x5c = ordered.map((c) => c.der.toString('base64'));
		return {
			privateKey,
			header: { x5c },
			fingerprint: publicKeyHash(privateKey, `x5c:${x5c.join('.')}`),
		};
	});
}

/**
 * Throw-away key material for the auth tests: RSA and EC keys as JWK and PEM, and a certificate
 * chain (CA + leaf) made with openssl. Generated once per test file.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RsaMaterial {
	privateKey: KeyObject;
	publicKey: KeyObject;
	jwk: Record<string, unknown>;
	pkcs8: string;
	pkcs1: string;
}

export function rsaMaterial(kid?: string): RsaMaterial {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
	return {
		privateKey,
		publicKey,
		jwk: kid ? { ...jwk, kid } : jwk,
		pkcs8: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
		pkcs1: privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
	};
}

export interface CertificateChain {
	leafPem: string;
	caPem: string;
	leafKeyPem: string;
	caKeyPem: string;
	leafDerBase64: string;
	caDerBase64: string;
}

function derBase64(pem: string): string {
	return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/** A CA certificate and a leaf (business certificate look-alike) signed by it, valid for ten years. */
export function certificateChain(): CertificateChain {
	const dir = mkdtempSync(path.join(tmpdir(), 'auth-test-cert-'));
	try {
		const file = (name: string) => path.join(dir, name);
		const ca = rsaMaterial();
		const leaf = rsaMaterial();
		writeFileSync(file('ca.key'), ca.pkcs8);
		writeFileSync(file('leaf.key'), leaf.pkcs8);
		execFileSync(
			'openssl',
			[
				'req',
				'-new',
				'-x509',
				'-key',
				file('ca.key'),
				'-out',
				file('ca.pem'),
				'-days',
				'3650',
				'-sha256',
				'-subj',
				'/C=NO/O=Test CA/CN=Test CA',
			],
			{ stdio: 'pipe' },
		);
		execFileSync(
			'openssl',
			[
				'req',
				'-new',
				'-key',
				file('leaf.key'),
				'-out',
				file('leaf.csr'),
				'-subj',
				'/C=NO/O=TESTBEDRIFT AS/serialNumber=310000019/CN=TESTBEDRIFT AS TEST',
			],
			{ stdio: 'pipe' },
		);
		execFileSync(
			'openssl',
			[
				'x509',
				'-req',
				'-in',
				file('leaf.csr'),
				'-CA',
				file('ca.pem'),
				'-CAkey',
				file('ca.key'),
				'-CAcreateserial',
				'-out',
				file('leaf.pem'),
				'-days',
				'3650',
				'-sha256',
			],
			{ stdio: 'pipe' },
		);
		const leafPem = readFileSync(file('leaf.pem'), 'utf8');
		const caPem = readFileSync(file('ca.pem'), 'utf8');
		return {
			leafPem,
			caPem,
			leafKeyPem: leaf.pkcs8,
			caKeyPem: ca.pkcs8,
			leafDerBase64: derBase64(leafPem),
			caDerBase64: derBase64(caPem),
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export function ecMaterial() {
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	return {
		jwk: { ...(privateKey.export({ format: 'jwk' }) as Record<string, unknown>), kid: 'ec-key' },
		pkcs8: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
	};
}

// Business certificates (`x5c`) in Maskinporten grants: the chain to a trusted test CA, and the
// organisation the certificate names.
import { X509Certificate } from 'node:crypto';
import { pki } from '../fixtures';
import { GrantError } from './errors';

/**
 * The leaf of an `x5c` chain, once the chain holds: base64 DER certificates, each one issued by
 * the next (RFC 7515 4.1.6), all in their validity period, leading to a test CA. The leaf alone
 * is enough when the test CA issued it, as with Maskinporten, which knows the CAs' chains.
 * Production certificates are refused in this (test) environment.
 */
export function businessCertificate(x5c: unknown): X509Certificate {
	const invalid = (code: string, text: string) =>
		new GrantError(400, 'invalid_grant', code, `Invalid assertion. ${text}`);
	if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string'))
		throw invalid(
			'MP-123',
			'Invalid JWT header x5c: it must be an array of base64 DER certificates',
		);
	let chain: X509Certificate[];
	try {
		chain = x5c.map((c: string) => new X509Certificate(Buffer.from(c, 'base64')));
	} catch {
		throw invalid('MP-123', 'Invalid JWT header x5c: a certificate cannot be parsed');
	}
	for (let i = 1; i < chain.length; i++) {
		if (
			!chain[i].ca ||
			!chain[i - 1].checkIssued(chain[i]) ||
			!chain[i - 1].verify(chain[i].publicKey)
		)
			throw invalid(
				'MP-123',
				`Invalid JWT header x5c: certificate ${i + 1} did not issue certificate ${i}; the chain must go from the business certificate up to its CA`,
			);
	}
	const refused = (reason: string) =>
		invalid(
			'MP-120',
			`Client authentication failed. The assertion is signed with an invalid certificate: ${reason}`,
		);
	const now = Date.now();
	for (const certificate of chain)
		if (Date.parse(certificate.validTo) < now || Date.parse(certificate.validFrom) > now)
			throw refused(`it is not valid now (${certificate.subject.replace(/\n/g, ', ')})`);
	const top = chain[chain.length - 1];
	const anchoredIn = (pem: string) => {
		const ca = new X509Certificate(pem);
		return (
			top.fingerprint256 === ca.fingerprint256 || (top.checkIssued(ca) && top.verify(ca.publicKey))
		);
	};
	if (anchoredIn(pki.productionCa))
		throw refused('Production certificates are not supported in test environments');
	if (!anchoredIn(pki.testCa)) throw refused('it is not issued by a trusted test CA');
	return chain[0];
}

/** The organisation number a Norwegian business certificate names (serialNumber or NTRNO-). */
export function certificateOrgNumber(certificate: X509Certificate): string | undefined {
	const subject = certificate.subject;
	const serial = /(?:^|\n)serialNumber=(\d{9})(?:\n|$)/.exec(subject);
	if (serial) return serial[1];
	const orgId = /(?:^|\n)organizationIdentifier=NTRNO-(\d{9})(?:\n|$)/.exec(subject);
	return orgId?.[1];
}

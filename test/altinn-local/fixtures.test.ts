// The committed identities: valid Norwegian numbers, usable keys, a certificate for its owner.
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { fixtures } from './support';

const { isValidOrgNumber, isValidNationalIdentityNumber } = fixtures;

it('uses organisation numbers that pass the mod-11 check', () => {
	for (const org of Object.values(fixtures.organizations))
		expect(isValidOrgNumber(org.orgNumber)).toBe(true);
	expect(isValidOrgNumber('310000010')).toBe(false);
	expect(isValidOrgNumber('12345678')).toBe(false);
});

it('uses national identity numbers with valid check digits', () => {
	for (const p of Object.values(fixtures.persons))
		expect(isValidNationalIdentityNumber(p.pid)).toBe(true);
	expect(isValidNationalIdentityNumber('12038512357')).toBe(false);
});

it('has one registered service owner per code and resources owned by them', () => {
	const codes = Object.values(fixtures.organizations).flatMap((o) =>
		'serviceOwnerCode' in o ? [o.serviceOwnerCode] : [],
	);
	expect(codes.sort()).toEqual(['ane', 'ttd']);
	for (const r of Object.values(fixtures.resources)) expect(codes).toContain(r.owner);
});

it('gives every Maskinporten client usable RSA keys with kids', () => {
	for (const client of fixtures.maskinportenClients) {
		for (const key of client.keys) {
			expect(key.privateJwk.kid).toBe(key.kid);
			expect(
				createPrivateKey({ key: key.privateJwk as never, format: 'jwk' }).asymmetricKeyType,
			).toBe('rsa');
		}
		expect(client.keys.length > 0 || 'certificatePem' in client).toBe(true);
	}
});

it('has a business certificate for the service owner that matches its private key', () => {
	const cert = new X509Certificate(fixtures.certificateClient.certificatePem);
	expect(cert.subject).toContain(`serialNumber=${fixtures.organizations.serviceOwner.orgNumber}`);
	expect(cert.checkPrivateKey(createPrivateKey(fixtures.certificateClient.privateKeyPem))).toBe(
		true,
	);
	expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now());
});

it('has a test PKI: the business certificate from the test CA, a production one from the production CA', () => {
	const { pki } = fixtures;
	const testCa = new X509Certificate(pki.testCa);
	const productionCa = new X509Certificate(pki.productionCa);
	const issuedBy = (pem: string, ca: X509Certificate) => {
		const cert = new X509Certificate(pem);
		return cert.checkIssued(ca) && cert.verify(ca.publicKey);
	};
	expect(testCa.ca && productionCa.ca).toBe(true);
	expect(fixtures.certificateClient.certificatePem).toBe(pki.businessCertificate.certificatePem);
	expect(issuedBy(pki.businessCertificate.certificatePem, testCa)).toBe(true);
	expect(issuedBy(pki.otherOrganizationCertificate.certificatePem, testCa)).toBe(true);
	expect(issuedBy(pki.productionCertificate.certificatePem, productionCa)).toBe(true);
	expect(issuedBy(pki.productionCertificate.certificatePem, testCa)).toBe(false);
	expect(issuedBy(pki.selfSignedCertificate.certificatePem, testCa)).toBe(false);
	for (const { certificatePem, privateKeyPem } of [
		pki.businessCertificate,
		pki.otherOrganizationCertificate,
		pki.productionCertificate,
		pki.selfSignedCertificate,
	])
		expect(
			new X509Certificate(certificatePem).checkPrivateKey(createPrivateKey(privateKeyPem)),
		).toBe(true);
});

it('signs dialog tokens with an Ed25519 key', () => {
	expect(
		createPublicKey({ key: fixtures.issuerKeys.dialogporten as never, format: 'jwk' })
			.asymmetricKeyType,
	).toBe('ed25519');
});

it('registers the n8n OAuth callback on the ID-porten client', () => {
	expect(fixtures.idPortenClient.redirectUris).toContain(
		'http://127.0.0.1:5678/rest/oauth2-credential/callback',
	);
	expect(fixtures.idPortenClient.scopes).toEqual(
		expect.arrayContaining(['openid', 'digdir:dialogporten']),
	);
});

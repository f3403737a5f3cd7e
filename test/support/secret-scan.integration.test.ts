// The secret scanner the real-n8n suite runs over n8n's output: it finds each kind of leak (with
// real tokens from the stand-in), stays quiet on clean output, and never repeats the secret it found.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtures, startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import {
	fixtureSecrets,
	issuedTokenSecrets,
	keyMaterialIn,
	scanForSecrets,
	type Finding,
} from './secret-scan';

let local: AltinnLocal;
let maskinportenToken: string;
let idporten: Awaited<ReturnType<AltinnLocal['idporten']['login']>>;
let dialogToken: string;

beforeAll(async () => {
	local = await startAltinnLocal({ port: 0, seedDialogs: 5 });
	maskinportenToken = (
		await local.tokens.maskinporten(fixtures.serviceOwnerClient, {
			scope: 'digdir:dialogporten.serviceprovider',
		})
	).access_token;
	idporten = await local.idporten.login({ pid: fixtures.persons.ola.pid });
	const asOla = { headers: { authorization: `Bearer ${idporten.access_token}` } };
	const party = encodeURIComponent(fixtures.orgUrn(fixtures.organizations.bakery.orgNumber));
	const found = (await (
		await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs?party=${party}`, asOla)
	).json()) as { items: Array<{ id: string }> };
	dialogToken = (
		(await (
			await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs/${found.items[0].id}`, asOla)
		).json()) as { dialogToken: string }
	).dialogToken;
});
afterAll(() => local.stop());

const secrets = () => [...fixtureSecrets(), ...issuedTokenSecrets(local.tokens.issued())];

/** A run as `n8n execute --rawOutput` prints it, with `json` as a node's output item. */
const runOutput = (json: Record<string, unknown>) =>
	`Execution was successful:\n${JSON.stringify({ data: { resultData: { runData: { Search: [{ data: { main: [[{ json }]] } }] } } } }, null, 2)}\n`;

const cleanOutput = () =>
	[
		'n8n ready on ::, port 5678',
		runOutput({ id: '0194b9a4-1c2d-7e3f-8a9b-0c1d2e3f4a5b', title: 'Søknad', dialogToken }),
		// Public key material is not secret.
		JSON.stringify({
			kty: 'RSA',
			n: (fixtures.serviceOwnerClient.keys[0].privateJwk as Record<string, string>).n,
			e: 'AQAB',
		}),
		fixtures.certificateClient.certificatePem,
		`client ${fixtures.idPortenClient.clientId} scope openid digdir:dialogporten`,
	].join('\n');

function expectNoSecretIn(findings: Finding[], value: string) {
	expect(JSON.stringify(findings)).not.toContain(value);
}

describe('what counts as a secret', () => {
	it('every private member of every fixture JWK, every line of the PEM private key, and the ID-porten client secret', () => {
		const values = new Set(fixtureSecrets().map((s) => s.value));
		// Failures name what is missing, never the value.
		const missing: string[] = [];
		const jwks = [
			...fixtures.maskinportenClients.flatMap((c) => c.keys.map((k) => k.privateJwk)),
			...Object.values(fixtures.issuerKeys),
		];
		expect(jwks.length).toBe(9);
		let members = 0;
		for (const jwk of jwks as Array<Record<string, string>>) {
			for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'].filter((m) => jwk[m] !== undefined)) {
				members++;
				if (!values.has(jwk[member])) missing.push(`${jwk.kid} ${member}`);
			}
		}
		// Eight RSA keys with six private members each, one Ed25519 key with d.
		expect(members).toBe(8 * 6 + 1);
		const pemLines = fixtures.certificateClient.privateKeyPem
			.split('\n')
			.filter((line) => line && !line.startsWith('-----'));
		expect(pemLines.length).toBeGreaterThan(20);
		pemLines.forEach((line, i) => {
			if (line.length >= 16 && !values.has(line)) missing.push(`PEM line ${i + 1}`);
		});
		if (!values.has(fixtures.idPortenClient.clientSecret)) missing.push('client secret');
		expect(missing).toEqual([]);
		// Public parts are not secrets.
		expect(
			values.has((fixtures.serviceOwnerClient.keys[0].privateJwk as Record<string, string>).n),
		).toBe(false);
		expect(
			values.has((fixtures.serviceOwnerClient.keys[0].privateJwk as Record<string, string>).e),
		).toBe(false);
	});

	it('every token a stand-in issued except dialog tokens', () => {
		const values = new Set(issuedTokenSecrets(local.tokens.issued()).map((s) => s.value));
		const has = (token: string) => values.has(token);
		expect(
			[maskinportenToken, idporten.access_token, idporten.id_token, idporten.refresh_token].map(
				has,
			),
		).toEqual([true, true, true, true]);
		expect(has(dialogToken)).toBe(false);
	});

	it('finds key material nested anywhere in a value', () => {
		const jwk = fixtures.systemUserClient.keys[0].privateJwk as Record<string, string>;
		const found = keyMaterialIn(
			{ credential: { privateJwk: { ...jwk } }, pem: [fixtures.certificateClient.privateKeyPem] },
			'data',
		);
		const values = new Set(found.map((s) => s.value));
		expect([jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map((v) => values.has(v))).toEqual([
			true,
			true,
			true,
			true,
			true,
			true,
		]);
		expect(found.some((s) => s.label.startsWith('PEM private key at data.pem.0'))).toBe(true);
	});
});

describe('scanning', () => {
	it('finds nothing in output that holds no secret (a dialog token is data)', () => {
		expect(scanForSecrets([{ name: 'n8n-output.log', text: cleanOutput() }], secrets())).toEqual(
			[],
		);
	});

	it.each([
		[
			'a Maskinporten access token in a node output',
			() => runOutput({ authorization: `Bearer ${maskinportenToken}` }),
			() => maskinportenToken,
			/^maskinporten token issued by the stand-in to 7b0d5d36/,
		],
		[
			'an ID-porten refresh token in an error message',
			() => `Error: refresh with ${idporten.refresh_token} failed`,
			() => idporten.refresh_token,
			/^idporten-refresh token/,
		],
		[
			'an ID-porten id token',
			() => `{"id_token":"${idporten.id_token}"}`,
			() => idporten.id_token,
			/^idporten token/,
		],
		[
			'the private JWK d of a client',
			() =>
				JSON.stringify({
					privateJwk: JSON.stringify(fixtures.systemUserClient.keys[0].privateJwk),
				}),
			() => (fixtures.systemUserClient.keys[0].privateJwk as Record<string, string>).d,
			/^private JWK .* \(d\)$/,
		],
		[
			'a PEM private key, JSON-escaped',
			() => JSON.stringify({ message: `bad key ${fixtures.certificateClient.privateKeyPem}` }),
			() => fixtures.certificateClient.privateKeyPem.split('\n')[3],
			/^PEM private key/,
		],
		[
			'the ID-porten client secret in a Basic header',
			() =>
				`authorization: Basic ${Buffer.from(`${fixtures.idPortenClient.clientId}:${fixtures.idPortenClient.clientSecret}`).toString('base64')}`,
			() => fixtures.idPortenClient.clientSecret,
			/^ID-porten client credentials \(Basic\)$/,
		],
	])('finds %s, saying where, without repeating it', (_what, leak, secret, label) => {
		const text = `${cleanOutput()}\n${leak()}\n`;
		const findings = scanForSecrets(
			[
				{ name: 'clean.log', text: cleanOutput() },
				{ name: 'leaky.log', text },
			],
			secrets(),
		);
		expect(findings.length).toBeGreaterThan(0);
		for (const finding of findings) expect(finding.source).toBe('leaky.log');
		expect(findings.map((f) => f.secret)).toEqual(
			expect.arrayContaining([expect.stringMatching(label)]),
		);
		expect(text.slice(findings[0].offset)).toMatch(/^[A-Za-z0-9_=+/.-]/);
		expectNoSecretIn(findings, secret());
		expectNoSecretIn(findings, maskinportenToken);
	});

	it('finds a JWT it was not told about, unless it is a dialog token', async () => {
		const other = await startAltinnLocal({ port: 0, seedDialogs: 0 });
		try {
			const unknown = (
				await other.tokens.maskinporten(fixtures.serviceOwnerClient, {
					scope: 'digdir:dialogporten.serviceprovider',
				})
			).access_token;
			const findings = scanForSecrets(
				[{ name: 'demo output', text: `token: ${unknown}\n${cleanOutput()}` }],
				secrets(),
			);
			expect(findings).toEqual([
				expect.objectContaining({
					secret: `a JWT issued by ${other.urls.maskinporten.issuer}`,
					source: 'demo output',
					offset: 7,
				}),
			]);
			expectNoSecretIn(findings, unknown);
		} finally {
			await other.stop();
		}
	});

	it('ignores values too short to be told from ordinary text', () => {
		expect(
			scanForSecrets([{ name: 'log', text: 'status: ok' }], [{ label: 'short', value: 'ok' }]),
		).toEqual([]);
	});
});

describe('the real-n8n suite', () => {
	it('audits the output of every one of its test files', () => {
		const dir = path.join(__dirname, '..', 'e2e');
		const files = readdirSync(dir).filter((file) => file.endsWith('.e2e.test.ts'));
		expect(files.length).toBeGreaterThanOrEqual(5);
		for (const file of files) {
			const source = readFileSync(path.join(dir, file), 'utf8');
			expect({ file, audits: /\bauditOutputs\(/.test(source) }).toEqual({ file, audits: true });
		}
	});
});

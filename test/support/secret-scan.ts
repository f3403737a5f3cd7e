/**
 * Looks for secrets where none may be: in what n8n prints (its logs, `n8n execute` output) and what
 * it stores as execution data. A secret is any of
 * - the committed test keys: every private member of every private JWK (`d`, `p`, `q`, `dp`, `dq`,
 *   `qi`) and every line of every PEM private key in the stand-in's fixtures,
 * - the ID-porten client secret (as is, URL-encoded, and inside a Basic authorization value),
 * - every token a stand-in issued during the run (access, id, exchanged and refresh tokens), and
 * - any JWT at all that is not a dialog token, which catches tokens of stand-ins this process
 *   cannot ask (one running in a child process).
 *
 * Dialog tokens are not secrets of the user: Dialogporten puts one in every dialog it returns
 * (`dialogToken`), for the workflow to pass to the dialog's API actions, so they are data in a
 * node's output like the rest of the dialog.
 *
 * Findings never carry the secret itself, only its label and where it was, with the surrounding
 * text masked, so a failing check does not print a key.
 */
import { fixtures, type IssuedToken } from '../../altinn-local';

export interface Secret {
	/** What the secret is, e.g. "private JWK of client … (d)". Never the value. */
	label: string;
	value: string;
}

export interface ScanSource {
	/** Where the text comes from, e.g. "n8n-output.log" or "execution 12 (workflow …)". */
	name: string;
	text: string;
}

export interface Finding {
	/** Label of the secret, or "a JWT issued by <iss>" for the JWT rule. */
	secret: string;
	source: string;
	/** Character offset in the source. */
	offset: number;
	/** The text around the finding, with every secret in it masked. */
	context: string;
}

/** Shorter values could match by chance; every real secret here is far longer. */
const MIN_SECRET_LENGTH = 16;
const JWK_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
const PEM_PRIVATE_KEY =
	/-----BEGIN ([A-Z ]*)PRIVATE KEY-----([\s\S]*?)-----END \1PRIVATE KEY-----/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** The issuer of Dialogporten's dialog tokens (the stand-in's and Altinn's both end like this). */
const DIALOG_TOKEN_ISSUER = /\/dialogporten\/api\/v1\/?$/;

/** Private key material anywhere in a value: JWK private members and PEM private key lines. */
export function keyMaterialIn(value: unknown, where: string): Secret[] {
	const found: Secret[] = [];
	const seen = new Set<unknown>();
	const walk = (node: unknown, path: string): void => {
		if (typeof node === 'string') {
			for (const match of node.matchAll(PEM_PRIVATE_KEY)) {
				const lines = match[2].split(/\s+/).filter((line) => line.length >= MIN_SECRET_LENGTH);
				lines.forEach((line, i) =>
					found.push({ label: `PEM private key at ${path} (line ${i + 1})`, value: line }),
				);
			}
			return;
		}
		if (!node || typeof node !== 'object' || seen.has(node)) return;
		seen.add(node);
		const record = node as Record<string, unknown>;
		if (typeof record.kty === 'string') {
			for (const member of JWK_PRIVATE_MEMBERS) {
				const secret = record[member];
				if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) {
					found.push({
						label: `private JWK ${String(record.kid ?? path)} (${member})`,
						value: secret,
					});
				}
			}
		}
		for (const [key, child] of Object.entries(record)) walk(child, `${path}.${key}`);
	};
	walk(value, where);
	return found;
}

/** The committed test keys of every fixture client and issuer, and the ID-porten client secret. */
export function fixtureSecrets(): Secret[] {
	const { clientId, clientSecret } = fixtures.idPortenClient;
	return [
		...keyMaterialIn({ ...fixtures }, 'fixtures'),
		{ label: 'ID-porten client secret', value: clientSecret },
		{ label: 'ID-porten client secret (URL-encoded)', value: encodeURIComponent(clientSecret) },
		{
			label: 'ID-porten client credentials (Basic)',
			value: Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
		},
	];
}

/** The tokens a stand-in handed out, dialog tokens excepted (see above). */
export function issuedTokenSecrets(issued: IssuedToken[], standIn = 'stand-in'): Secret[] {
	return issued
		.filter((token) => token.kind !== 'dialogporten')
		.map((token) => ({
			label: `${token.kind} token issued by the ${standIn}${token.clientId ? ` to ${token.clientId}` : ''} at ${new Date(token.issuedAt).toISOString()}`,
			value: token.token,
		}));
}

function jwtIssuer(token: string): string | undefined {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
			iss?: unknown;
		};
		return typeof payload.iss === 'string' ? payload.iss : '(no issuer)';
	} catch {
		return undefined;
	}
}

function masked(text: string, start: number, end: number, secrets: Secret[]): string {
	const from = Math.max(0, start - 60);
	const to = Math.min(text.length, end + 60);
	let context = `${text.slice(from, start)}[…]${text.slice(end, to)}`;
	for (const secret of secrets) context = context.split(secret.value).join('[…]');
	context = context.replace(JWT, '[JWT]');
	// A secret cut at the window's edge: drop any long unbroken run.
	return context.replace(/[A-Za-z0-9_+/=-]{40,}/g, '[…]').replace(/\s+/g, ' ');
}

/** Every occurrence of a secret, and every JWT other than a dialog token, in the sources. */
export function scanForSecrets(sources: ScanSource[], secrets: Secret[]): Finding[] {
	const usable = dedupe(secrets.filter((secret) => secret.value.length >= MIN_SECRET_LENGTH));
	const findings: Finding[] = [];
	for (const source of sources) {
		const reported = new Set<number>();
		for (const secret of usable) {
			for (
				let at = source.text.indexOf(secret.value);
				at >= 0;
				at = source.text.indexOf(secret.value, at + 1)
			) {
				reported.add(at);
				findings.push({
					secret: secret.label,
					source: source.name,
					offset: at,
					context: masked(source.text, at, at + secret.value.length, usable),
				});
			}
		}
		for (const match of source.text.matchAll(JWT)) {
			const at = match.index ?? 0;
			if (reported.has(at)) continue;
			const issuer = jwtIssuer(match[0]);
			if (issuer === undefined || DIALOG_TOKEN_ISSUER.test(issuer)) continue;
			findings.push({
				secret: `a JWT issued by ${issuer}`,
				source: source.name,
				offset: at,
				context: masked(source.text, at, at + match[0].length, usable),
			});
		}
	}
	return findings;
}

function dedupe(secrets: Secret[]): Secret[] {
	const byValue = new Map<string, Secret>();
	for (const secret of secrets) if (!byValue.has(secret.value)) byValue.set(secret.value, secret);
	return [...byValue.values()];
}

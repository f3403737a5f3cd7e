/**
 * Collects everything a suite shows a user or an operator (node output, thrown errors with their
 * causes, descriptions and stacks, credential-test messages, n8n log lines) and checks it for key
 * material and tokens: the fixtures' private keys and client secret, every token the suite saw
 * issued, and anything shaped like a JWT that Maskinporten, ID-porten or the Altinn exchange
 * issued or that is a Maskinporten grant.
 */
import { inspect } from 'node:util';
import { LoggerProxy } from 'n8n-workflow';
import {
	certificateClient,
	idPortenClient,
	maskinportenClients,
} from '../../../altinn-local/fixtures';

const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const CREDENTIAL_ISSUERS = /maskinporten|idporten|\/authentication\//i;

function decode(part: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

export class SecretScanner {
	private readonly secrets = new Map<string, string>();
	private readonly texts: Array<{ label: string; text: string }> = [];
	private loggerInstalled = false;

	/** Private key members of every fixture client, the certificate key and the ID-porten client secret. */
	addFixtureSecrets(): void {
		for (const client of maskinportenClients) {
			for (const key of client.keys) {
				for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
					const value = key.privateJwk[member];
					if (value) this.add(`${client.clientId} key ${key.kid} member ${member}`, value);
				}
			}
		}
		const pemBody = certificateClient.privateKeyPem
			.replace(/-----[^-]+-----/g, '')
			.replace(/\s+/g, '');
		for (let i = 0; i + 64 <= pemBody.length; i += 64)
			this.add('certificate private key', pemBody.slice(i, i + 64));
		this.add('ID-porten client secret', idPortenClient.clientSecret);
		this.installLogger();
	}

	add(label: string, secret: string): void {
		if (secret.length >= 12) this.secrets.set(secret, label);
	}

	addToken(token: string): void {
		if (token) this.add('token', token);
	}

	private installLogger(): void {
		if (this.loggerInstalled) return;
		this.loggerInstalled = true;
		const capture =
			(level: string) =>
			(message: string, meta?: object): void => {
				this.texts.push({
					label: `log ${level}`,
					text: `${message} ${inspect(meta, { depth: 8 })}`,
				});
			};
		LoggerProxy.init({
			error: capture('error'),
			warn: capture('warn'),
			info: capture('info'),
			debug: capture('debug'),
			verbose: capture('verbose'),
			scoped: () => LoggerProxy,
		} as never);
	}

	/** Records a node output, an error (with causes) or any other value a user could see. */
	record(value: unknown, label = 'value'): void {
		const parts = [inspect(value, { depth: 12, showHidden: false, getters: false })];
		let current: unknown = value;
		for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
			const error = current as {
				message?: unknown;
				description?: unknown;
				stack?: unknown;
				cause?: unknown;
			};
			for (const field of [error.message, error.description, error.stack])
				if (typeof field === 'string') parts.push(field);
			try {
				parts.push(JSON.stringify(current));
			} catch {
				// circular structures are covered by inspect above
			}
			current = error.cause;
		}
		this.texts.push({ label, text: parts.join('\n') });
	}

	findings(): string[] {
		const found: string[] = [];
		for (const { label, text } of this.texts) {
			for (const [secret, what] of this.secrets)
				if (text.includes(secret)) found.push(`${what} in ${label}`);
			for (const jwt of text.match(JWT) ?? []) {
				const [header, payload] = jwt.split('.').map(decode);
				if (!header || !payload) continue;
				const issuedToCredential =
					typeof payload.iss === 'string' && CREDENTIAL_ISSUERS.test(payload.iss);
				const isGrant =
					typeof payload.aud === 'string' &&
					/maskinporten/i.test(payload.aud) &&
					'jti' in payload &&
					'scope' in payload;
				if (issuedToCredential || isGrant)
					found.push(
						`${isGrant ? 'grant assertion' : `token from ${String(payload.iss)}`} in ${label}`,
					);
			}
		}
		return found;
	}

	/** Number of recorded values, so a suite can show the scan covered something. */
	get recorded(): number {
		return this.texts.length;
	}

	assertClean(): void {
		const findings = this.findings();
		if (findings.length > 0)
			throw new Error(`Secrets found in outputs or errors:\n${findings.join('\n')}`);
	}
}

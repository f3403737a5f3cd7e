/**
 * Which hosts may receive the node's credential token when it calls a URL a dialog names (an API
 * action's endpoint, a content reference). Dialogs are written by service owners, and the token
 * may carry scopes for other services, so it goes only to the Altinn platform of the credential's
 * environment and to hosts the user adds; outside the Custom environment only over https.
 */
import type { AltinnEndpoints, AltinnEnvironment } from '../auth';
import type { InputValidator } from './validation';

/** The Altinn platform hosts of each environment: the platform APIs and the Altinn apps. */
export const ALTINN_TOKEN_HOSTS: Record<'test' | 'production', readonly string[]> = {
	test: ['platform.tt02.altinn.no', '*.apps.tt02.altinn.no'],
	production: ['platform.altinn.no', '*.apps.altinn.no'],
};

export interface TokenHostPolicy {
	environment: AltinnEnvironment;
	/** Host names, `host:port`, or `*.domain` for any subdomain; lower case. */
	allowed: string[];
}

const HOST_ENTRY =
	/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** The hosts allowed without asking: Altinn's for Test and Production, the credential's own for Custom. */
export function defaultTokenHosts(
	environment: AltinnEnvironment,
	endpoints: AltinnEndpoints,
): string[] {
	if (environment !== 'custom') return [...ALTINN_TOKEN_HOSTS[environment]];
	const hosts = [endpoints.platform, endpoints.dialogporten].map((url) =>
		new URL(url).host.toLowerCase(),
	);
	return [...new Set(hosts)];
}

/** Reads the user's extra hosts (separated by commas, spaces or new lines). */
export function parseTokenHosts(value: unknown, check: InputValidator): string[] {
	const entries = String(value ?? '')
		.split(/[\s,]+/)
		.map((entry) => entry.trim().toLowerCase())
		.filter((entry) => entry !== '');
	for (const entry of entries) {
		if (!HOST_ENTRY.test(entry)) {
			check.fail(
				`"${entry}" in Trusted Hosts is not a host name`,
				'Give host names such as api.example.no, host:port, or *.example.no for every subdomain, separated by commas.',
			);
		}
	}
	return entries;
}

function matches(url: URL, entry: string): boolean {
	const hostname = url.hostname.toLowerCase();
	if (entry.startsWith('*.')) {
		const [domain, port] = entry.slice(2).split(':');
		return hostname.endsWith(`.${domain}`) && (port === undefined || url.port === port);
	}
	return entry.includes(':') ? url.host.toLowerCase() === entry : hostname === entry;
}

/** Why the credential token may not go to `url`, or undefined when it may. */
export function tokenHostRefusal(
	url: URL,
	policy: TokenHostPolicy,
): { message: string; description: string } | undefined {
	const allowed = policy.allowed.join(', ');
	if (!policy.allowed.some((entry) => matches(url, entry))) {
		return {
			message: `The credential token is not sent to ${url.host}: it is not an allowed host`,
			description: `Allowed hosts: ${allowed}. If ${url.host} should receive the token (it carries every scope of the credential), add it to "Trusted Hosts"; otherwise choose "Send Token: Dialog Token" or "None".`,
		};
	}
	if (policy.environment !== 'custom' && url.protocol !== 'https:') {
		return {
			message: `The credential token is not sent to ${url.origin}: only https is allowed outside the Custom environment`,
			description: `The URL uses ${url.protocol.slice(0, -1)}. Choose "Send Token: Dialog Token" or "None" for it, or ask the service owner for an https URL.`,
		};
	}
	return undefined;
}

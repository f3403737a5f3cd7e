/**
 * Where Maskinporten, ID-porten and Altinn live in each environment. Test pairs Maskinporten TEST
 * and ID-porten TEST with Altinn TT02; Production pairs the production services. Custom takes every
 * URL from the credential, so the package can point at a local stand-in or another Altinn
 * environment.
 */
import { UserError, type INodeProperties } from 'n8n-workflow';

export type AltinnEnvironment = 'test' | 'production' | 'custom';

export interface AltinnEndpoints {
	/** Dialogporten base; API paths `/api/v1/...` are appended. No trailing slash. */
	dialogporten: string;
	/** Altinn platform base, e.g. `https://platform.tt02.altinn.no`. No trailing slash. */
	platform: string;
	/** Altinn Events API base (`{platform}/events/api/v1`). No trailing slash. */
	events: string;
	/**
	 * The end user's Altinn inbox, where `{inbox}/inbox/{dialogId}` opens a dialog. No trailing
	 * slash. Unknown for a Custom environment that names none.
	 */
	inbox?: string;
}

export const MASKINPORTEN = {
	test: { issuer: 'https://test.maskinporten.no/', tokenUrl: 'https://test.maskinporten.no/token' },
	production: { issuer: 'https://maskinporten.no/', tokenUrl: 'https://maskinporten.no/token' },
} as const;

export const IDPORTEN = {
	test: {
		authorizeUrl: 'https://login.test.idporten.no/authorize',
		tokenUrl: 'https://test.idporten.no/token',
	},
	production: {
		authorizeUrl: 'https://login.idporten.no/authorize',
		tokenUrl: 'https://idporten.no/token',
	},
} as const;

export const ALTINN_PLATFORM = {
	test: 'https://platform.tt02.altinn.no',
	production: 'https://platform.altinn.no',
} as const;

/** Altinn's inbox ("arbeidsflate") of each environment. */
export const ALTINN_INBOX = {
	test: 'https://af.tt.altinn.no',
	production: 'https://af.altinn.no',
} as const;

export const DIALOGPORTEN = {
	test: `${ALTINN_PLATFORM.test}/dialogporten`,
	production: `${ALTINN_PLATFORM.production}/dialogporten`,
} as const;

/**
 * An n8n expression for a credential URL that follows the Environment field: Custom reads the
 * credential's field `customField`, Test and Production take `urls`. `credential` is how the
 * expression sees the credential: `$credentials` in a request of the credential, `$self` in a
 * field of its own.
 */
export function environmentUrlExpression(
	credential: '$credentials' | '$self',
	customField: string,
	urls: { readonly test: string; readonly production: string },
): string {
	const field = (name: string) =>
		credential === '$self' ? `$self["${name}"]` : `$credentials.${name}`;
	const environment = field('environment');
	return `={{ ${environment} === "custom" ? ${field(customField)} : (${environment} === "production" ? "${urls.production}" : "${urls.test}") }}`;
}

export function parseEnvironment(value: unknown): AltinnEnvironment {
	if (value === undefined || value === null || value === '') return 'test';
	if (value === 'test' || value === 'production' || value === 'custom') return value;
	throw new UserError(`Unknown environment "${String(value)}": choose Test, Production or Custom`);
}

/** Validates an absolute http(s) URL from a credential field and removes trailing slashes. */
export function requireUrl(value: unknown, label: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new UserError(`${label} is required when the environment is Custom`);
	const parsed = parseUrl(text);
	if (!parsed) throw new UserError(`${label} "${text}" is not a valid URL`);
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new UserError(`${label} must be an http or https URL`);
	}
	return withoutTrailingSlash(text);
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

export function withoutTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

export function altinnEndpoints(
	environment: AltinnEnvironment,
	custom: { platformUrl?: unknown; dialogportenUrl?: unknown; inboxUrl?: unknown },
): AltinnEndpoints {
	if (environment === 'custom') {
		const platform = requireUrl(custom.platformUrl, 'Altinn Platform URL');
		const inbox =
			typeof custom.inboxUrl === 'string' && custom.inboxUrl.trim() !== ''
				? requireUrl(custom.inboxUrl, 'Altinn Inbox URL')
				: undefined;
		return {
			platform,
			dialogporten: requireUrl(custom.dialogportenUrl, 'Dialogporten URL'),
			events: `${platform}/events/api/v1`,
			...(inbox ? { inbox } : {}),
		};
	}
	const platform = ALTINN_PLATFORM[environment];
	return {
		platform,
		dialogporten: DIALOGPORTEN[environment],
		events: `${platform}/events/api/v1`,
		inbox: ALTINN_INBOX[environment],
	};
}

export function exchangeUrl(
	platform: string,
	provider: 'maskinporten' | 'id-porten',
	testOrg = false,
): string {
	return `${platform}/authentication/api/v1/exchange/${provider}${testOrg ? '?test=true' : ''}`;
}

/** The Altinn endpoint fields both credentials show for the Custom environment. */
export const customAltinnEndpointFields: INodeProperties[] = [
	{
		displayName: 'Altinn Platform URL',
		name: 'platformUrl',
		type: 'string',
		default: '',
		placeholder: 'https://platform.example.no',
		description: 'Base of the Altinn platform APIs (token exchange, Events)',
		required: true,
		displayOptions: { show: { environment: ['custom'] } },
	},
	{
		displayName: 'Dialogporten URL',
		name: 'dialogportenUrl',
		type: 'string',
		default: '',
		placeholder: 'https://dialogporten.example.no',
		description: 'Base of Dialogporten; /api/v1/... is appended.',
		required: true,
		displayOptions: { show: { environment: ['custom'] } },
	},
	{
		displayName: 'Altinn Inbox URL',
		name: 'inboxUrl',
		type: 'string',
		default: '',
		placeholder: 'https://af.example.no',
		description:
			"Optional. Base of the end user's Altinn inbox; the dialog picker links to {this}/inbox/{dialog ID}. Empty: it links to the dialog in the API.",
		displayOptions: { show: { environment: ['custom'] } },
	},
];

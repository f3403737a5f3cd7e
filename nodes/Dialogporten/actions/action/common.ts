import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readAltinnCredential } from '../../auth';
import type { AnyDialog, DialogportenApi } from '../../helpers/interfaces';
import {
	defaultTokenHosts,
	parseTokenHosts,
	tokenHostRefusal,
	type TokenHostPolicy,
} from '../../helpers/tokenHosts';
import type { InputValidator } from '../../helpers/validation';
import type { RedirectCheck, RequestAuth } from '../../transport';
import { nodeCredentialType } from '../../transport';

const tokenOptions: INodeProperties['options'] = [
	{
		name: 'Automatic',
		value: 'auto',
		description:
			'The dialog token in the end user API (what a dialog’s own actions expect), the credential token in the service owner API',
	},
	{
		name: 'Credential Token',
		value: 'credential',
		description:
			'The token of this node’s credential (it must carry the scopes the endpoint needs, e.g. altinn:correspondence.read)',
	},
	{
		name: 'Dialog Token',
		value: 'dialogToken',
		description: 'The dialog token Dialogporten issues with the dialog (end user API only)',
	},
	{ name: 'None', value: 'none', description: 'No Authorization header' },
];

/**
 * "Send Token". Node version 2 defaults to Automatic (the dialog token for an end user, which a
 * typical confirm action expects); version 1 keeps Credential Token, so a saved workflow that never
 * set the field sends what it always sent. `hide` rather than `show`, because an operation's
 * fields get the version in `show` from the resource table.
 */
export const requestAuthFields: INodeProperties[] = [
	{
		displayName: 'Send Token',
		name: 'actionAuth',
		type: 'options',
		default: 'credential',
		description: "Which token the service owner's endpoint receives as Bearer token",
		options: tokenOptions,
		displayOptions: { hide: { '@version': [2] } },
	},
	{
		displayName: 'Send Token',
		name: 'actionAuth',
		type: 'options',
		default: 'auto',
		description: "Which token the service owner's endpoint receives as Bearer token",
		options: tokenOptions,
		displayOptions: { hide: { '@version': [1] } },
	},
];

/** "Send Token" as set, with the default of the node's version when it is not. */
export function tokenChoice(this: IExecuteFunctions, itemIndex: number): string {
	const fallback = this.getNode().typeVersion >= 2 ? 'auto' : 'credential';
	return String(this.getNodeParameter('actionAuth', itemIndex, fallback) || fallback);
}

/** Whether the dialog must be read to send its token. */
export function needsDialogToken(choice: string, api: DialogportenApi): boolean {
	return choice === 'dialogToken' || (choice === 'auto' && api === 'enduser');
}

export const trustedHostsField: INodeProperties = {
	displayName: 'Trusted Hosts',
	name: 'trustedHosts',
	type: 'string',
	default: '',
	placeholder: 'e.g. api.example.no, *.example.no',
	description:
		"Other hosts that may receive this node's credential token, separated by commas (*.example.no for every subdomain). Always allowed: the Altinn platform of the credential's environment (Test: platform.tt02.altinn.no and *.apps.tt02.altinn.no; Production: platform.altinn.no and *.apps.altinn.no; Custom: the hosts of its Altinn Platform and Dialogporten URLs). Outside Custom the token goes only over https.",
	displayOptions: { show: { actionAuth: ['credential', 'auto'] } },
};

export const responseFields: INodeProperties[] = [
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Autodetect',
				value: 'auto',
				description: 'JSON for JSON, text for text, a file for anything else',
			},
			{ name: 'File', value: 'binary', description: 'Output the response as a binary file' },
			{ name: 'JSON', value: 'json' },
			{ name: 'Text', value: 'text' },
		],
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'Name of the binary field for a file response',
		displayOptions: { show: { responseFormat: ['auto', 'binary'] } },
	},
];

/** Resolves "Send Token" into a transport auth setting, failing before any request when impossible. */
export function resolveActionAuth(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
	dialog: AnyDialog | undefined,
	check: InputValidator,
): RequestAuth {
	const mode = tokenChoice.call(this, itemIndex);
	if (mode === 'none') return 'none';
	if (mode === 'credential') return nodeCredentialType.call(this, itemIndex);
	const token = (dialog as { dialogToken?: string | null } | undefined)?.dialogToken;
	if (mode === 'auto') {
		return api === 'enduser' && token
			? { bearerToken: token }
			: nodeCredentialType.call(this, itemIndex);
	}
	if (mode !== 'dialogToken') check.fail(`Unknown token choice "${mode}"`);
	if (api !== 'enduser') {
		check.fail(
			'Dialog tokens are only issued to end users',
			'Choose an end user operation, or send the credential token.',
		);
	}
	if (!token) check.fail('The dialog has no dialog token');
	return { bearerToken: token };
}

/**
 * What to try when the endpoint refuses the token (401 or 403): the other token. Endpoints of
 * dialog actions usually expect the dialog token; content APIs often the credential's own token.
 */
export function tokenRefusedHints(auth: RequestAuth): Partial<Record<number, string>> {
	const hint =
		auth === 'none'
			? 'No token was sent. Set Send Token to "Dialog Token" (end user) or "Credential Token".'
			: typeof auth === 'object'
				? 'The dialog token was sent. If the endpoint expects the token of your credential, set Send Token to "Credential Token" (the credential must carry the scopes the endpoint asks for).'
				: 'The token of your credential was sent. If the endpoint expects the dialog token, set Send Token to "Dialog Token" (end user operations only).';
	return { 401: hint, 403: hint };
}

/** The hosts the credential token may go to for this item (see helpers/tokenHosts.ts). */
export async function credentialTokenPolicy(
	this: IExecuteFunctions,
	itemIndex: number,
	auth: RequestAuth,
	check: InputValidator,
): Promise<TokenHostPolicy | undefined> {
	if (typeof auth !== 'string' || auth === 'none') return undefined;
	const extra = parseTokenHosts(this.getNodeParameter('trustedHosts', itemIndex, ''), check);
	const { environment, endpoints } = await readAltinnCredential.call(this, auth, itemIndex);
	return { environment, allowed: [...defaultTokenHosts(environment, endpoints), ...extra] };
}

/**
 * Fails before any request when the credential token may not go to `url`; returns the check for
 * the redirects the request meets on its way (undefined when no credential token is sent).
 */
export function guardCredentialToken(
	url: string,
	policy: TokenHostPolicy | undefined,
	check: InputValidator,
): RedirectCheck | undefined {
	if (!policy) return undefined;
	const refusal = tokenHostRefusal(new URL(url), policy);
	if (refusal) check.fail(refusal.message, refusal.description);
	return (target) => tokenHostRefusal(target, policy);
}

export function responseSettings(this: IExecuteFunctions, itemIndex: number) {
	return {
		format: this.getNodeParameter('responseFormat', itemIndex, 'auto') as
			'auto' | 'json' | 'text' | 'binary',
		binaryProperty: String(
			this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data',
		),
	};
}

export type Extra = IDataObject;

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AnyDialog, DialogportenApi } from '../../helpers/interfaces';
import type { InputValidator } from '../../helpers/validation';
import type { RequestAuth } from '../../transport';
import { nodeCredentialType } from '../../transport';

export const requestAuthField: INodeProperties = {
	displayName: 'Send Token',
	name: 'actionAuth',
	type: 'options',
	default: 'credential',
	description: "Which token the service owner's endpoint receives as Bearer token",
	options: [
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
	],
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
	const mode = this.getNodeParameter('actionAuth', itemIndex, 'credential') as string;
	if (mode === 'none') return 'none';
	if (mode === 'credential') return nodeCredentialType.call(this, itemIndex);
	if (mode !== 'dialogToken') check.fail(`Unknown token choice "${mode}"`);
	if (api !== 'enduser') {
		check.fail(
			'Dialog tokens are only issued to end users',
			'Choose the end user API, or send the credential token.',
		);
	}
	const token = (dialog as { dialogToken?: string | null } | undefined)?.dialogToken;
	if (!token) check.fail('The dialog has no dialog token');
	return { bearerToken: token };
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
